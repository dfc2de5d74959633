"""Two array helpers the names steps share: which tokens' ids are in a sorted id table, and which
tokens an entity already covers."""
from __future__ import annotations

import numpy
from spacy.tokens import Doc, Span


def positions_of(sorted_ids: numpy.ndarray, values: numpy.ndarray) -> list[int]:
    """The indices ``i`` with ``values[i]`` in ``sorted_ids`` (a sorted uint64 array), in order.
    A binary search per token, ~10x faster than ``numpy.isin`` on a document's short arrays."""
    if not len(sorted_ids):
        return []
    at = numpy.searchsorted(sorted_ids, values)
    at[at == len(sorted_ids)] = 0
    return numpy.flatnonzero(sorted_ids[at] == values).tolist()


def taken_tokens(doc: Doc, ents) -> numpy.ndarray:
    """One flag per token (and one past the end): whether an entity of ``ents`` covers it."""
    taken = numpy.zeros(len(doc) + 1, dtype=bool)
    for ent in ents:
        taken[ent.start:ent.end] = True
    return taken
