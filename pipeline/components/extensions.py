"""Custom attributes shared by Warta's components, registered once on import.

Span attributes hold the normalised values of the record schema (docs/schema.md);
``doc._.published`` carries the publication date (ISO ``YYYY-MM-DD`` or None) that
relative dates resolve against; ``doc._.boilerplate`` the page furniture's ``(start, end, kind)``
ranges (None until ``warta_boilerplate`` has run).
"""
from spacy.tokens import Doc, Span

SPAN_ATTRIBUTES = {
    "value": None,        # FIGURE: number; DATE/TIME: ISO string (None when unresolved)
    "value_max": None,    # FIGURE ranges: high end
    "unit": None,         # FIGURE: counted noun, ISO 4217 code or "%"
    "qualifier": None,    # FIGURE: one of = > >= < <= ~
    "granularity": None,  # DATE: day / week / month / year
    "relative": None,     # DATE: True when the expression is relative to the publication date
    "canonical": None,    # names: the full name the mention refers to
    "en": None,           # names: usual English name
    "speaker": None,             # QUOTE: [start, end] of the speaker's name mention
    "speaker_canonical": None,   # QUOTE: the speaker's canonical name
    "speaker_role": None,        # QUOTE: the speaker's title or role as written
    "cue": None,                 # QUOTE: [start, end] of the cue word
    "source": None,       # which component produced the span
}

for _name, _default in SPAN_ATTRIBUTES.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)

if not Doc.has_extension("boilerplate"):
    Doc.set_extension("boilerplate", default=None)


TEXT_KEY = "warta_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from the tokens on every access,
    which cost each component several per cent of the pipeline's time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
