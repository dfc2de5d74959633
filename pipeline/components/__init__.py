"""spaCy components of Warta. Importing this package registers every factory."""
from warta.components import extensions  # noqa: F401  (registers Doc/Span attributes)
from warta.components import figures, dates, names  # noqa: F401  (register factories)
