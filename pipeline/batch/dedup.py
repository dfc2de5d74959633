"""Duplicate documents in a batch run: the same article captured twice, and (``--near-duplicates``)
nearly the same article.

**Exact duplicates** (always on). Two documents whose *normalised body* is the same are the same
article. Normalised: Unicode NFKC, case-folded, every run of whitespace collapsed to one space,
stripped at both ends; punctuation is kept. The second and later ones get ``duplicate_of`` = the
first one's ``doc_id`` and ``duplicate_similarity`` = 1.0. A duplicate whose text is byte-identical
to the first's, with the same inputs to extraction (language hint, publication date: relative dates
resolve against it), is not extracted again: its record takes the first one's ``spans``, ``lang``,
``models``, ``boilerplate``, ``status`` and ``error`` and keeps its own ``doc_id``, metadata and
``text_sha256``. A duplicate that differs only in case or spacing is extracted on its own, since
the first one's offsets would not hold in its text. Two captures of one page differ in their crawl
time (WARC-Date): it is left out of the comparison, and the worker extracts the copy on its own
when its publication date comes from the crawl time after all (``shares_anchor``).

Detection runs where the input stream is read, in order, in one process (``runner.iter_partitions``),
so it is deterministic and a resumed run marks the same documents. The duplicate's partition may go
to another worker than the first one's, so its worker writes the record with ``status`` =
``PENDING`` and no spans, and ``finalize_output`` fills in the first one's extraction (the first
one always comes earlier in partition order; a first one that failed passes its error on): a cheap pass over the part files, only when the run
had such duplicates, learns which first documents are needed, and only their extraction is kept.
Error documents (no text) are never duplicates. Memory: one dict entry per distinct body (two
16-byte blake2b digests and a reference to the doc_id the run keeps anyway), about 200 bytes
(tracemalloc, 3,000 documents); about 45,000 documents of 300 words a second.

**Near duplicates** (``--near-duplicates``, needs datasketch): a MinHash (128 permutations) of the
word 5-gram shingles of the normalised body, indexed in a ``MinHashLSH``. A document whose estimated
Jaccard similarity to an earlier one is at least ``NEAR_THRESHOLD`` gets ``duplicate_of`` = the most
similar earlier document (the earliest on a tie) and ``duplicate_similarity`` = the estimate,
rounded to 3 places; it is still extracted on its own (its text differs, so its offsets differ).
A document is compared with every earlier document that is not an exact duplicate.

``NEAR_THRESHOLD`` = 0.8, measured on two news articles of about 180 words, one Indonesian and one
English (tests/test_duplicates.py). Estimated similarity to the article as first published:
changed headline 0.91-0.95, changed byline 0.88-0.91, changed footer 0.88-0.94, all three changed
at once 0.77-0.81 (at the threshold), two sentences added 0.83-0.88; first sentence rewritten
0.70-0.72, first half only 0.45-0.53, another newsroom's article on the same story 0.00, the same
with three of the first article's sentences pasted in 0.14-0.15. 0.9 would miss a short article
re-captured with another byline or footer (a longer article loses less to the same change); 0.8
keeps an article rewritten in part apart. An estimate from 128 permutations is within about 0.035 (one standard
deviation) near 0.8. Memory: about 6.3 KB per document in the main process (tracemalloc, 3,000
documents of 300 words: datasketch's in-memory index holds a set per band key, 16 bands; the
512-byte signature kept for the estimate); about 2,700 documents of 300 words a second.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from warta.batch.io import InputDoc

PENDING = "duplicate-pending"     # a duplicate's status until finalize fills in the first one's extraction
NEAR_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_WORDS = 5
# LSH bands x rows: a pair at similarity 0.8 becomes a candidate 94.7 % of the time, at 0.85 99.4 %
# (datasketch's own choice for 0.8, 9 x 13, finds 40 % and 69 %); candidates are checked on the signature
LSH_BANDS = (16, 8)
# what a reusing duplicate takes from the first document's record
REUSED_FIELDS = ("lang", "models", "boilerplate", "status", "error", "spans")
# InputDoc fields that never change what extraction makes of a text. The others (language and its
# hint, the publication dates that relative dates resolve against, any field added later) must be
# equal too for a duplicate to reuse an extraction; of the crawl time only whether there is one.
_IDENTITY_FIELDS = ("doc_id", "text", "origin", "title", "error", "warnings", "url", "site_name", "authors",
                    "partial", "status", "source_format", "offset", "duplicate_of", "duplicate_similarity")
_CRAWL_FIELD = "crawl_time"
_PENDING_MARK = json.dumps({"status": PENDING})[1:-1]    # as process_partition writes it


def normalise(text: str) -> str:
    """The body as duplicates are compared: NFKC, case-folded, whitespace runs collapsed, stripped."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _digest(data: str, person: bytes) -> bytes:
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16, person=person).digest()


def extraction_key(doc: InputDoc) -> bytes:
    """A digest of the text and of every field extraction reads besides it."""
    inputs = {f.name: getattr(doc, f.name) for f in fields(doc) if f.name not in _IDENTITY_FIELDS}
    if _CRAWL_FIELD in inputs:
        inputs[_CRAWL_FIELD] = inputs[_CRAWL_FIELD] is not None
    return _digest(doc.text + "\0" + repr(sorted(inputs.items())), b"warta-extract")


class DuplicateFinder:
    """Marks the duplicates of an input stream read in order (``mark``), and counts them."""

    def __init__(self, near_threshold: float | None = None):
        self.first: dict[bytes, tuple[str, bytes]] = {}   # normalised body -> first doc_id, its extraction key
        self.near = _NearIndex(near_threshold) if near_threshold is not None else None
        self.exact = self.reused = self.near_found = 0

    def mark(self, doc: InputDoc) -> InputDoc:
        """``doc``, or a copy of it with ``duplicate_of`` and ``duplicate_similarity`` set when it
        duplicates an earlier document, and ``status`` = ``PENDING`` when it reuses its extraction."""
        if doc.error or doc.status or doc.text is None or not (body := normalise(doc.text)):
            return doc
        key = _digest(body, b"warta-body")
        if key in self.first:
            first_id, first_extraction = self.first[key]
            reuse = extraction_key(doc) == first_extraction
            self.exact += 1
            self.reused += reuse
            return replace(doc, duplicate_of=first_id, duplicate_similarity=1.0, status=PENDING if reuse else None)
        self.first[key] = (doc.doc_id, extraction_key(doc))
        if self.near is not None and (match := self.near.add(doc.doc_id, body)):
            self.near_found += 1
            return replace(doc, duplicate_of=match[0], duplicate_similarity=match[1])
        return doc


def shingles(body: str) -> set[str]:
    """The word ``SHINGLE_WORDS``-grams of a normalised body (a shorter body is one shingle)."""
    words = body.split(" ")
    if len(words) <= SHINGLE_WORDS:
        return {body}
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _empty_minhash():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM)    # its permutations come from datasketch's fixed seed: the same in every run


def signature(body: str):
    """The MinHash of a normalised body's shingles (datasketch, ``NUM_PERM`` permutations)."""
    minhash = _empty_minhash().copy()    # a copy skips drawing the permutations again
    minhash.update_batch([shingle.encode("utf-8", "surrogatepass") for shingle in sorted(shingles(body))])
    return minhash


class _NearIndex:
    """Earlier documents' MinHash signatures in an LSH index: the most similar one at or above the threshold."""

    def __init__(self, threshold: float):
        try:
            from datasketch import MinHashLSH
        except ImportError:
            raise SystemExit("warta: error: --near-duplicates needs datasketch: pip install 'warta[dedup]'") from None
        import numpy

        self.numpy, self.threshold = numpy, threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=LSH_BANDS)
        self.signatures: list[tuple[str, bytes]] = []   # by order of arrival (the LSH key): doc_id, hash values

    def add(self, doc_id: str, body: str) -> tuple[str, float] | None:
        """Index ``body``; the earlier document it nearly duplicates and the estimated similarity, if any."""
        minhash = signature(body)
        values = minhash.hashvalues.astype(self.numpy.uint32)
        best = None
        for order in sorted(self.lsh.query(minhash)):          # sorted: the earliest wins a tie
            other = self.numpy.frombuffer(self.signatures[order][1], dtype=self.numpy.uint32)
            similarity = float(self.numpy.count_nonzero(values == other)) / NUM_PERM
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (self.signatures[order][0], similarity)
        self.lsh.insert(len(self.signatures), minhash)
        self.signatures.append((doc_id, values.tobytes()))
        return (best[0], round(best[1], 3)) if best else None


def shares_anchor(doc: InputDoc, meta: dict, meta_of: Callable[[InputDoc], dict]) -> bool:
    """Whether a pending duplicate's publication date (``meta["published"]``, resolved from ``doc`` by
    ``meta_of``) is the first document's too. Every input to it but the crawl time was compared, so it
    is unless the date comes from the crawl time: as the crawl time itself, or as a relative phrase
    ("2 jam yang lalu") counted from it."""
    if getattr(doc, _CRAWL_FIELD, None) is None or meta["published_source"] == "dateline":
        return True
    if meta["published_source"] not in ("field", "html"):        # the crawl time itself, or no date
        return False
    return meta_of(replace(doc, **{_CRAWL_FIELD: None}))["published"] == meta["published"]


# ---------------------------------------------------------------- finalize: filling in reused extractions

def needed_originals(parts: Iterable[Path]) -> set[str]:
    """The doc_ids whose extraction a pending duplicate of ``parts`` reuses (one pass, lines not parsed
    unless they hold a pending record)."""
    needed = set()
    for part in parts:
        with part.open(encoding="utf-8") as handle:
            for line in handle:
                if _PENDING_MARK in line and (record := json.loads(line)).get("status") == PENDING:
                    needed.add(record["duplicate_of"])
    return needed


class Extractions:
    """The extraction of the first documents that duplicates reuse, kept as their records pass by."""

    def __init__(self, needed: set[str]):
        self.needed = needed
        self.kept: dict[str, dict] = {}

    def complete(self, record: dict) -> dict:
        """``record``, with the first document's extraction filled in when it is a pending duplicate."""
        if record.get("status") != PENDING:
            if record["doc_id"] in self.needed:
                self.kept[record["doc_id"]] = {name: record.get(name) for name in REUSED_FIELDS}
            return record
        first = self.kept.get(record["duplicate_of"])
        if first is None:                # cannot happen in a run: the first one comes earlier
            return {**record, "status": "error", "error": f"duplicate of {record['duplicate_of']}, whose record is missing"}
        return {**record, **first}
