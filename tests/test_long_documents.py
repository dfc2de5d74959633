"""Whole documents: texts longer than one piece (batch/pieces.py, batch/engine.py) and UTF-16/UTF-32 files.

The transcripts are built here from sentences written for these tests: filler lines with no figure
and no date, and marked lines with both, so that every cut has a figure and a date close to it.
"""
from __future__ import annotations

import codecs
import json
import re
from contextlib import contextmanager

import pytest

from warta.backends import cached_pipeline
from warta.batch import engine
from warta.batch.engine import MAX_DOCUMENT_CHARS, extract_stream
from warta.batch.io import InputDoc, iter_inputs
from warta.batch.pieces import MAX_PIECE_CHARS, PIECE_CHARS, piece_bounds

PUBLISHED = "2023-06-15"
FILLER = [
    "MODERATOR: Baik, kita lanjutkan diskusi dengan pertanyaan dari peserta.",
    "NARASUMBER: Terima kasih. Saya sepakat dengan Dr. Hasan soal itu.",
    "PESERTA: Apakah pemerintah daerah sudah mendengar keluhan para pedagang pasar?",
    "NARASUMBER: Sudah, tetapi tanggapannya belum memuaskan banyak pihak!",
]
MARKED = [
    "NARASUMBER: Harga beras naik 12 persen sejak 3 Maret 2021.",
    "MODERATOR: Pada 17 Agustus 2022 sebanyak 250 relawan hadir di lapangan.",
]
LAST = "MODERATOR: Rapat berikutnya digelar 5 Januari 2024 dengan anggaran Rp 4,5 miliar."
UNIT = [FILLER[0], FILLER[1], MARKED[0], FILLER[2], FILLER[3], MARKED[1]]
RULE_LABELS = {"FIGURE", "DATE", "TIME"}


def transcript(n_chars: int, run_on_from: int | None = None, run_on_chars: int = 0) -> tuple[str, list[tuple[int, str]]]:
    """A transcript of about ``n_chars`` ending with LAST, and each line with its offset. Lines are
    separated by a line break, except in a run-on stretch of ``run_on_chars`` from ``run_on_from``
    (a long paragraph: there they are separated by a space and the cuts fall at sentence ends)."""
    parts, lines, length, i = [], [], 0, 0
    while length < n_chars:
        line = UNIT[i % len(UNIT)]
        i += 1
        lines.append((length, line))
        run_on = run_on_from is not None and run_on_from <= length < run_on_from + run_on_chars
        parts.append(line + (" " if run_on else "\n"))
        length += len(line) + 1
    lines.append((length, LAST))
    parts.append(LAST)                            # the very end: no line break after it
    return "".join(parts), lines


@contextmanager
def rules_only(lang: str = "id"):
    """The engine's own pipeline without the tok2vec and NER models: the figure and date rules
    (what a cut could break) at a fraction of the time, so that a 5 MB text is tested in seconds."""
    nlp = cached_pipeline(lang, "spacy", ())     # the arguments the engine passes (one cache entry)
    with nlp.select_pipes(disable=["tok2vec", "ner"]):
        yield nlp


def one(text: str, **options) -> dict:
    [record] = extract_stream([InputDoc("doc", text, "doc", published=PUBLISHED)], lang="id", **options)
    return record


def line_by_line(lines: list[tuple[int, str]]) -> list[tuple]:
    """The figure and date spans of each line processed alone, shifted to the line's offset."""
    alone: dict[str, list[dict]] = {}
    expected = []
    for offset, line in lines:
        if line not in alone:
            alone[line] = [span for span in one(line)["spans"] if span["label"] in RULE_LABELS]
        expected += [_key(span, offset) for span in alone[line]]
    return sorted(expected)


def _key(span: dict, offset: int = 0) -> tuple:
    return (span["start"] + offset, span["end"] + offset, span["label"], span["text"], str(span.get("value")))


def rule_spans(record: dict) -> list[tuple]:
    return sorted(_key(span) for span in record["spans"] if span["label"] in RULE_LABELS)


def assert_cuts_are_safe(text: str, piece_chars: int) -> list[int]:
    """Each cut follows white space and lies at a line end or a sentence end; returns the cuts."""
    bounds = piece_bounds(text, piece_chars)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(end - start <= piece_chars for start, end in bounds)
    cuts = [start for start, _ in bounds[1:]]
    for cut in cuts:
        assert text[cut - 1].isspace() and not text[cut].isspace(), (cut, text[cut - 20:cut + 20])
        if text[cut - 1] != "\n":
            ending = re.search(r"(\w+)([.!?])\s+$", text[cut - 30:cut])
            assert ending, text[cut - 30:cut + 10]
            if ending.group(2) == ".":               # a sentence end: a capital next, no title before it
                assert text[cut].isupper() and ending.group(1) != "Dr"
    return cuts


# ---------------------------------------------------------------- cutting


def test_a_short_text_is_one_piece_and_cuts_prefer_line_ends_then_sentence_ends():
    assert piece_bounds("Harga naik.", 100) == [(0, 11)]
    text = "Satu dua tiga. Empat lima.\nEnam tujuh. Delapan sembilan. Sepuluh"
    assert piece_bounds(text, 40)[0] == (0, text.index("\n") + 1)               # the line end, not a sentence end
    no_break = text.replace("\n", " ")
    assert piece_bounds(no_break, 40)[0] == (0, no_break.index("Delapan"))      # the last sentence end in 40
    assert piece_bounds("Ia bertemu Dr. Hasan di sana", 20)[0] == (0, len("Ia bertemu Dr. "))  # white space, no sentence end


def test_a_title_abbreviation_is_no_sentence_end():
    text = "Ia pulang. Lalu bertemu Dr. Hasan lagi"
    assert piece_bounds(text, 30)[0] == (0, text.index("Lalu"))


def test_two_million_characters_without_line_or_sentence_end_are_cut_at_white_space():
    words = ["harga", "naik", "lima", "persen", "di", "pasar", "induk", "kota"]
    text = " ".join(words[i % len(words)] for i in range(400_000))[:2_000_000]
    assert len(text) == 2_000_000 and "\n" not in text and "." not in text
    bounds = piece_bounds(text)
    assert len(bounds) >= 2_000_000 // PIECE_CHARS
    assert "".join(text[start:end] for start, end in bounds) == text
    for start, end in bounds[1:]:
        assert text[start - 1] == " " and text[start] != " "                    # never inside a word
    assert all(end - start <= PIECE_CHARS for start, end in bounds)


def test_a_window_without_white_space_stretches_to_the_next_one_and_stops_at_spacys_limit():
    text = "x" * 150 + " sisa"
    assert piece_bounds(text, 100) == [(0, 151), (151, 155)]
    endless = "y" * (MAX_PIECE_CHARS + 10)
    assert piece_bounds(endless, 100)[0] == (0, MAX_PIECE_CHARS)


# ---------------------------------------------------------------- long documents through the engine


@pytest.mark.slow
def test_a_5_mb_transcript_gives_one_record_whose_spans_are_those_of_its_lines():
    text, lines = transcript(5_000_000, run_on_from=2_000_000, run_on_chars=400_000)
    assert len(text) > 5_000_000
    cuts = assert_cuts_are_safe(text, PIECE_CHARS)
    assert any(text[cut - 1] != "\n" for cut in cuts)                      # the run-on stretch cut at sentence ends
    with rules_only():
        record = one(text)
        expected = line_by_line(lines)
    assert record["status"] == "ok", record["error"]
    assert record["n_words"] == len(text.split())
    assert record["text_sha256"] == engine.make_doc_record("x", text)["text_sha256"]
    for span in record["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    got = rule_spans(record)
    assert len(got) == len(expected) and got == expected
    figures = [s["start"] for s in record["spans"] if s["label"] == "FIGURE"]
    dates = [s["start"] for s in record["spans"] if s["label"] == "DATE"]
    for cut in cuts:                                                       # a figure and a date on each side
        for starts in (figures, dates):
            assert any(cut - 400 <= start < cut for start in starts) and any(cut <= start < cut + 400 for start in starts)
    last = text.rindex(LAST)
    assert {"FIGURE", "DATE"} <= {s["label"] for s in record["spans"] if s["start"] >= last}
    assert max(s["end"] for s in record["spans"]) > len(text) - 20               # "Rp 4,5 miliar" at the very end


def test_a_long_text_through_the_whole_pipeline_keeps_offsets_values_and_furniture():
    text, lines = transcript(120_000)
    text += "\nBaca juga: Harga Cabai Turun di Pasar Induk"       # furniture in the last piece
    record = one(text, piece_chars=25_000)
    assert record["status"] == "ok", record["error"]
    assert len(piece_bounds(text, 25_000)) >= 5
    for span in record["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert {"PERSON", "FIGURE", "DATE"} <= {span["label"] for span in record["spans"]}
    [(start, end, _)] = record["boilerplate"]
    assert start > 100_000 and text[start:end].startswith("Baca juga")
    assert rule_spans(record) == line_by_line(lines)


def test_a_failing_piece_makes_the_document_an_error_record_naming_the_piece(monkeypatch):
    text, _ = transcript(3_000)
    calls = []
    real = engine._extract_piece

    def second_fails(nlp, piece, published, limits):
        calls.append(piece)
        if len(calls) == 2:
            raise engine.DocumentTimeout("took longer than 60s")
        return real(nlp, piece, published, limits)

    monkeypatch.setattr(engine, "_extract_piece", second_fails)
    with rules_only():
        record = one(text, piece_chars=1_000)
    start, end = piece_bounds(text, 1_000)[1]
    assert record["status"] == "error" and record["spans"] == []
    assert f"in the piece at characters {start:,}-{end:,}" in record["error"] and "DocumentTimeout" in record["error"]
    assert record["text_sha256"] == engine.make_doc_record("x", text)["text_sha256"]


def test_short_documents_never_take_the_piece_path_and_runaway_ones_are_error_records(monkeypatch):
    def no_pieces(*args, **kwargs):
        raise AssertionError("a short document was cut")

    monkeypatch.setattr(engine, "_extract_in_pieces", no_pieces)
    with rules_only():
        assert one(MARKED[0] * 10, piece_chars=len(MARKED[0] * 10))["status"] == "ok"
    record = one("kata " * 30, max_chars=100)
    assert record["status"] == "error" and "too long" in record["error"]
    assert 5_000_000 < MAX_DOCUMENT_CHARS < 50_000_000


# ---------------------------------------------------------------- UTF-16 and UTF-32 files


UTF_TEXT = "Pada 3 Maret 2021 harga beras naik 12 persen di Medan.\nÉlise ✓ membayar Rp 4,5 juta 😀."


def with_mark(text: str, codec: str, mark: bytes) -> bytes:
    return mark + text.encode(codec)


ENCODED = {
    "utf8": UTF_TEXT.encode("utf-8"),
    "utf8bom": with_mark(UTF_TEXT, "utf-8", codecs.BOM_UTF8),
    "utf16le": with_mark(UTF_TEXT, "utf-16-le", codecs.BOM_UTF16_LE),
    "utf16be": with_mark(UTF_TEXT, "utf-16-be", codecs.BOM_UTF16_BE),
    "utf32le": with_mark(UTF_TEXT, "utf-32-le", codecs.BOM_UTF32_LE),
    "utf32be": with_mark(UTF_TEXT, "utf-32-be", codecs.BOM_UTF32_BE),
}


def records_of(paths) -> dict[str, dict]:
    docs = list(iter_inputs(map(str, paths)))
    for doc in docs:
        doc.published = PUBLISHED
    return {record["doc_id"]: record for record in extract_stream(docs, lang="id")}


def test_utf16_and_utf32_text_files_with_a_byte_order_mark_give_the_utf8_record(tmp_path):
    for name, raw in ENCODED.items():
        (tmp_path / f"{name}.txt").write_bytes(raw)
    records = records_of(sorted(tmp_path.iterdir()))
    reference = records["utf8"]
    assert reference["status"] == "ok" and {"FIGURE", "DATE"} <= {s["label"] for s in reference["spans"]}
    for name, record in records.items():
        assert record["status"] == "ok", record["error"]
        assert record["spans"] == reference["spans"], name                 # offsets count from after the mark
        assert record["text_sha256"] == reference["text_sha256"], name     # the mark is no text


def test_jsonl_and_csv_files_in_utf16_or_utf32_are_read(tmp_path):
    line = json.dumps({"id": "j", "text": UTF_TEXT}, ensure_ascii=False) + "\n"
    (tmp_path / "a.jsonl").write_bytes(with_mark(line + line.replace('"j"', '"k"'), "utf-16-le", codecs.BOM_UTF16_LE))
    (tmp_path / "b.jsonl").write_bytes(with_mark(line.replace('"j"', '"m"'), "utf-8", codecs.BOM_UTF8))
    quoted = UTF_TEXT.replace('"', '""')
    (tmp_path / "c.csv").write_bytes(with_mark(f'id,text\nc,"{quoted}"\n', "utf-32-be", codecs.BOM_UTF32_BE))
    docs = {doc.doc_id: doc for doc in iter_inputs([str(tmp_path)])}
    assert sorted(docs) == ["c", "j", "k", "m"]
    assert all(doc.text == UTF_TEXT and doc.error is None for doc in docs.values())


def test_nul_bytes_without_a_mark_are_still_binary_and_a_bad_utf16_file_is_an_error(tmp_path):
    (tmp_path / "nomark.txt").write_bytes(UTF_TEXT.encode("utf-16-le"))          # UTF-16 without its mark
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "odd.txt").write_bytes(codecs.BOM_UTF16_LE + b"a\x00b")           # half a character at the end
    (tmp_path / "nul.txt").write_bytes(with_mark("ab\x00cd", "utf-16-le", codecs.BOM_UTF16_LE))
    errors = {doc.doc_id: doc.error for doc in iter_inputs([str(tmp_path)])}
    assert "binary file (NUL bytes)" in errors["nomark"] and "binary file (NUL bytes)" in errors["png"]
    assert "invalid UTF-16 at byte" in errors["odd"]
    assert "binary file (NUL characters" in errors["nul"]


def test_speaker_cue_and_date_offsets_point_into_the_whole_text_in_every_piece():
    paragraph = ("Menteri Keuangan Sri Mulyani mengatakan pada Senin (14/10/2024) bahwa anggaran subsidi naik 12 persen "
                 "tahun ini. \"Kami menambah Rp 5 triliun untuk pupuk,\" kata Sri Mulyani.\n")
    text = paragraph * 40
    record = one(text, piece_chars=2_000)
    assert record["status"] == "ok" and len(piece_bounds(text, 2_000)) >= 4
    quotes = [s for s in record["spans"] if s["label"] == "QUOTE" and s.get("speaker")]
    assert len(quotes) >= 40
    for span in quotes + [s for s in record["spans"] if s["label"] == "FIGURE"]:
        for name in ("speaker", "cue", "claim_date"):
            if span.get(name):
                start, end = span[name]
                assert 0 <= start - span["start"] < 400 or 0 <= span["start"] - end < 400, (name, span)
                assert text[start:end].strip(), (name, span)
    speakers = {text[s["speaker"][0]:s["speaker"][1]] for s in quotes}
    assert speakers == {"Sri Mulyani"}
