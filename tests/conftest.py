import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


@pytest.fixture(scope="module")
def blank():
    """A tokenizer-only pipeline per language and its names component (no model entities), for the
    names and gazetteer tests: the rules are tested, not the model."""
    import spacy

    from warta.components.names import NamesComponent
    from warta.lang import SUPPORTED_LANGS
    from warta.tokenization import customize_tokenizer

    made = {}
    for lang in SUPPORTED_LANGS:
        nlp = customize_tokenizer(spacy.blank(lang))
        made[lang] = (nlp, NamesComponent(nlp, "warta_names", lang=lang))
    return made


def run_names(blank, lang, text, ents=(), **settings):
    """The names component on ``text`` whose model entities are ``ents``: (substring, label) pairs in
    text order, each found after the previous one; ``settings`` change the component for this call."""
    nlp, names = blank[lang]
    doc = nlp.make_doc(text)
    spans, position = [], 0
    for part, label in ents:
        start = text.index(part, position)
        position = start + len(part)
        spans.append(doc.char_span(start, position, label=label))
    doc.ents = spans
    saved = {key: getattr(names, key) for key in settings}
    try:
        for key, value in settings.items():
            setattr(names, key, value)
        return names(doc)
    finally:
        for key, value in saved.items():
            setattr(names, key, value)
