"""spaCy components of Warta. Importing this package registers every factory."""
from pipeline.components import extensions  # noqa: F401  (registers Doc/Span attributes)
from pipeline.components import figures, dates, names  # noqa: F401  (register factories)
