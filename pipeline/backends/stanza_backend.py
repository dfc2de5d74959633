"""The stanza backend (``--backend stanza``): stanza's tokens, POS tags and English NER in a spaCy pipeline.

``load_stanza(lang)`` returns an ordinary spaCy ``Language`` whose tokenizer is a
``stanza.Pipeline``: the text becomes a ``Doc`` of stanza's tokens (whitespace from the character
offsets, so ``doc.text == text``) with ``token.pos_`` from stanza's UPOS tags. Then come the usual
pipes:

- English: ``ner`` hands stanza's entities (OntoNotes types for the official model) to
  ``doc.ents``, mapped to PERSON / ORG / PLACE by ``pipeline/lang/en/stanza_ner_labels.json``;
- Indonesian: stanza has no Indonesian NER model, so the shipped spaCy model ``models/id_ner``
  (tok2vec + ner) runs over stanza's tokens;
- ``warta_figures`` and ``warta_dates``, as in the spaCy backend.

Models are never downloaded at load time (``download_method=None``): they come from a stanza
resources directory (``resources_dir``, else ``$STANZA_RESOURCES_DIR``, else stanza's default),
filled by ``warta models download``, or from explicit files (``model_paths``, the keyword
arguments of ``stanza.Pipeline``: ``tokenize_model_path``, ``pos_model_path``,
``pos_pretrain_path``, ``ner_model_path``, ``ner_pretrain_path``, ...). Without stanza, torch or
the models, loading raises :class:`BackendUnavailableError` saying how to install them.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from warta import paths
from warta.backends import BackendUnavailableError
import warta.components  # noqa: F401  (registers the factories and extensions)
from warta.lang import SUPPORTED_LANGS, lang_data_path, load_lang_data

PACKAGE_HINT = ("pip install 'warta[stanza]' (without a GPU, install the CPU build of torch first: "
                "pip install torch==2.13.0 from PyTorch's CPU package index)")


def models_hint(langs: str = "en id") -> str:
    return (f"fetch stanza's models with `warta models download --lang {langs}` (needs a network) or set "
            f"STANZA_RESOURCES_DIR to a directory that holds them; the backend itself installs with {PACKAGE_HINT}")


# a JSON file {lang: model_paths}: explicit stanza models for runs that cannot pass them (the CLI)
MODEL_PATHS_ENV = "WARTA_STANZA_MODEL_PATHS"
ENTS_KEY = "warta_stanza_ents"       # doc.user_data: stanza's entities, [(start_char, end_char, type)]
SPACE_POS = "SPACE"
# stanza processors per language; "required" must load, "optional" is used where installed.
# MWT is added by stanza itself where the tokenizer package needs it.
PROCESSORS = {"en": {"required": ("tokenize", "ner"), "optional": ("pos",)},
              "id": {"required": ("tokenize", "pos"), "optional": ()}}
_PIECES = re.compile(r"\s+|\S+")
# a resources.json listing no language: stanza reads one even when every model path is explicit
NO_RESOURCES = Path(__file__).with_name("stanza_no_resources.json")


def _import_stanza():
    try:
        import torch  # noqa: F401
        import stanza
    except ImportError as exc:
        raise BackendUnavailableError(f"the stanza backend needs stanza and torch ({exc}): install them with "
                                      f"{PACKAGE_HINT}, then run `warta models download --lang en id`") from exc
    return stanza


def resources_dir_default() -> Path:
    """``$STANZA_RESOURCES_DIR``, else stanza's own default directory."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    _import_stanza()
    from stanza.resources.common import DEFAULT_MODEL_DIR
    return Path(DEFAULT_MODEL_DIR)


def ner_label_map(lang: str) -> dict[str, str | None]:
    """stanza entity type -> project label (or None) from ``warta/lang/<lang>/stanza_ner_labels.json``,
    or the English file's for a language that has none. A fresh copy: the loaded facts are shared."""
    source = lang if lang_data_path(lang, "stanza_ner_labels").exists() else "en"
    return dict(load_lang_data(source, "stanza_ner_labels")["labels"])


# --------------------------------------------------------------------------------------------
# stanza tokens -> spaCy Doc
# --------------------------------------------------------------------------------------------

def _token_pieces(token, surface: str) -> list[tuple[str, str]]:
    """(text, UPOS) of one stanza token. A multi-word token whose words spell the surface form
    ("bukunya" -> buku + nya, "don't" -> do + n't) becomes several spaCy tokens; otherwise it stays
    one token with its first word's tag."""
    words = token.words
    if len(words) > 1 and "".join(w.text for w in words) == surface:
        return [(w.text, w.upos or "") for w in words]
    return [(surface, (words[0].upos if words else None) or "")]


def stanza_to_doc(vocab, text: str, sdoc) -> Doc:
    """A spaCy Doc of stanza's tokens whose text is exactly ``text``.

    Whitespace between tokens becomes the previous token's trailing space where it is one space,
    and whitespace tokens otherwise (spaCy's convention); characters stanza left out of every token
    become tokens of their own, so nothing of the text is lost.
    """
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []

    def add(word: str, tag: str) -> None:
        words.append(word)
        spaces.append(False)
        tags.append(tag)

    def add_gap(gap: str) -> None:
        for piece in _PIECES.findall(gap):
            if not piece.isspace():
                add(piece, "X")
                continue
            if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                add(piece, SPACE_POS)

    cursor = 0
    for sentence in sdoc.sentences:
        for token in sentence.tokens:
            start, end = token.start_char, token.end_char
            if start is None or end is None or start < cursor or end > len(text) or end <= start:
                continue          # no usable offsets: its characters end up in the next gap
            add_gap(text[cursor:start])
            for piece, upos in _token_pieces(token, text[start:end]):
                add(piece, upos)
            cursor = end
    add_gap(text[cursor:])
    doc = Doc(vocab, words=words, spaces=spaces)
    for token, tag in zip(doc, tags):
        if tag:
            token.pos_ = tag
    ents = [(ent.start_char, ent.end_char, ent.type) for ent in getattr(sdoc, "ents", ()) or ()]
    if ents:
        doc.user_data[ENTS_KEY] = ents
    return doc


class StanzaTokenizer:
    """A spaCy tokenizer running a ``stanza.Pipeline``: tokens, POS tags and (if loaded) entities."""

    def __init__(self, vocab, stanza_pipeline, batch_size: int = 256):
        self.vocab = vocab
        self.stanza = stanza_pipeline
        self.batch_size = batch_size

    def __call__(self, text: str) -> Doc:
        return stanza_to_doc(self.vocab, text, self.stanza(text))

    def pipe(self, texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
        """Docs for ``texts``, stanza running on batches of documents (faster than one by one)."""
        import stanza

        batch: list[str] = []
        size = batch_size or self.batch_size
        for text in texts:
            batch.append(text)
            if len(batch) >= size:
                yield from self._process(batch, stanza)
                batch = []
        if batch:
            yield from self._process(batch, stanza)

    def _process(self, texts: list[str], stanza) -> Iterator[Doc]:
        sdocs = self.stanza([stanza.Document([], text=text) for text in texts])
        for text, sdoc in zip(texts, sdocs):
            yield stanza_to_doc(self.vocab, text, sdoc)

    # spaCy serialises the tokenizer with the pipeline; this one is rebuilt by load_stanza instead
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "StanzaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "StanzaTokenizer":
        return self


@Language.factory("warta_stanza_ner", default_config={"labels": {}})
class StanzaEntities:
    """``doc.ents`` from the entities stanza found while tokenising, mapped to project labels."""

    def __init__(self, nlp: Language, name: str, labels: dict):
        self.labels = dict(labels)

    def __call__(self, doc: Doc) -> Doc:
        found = doc.user_data.pop(ENTS_KEY, None) or []
        spans = []
        for start, end, kind in found:
            label = self.labels.get(kind)
            if label:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and len(span):
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def _pipeline_from_paths(stanza, lang: str, model_paths: dict, device: str | None):
    paths = {key: str(value) for key, value in model_paths.items() if value is not None}
    missing = [f"{key}={value}" for key, value in paths.items() if key.endswith("_path") and not Path(value).exists()]
    if missing:
        raise BackendUnavailableError(f"stanza model files not found: {', '.join(missing)}; {models_hint(lang)}")
    processors = [name for name in ("tokenize", "mwt", "pos", "ner") if f"{name}_model_path" in paths]
    absent = [name for name in PROCESSORS[lang]["required"] if name not in processors]
    if absent:
        raise BackendUnavailableError(
            f"the stanza backend for {lang!r} needs {', '.join(f'{name}_model_path' for name in absent)} in model_paths")
    return stanza.Pipeline(lang, processors=",".join(processors), download_method=None,
                           resources_filepath=str(NO_RESOURCES), allow_unknown_language=True,
                           logging_level="ERROR", device=device, **paths), processors


def _pipeline_from_resources(stanza, lang: str, resources_dir: Path, device: str | None):
    if not (resources_dir / "resources.json").exists() or not (resources_dir / lang).is_dir():
        raise BackendUnavailableError(f"no stanza models for {lang!r} in {resources_dir}; {models_hint(lang)}")
    wanted = PROCESSORS[lang]
    attempts = [wanted["required"] + wanted["optional"]]
    if wanted["optional"]:
        attempts.append(wanted["required"])
    error: Exception | None = None
    for processors in attempts:
        try:
            pipe = stanza.Pipeline(lang, dir=str(resources_dir), processors=",".join(processors),
                                   download_method=None, logging_level="WARN", device=device)
            return pipe, list(pipe.processors)
        except (FileNotFoundError, ValueError, KeyError) as exc:   # a model of this set is missing
            error = exc
    raise BackendUnavailableError(f"stanza models for {lang!r} are incomplete in {resources_dir} ({error}); "
                                  f"{models_hint(lang)}") from error


def _model_paths_from_env(lang: str) -> dict | None:
    path = Path(os.environ[MODEL_PATHS_ENV])
    try:
        return json.loads(path.read_text(encoding="utf-8")).get(lang)
    except (OSError, ValueError, AttributeError) as exc:
        raise BackendUnavailableError(f"{MODEL_PATHS_ENV}={path}: not a readable JSON object of model paths "
                                      f"per language ({exc})") from exc


def load_stanza(lang: str = "id", *, resources_dir: str | Path | None = None, model_paths: dict | None = None,
                device: str | None = None, spacy_ner: bool = True, aliases: Sequence[str | Path] = ()) -> Language:
    """A spaCy pipeline on stanza's tokens and tags; see the module docstring.

    ``model_paths``: explicit model files (``stanza.Pipeline`` keyword arguments; else the entry for
    ``lang`` in the JSON file named by ``$WARTA_STANZA_MODEL_PATHS``); otherwise the official
    models in ``resources_dir`` (default ``$STANZA_RESOURCES_DIR``). ``spacy_ner``:
    for languages without a stanza NER model (Indonesian), run the shipped spaCy NER model over
    stanza's tokens. ``aliases``: as for ``warta.nlp.load``. Nothing is downloaded.
    """
    if lang not in SUPPORTED_LANGS:
        raise ValueError(f"unsupported language {lang!r}; Warta supports {', '.join(SUPPORTED_LANGS)}")
    stanza = _import_stanza()
    if not model_paths and resources_dir is None and os.environ.get(MODEL_PATHS_ENV):
        model_paths = _model_paths_from_env(lang)
    try:
        if model_paths:
            spipe, processors = _pipeline_from_paths(stanza, lang, dict(model_paths), device)
            source = "explicit model paths"
        else:
            where = Path(resources_dir) if resources_dir else resources_dir_default()
            spipe, processors = _pipeline_from_resources(stanza, lang, where, device)
            source = str(where)
    except BackendUnavailableError:
        raise
    except Exception as exc:       # unreadable, incompatible or incomplete model files
        raise BackendUnavailableError(f"could not load the stanza models for {lang!r}: {type(exc).__name__}: {exc}; "
                                      f"{models_hint(lang)}") from exc

    from warta.nlp import add_components

    version = f"stanza-tokenize@{stanza.__version__}"
    if "ner" in processors:
        nlp = spacy.blank(lang)
        nlp.add_pipe("warta_stanza_ner", name="ner", config={"labels": ner_label_map(lang)})
        nlp.meta["name"], nlp.meta["version"] = "stanza-ner", stanza.__version__
    elif spacy_ner and (paths.ner_model_dir(lang) / "meta.json").exists():
        nlp = spacy.load(paths.ner_model_dir(lang), exclude=["tokenizer"])   # the spaCy NER model over stanza's tokens
    else:
        nlp = spacy.blank(lang)
    nlp.tokenizer = StanzaTokenizer(nlp.vocab, spipe)
    add_components(nlp, lang, aliases=aliases)
    nlp.meta["warta_backend"] = "stanza"
    nlp.meta["warta_tokenizer"] = version
    nlp.meta["warta_stanza"] = {"processors": processors, "models": source}
    return nlp


def download_models(langs: Iterable[str], resources_dir: str | Path | None = None) -> Iterator[str]:
    """Fetch stanza's official models for ``langs`` (the processors ``load_stanza`` uses, with
    their pretrained vectors and character LMs) into ``resources_dir``; one line per language."""
    stanza = _import_stanza()
    where = Path(resources_dir) if resources_dir else resources_dir_default()
    for lang in langs:
        processors = ",".join(PROCESSORS[lang]["required"] + PROCESSORS[lang]["optional"])
        try:
            stanza.download(lang, model_dir=str(where), processors=processors, logging_level="WARN")
        except Exception as exc:     # no network, proxy, disk full, ...: one clear line, no traceback
            raise BackendUnavailableError(
                f"could not download stanza's {lang!r} models into {where} ({type(exc).__name__}: {exc}). "
                "The download needs access to raw.githubusercontent.com and huggingface.co; without a network, "
                "copy a stanza resources directory from another machine and set STANZA_RESOURCES_DIR") from exc
        yield f"stanza {stanza.__version__} {lang} models ({processors}) in {where}"
