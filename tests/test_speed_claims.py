"""The speed benchmark's claim layer: quotes, figure subjects and attribution timed over processed docs."""
from __future__ import annotations

from unittest import mock

import warta.rules.attribution
from warta.backends import cached_pipeline
from warta.benchmarks import speed

TEXTS = ['"Harga beras naik 5 persen pada Maret 2024," kata Budi Santoso di Jakarta.',
         "Menurut data BPS, ekspor turun 3 persen. Menteri Perdagangan Dewi Lestari mengatakan impor naik."]


def test_the_claim_layer_times_the_quotes_the_subjects_and_the_attribution_of_every_document():
    nlp = cached_pipeline("id")
    docs = list(nlp.pipe(TEXTS))
    seen = []
    real = warta.rules.attribution.attribute

    def counting(text, spans, lang):
        seen.append((text, [s["label"] for s in spans]))
        return real(text, spans, lang)
    with mock.patch("warta.rules.attribution.attribute", counting):
        seconds = speed.claim_layer_seconds(nlp, docs, repeats=2)
    assert set(seconds) >= {"warta_quotes", "attribution"} and seconds["warta_quotes"] > 0 < seconds["attribution"]
    figures = nlp.get_pipe("warta_figures")
    if figures.subjects is not None:
        assert seconds["figure subjects"] >= 0 and figures.subjects is not None   # switched back on
        assert any(span._.subject for doc in docs for span in doc.spans["figures"])
    # attribution ran on each document's own spans, twice (best of two), FIGUREs and QUOTEs among them
    assert [text for text, _ in seen] == TEXTS * 2
    assert all("FIGURE" in labels and "QUOTE" in labels for _, labels in seen)
    # the quotes are still there after being timed again
    assert all(len(doc.spans["quotes"]) >= 1 for doc in docs)


def test_the_report_gives_the_claim_layer_as_a_share_added_to_the_full_pipeline():
    report = {"input": "x", "words": 10, "words_per_second": {"tokenizer": 100}, "ratio_to_tokenizer": {"tokenizer": 1.0},
              "component_share": {"warta_quotes": 0.1}, "components_overhead": 0.2,
              "added_to_ner_pipeline": {"warta_quotes": 0.05},
              "claim_layer_seconds": {"warta_quotes": 0.5, "attribution": 0.25}, "claim_layer_added": 0.075}
    text = speed.format_report(report)
    assert "claim layer, % added to the full pipeline: 7.5% (warta_quotes 0.500 s, attribution 0.250 s)" in text
