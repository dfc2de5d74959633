"""The default backend: the shipped spaCy NER model (or a blank pipeline) with the news tokenizer."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import spacy
from spacy.language import Language

from warta import paths
from warta.lang import SUPPORTED_LANGS
from warta.nlp import add_components
from warta.tokenization import NEWS_TOKENIZER_CONFIG


def load_spacy(lang: str = "id", *, ner: bool = True, aliases: Sequence[str | Path] = ()) -> Language:
    """A fresh spaCy pipeline: the shipped NER model for ``lang`` (if any), then names, figures and dates.

    ``aliases``: the user's alias files (docs/schema.md), read after the shipped table; later files win.

    Names are in ``doc.ents`` (PERSON/ORG/PLACE); figures and dates in ``doc.spans["figures"]``
    and ``doc.spans["dates"]``; set ``doc._.published`` before the components run to resolve
    relative dates (``nlp(make_doc(nlp, text, published))``).
    """
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language {lang!r}; Warta supports {', '.join(SUPPORTED_LANGS)}")
    path = paths.ner_model_dir(lang)
    if ner and (path / "meta.json").exists():
        # the model's tokenizer is spaCy's default for the language: build the news tokenizer
        # instead of loading it and then changing it (each change re-tokenises 16k special cases)
        nlp = spacy.load(path, exclude=["tokenizer"], config=NEWS_TOKENIZER_CONFIG)
    else:
        nlp = spacy.blank(lang, config=NEWS_TOKENIZER_CONFIG)
    return add_components(nlp, lang, aliases)
