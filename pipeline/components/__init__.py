"""spaCy components of Warta. Importing this package registers the span attributes
(:mod:`extensions`) and every factory (:mod:`factories`: warta_names, warta_figures, warta_dates)."""
from warta.components import extensions  # noqa: F401  (registers Doc/Span attributes)
from warta.components import factories  # noqa: F401  (registers every factory)
