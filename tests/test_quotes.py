"""QUOTE spans: direct and indirect speech with speaker, cue and role (issue 20; docs/ANNOTATION.md "Quotes").

The rule engine is tested on texts written here with the name mentions handed to it, so that a test
does not depend on the NER model; the pipeline tests check what the component adds to a record.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from warta.backends import cached_pipeline
from warta.batch.tables import RecordWriter, mention_rows, read_tables, records_from_tables
from warta.lang import load_lang_data
from warta.records import VALUE_FIELDS, make_doc_record, make_span
from warta.rules.quotes import Entity, quote_rules


def ents(text: str, *names: tuple[str, str]) -> list[Entity]:
    """Entities for the first occurrence of each (surface, label); canonical = the surface."""
    found = []
    for surface, label in names:
        if surface not in text:
            continue
        start = text.index(surface)
        found.append(Entity(start, start + len(surface), label, surface))
    return found


def quotes(lang: str, text: str, *names: tuple[str, str]) -> list[dict]:
    """The quotes as plain dicts with the texts of the quote, speaker and cue."""
    found = []
    for q in quote_rules(lang).find(text, ents(text, *names)):
        found.append({"text": text[q.start:q.end], "kind": q.kind,
                      "speaker": text[q.speaker[0]:q.speaker[1]] if q.speaker else None,
                      "canonical": q.speaker_canonical,
                      "cue": text[q.cue[0]:q.cue[1]] if q.cue else None, "role": q.speaker_role})
    return found


# ----------------------------------------------------------------------------- direct speech

def test_direct_quote_with_cue_and_role_after_the_name():
    text = '"Kami akan menaikkan anggaran tahun depan," kata Budi Santoso, Kepala Dinas Pendidikan Kota Bogor.'
    [q] = quotes("id", text, ("Budi Santoso", "PERSON"))
    assert q == {"text": "Kami akan menaikkan anggaran tahun depan,", "kind": "direct", "speaker": "Budi Santoso",
                 "canonical": "Budi Santoso", "cue": "kata", "role": "Kepala Dinas Pendidikan Kota Bogor"}


def test_curly_marks_and_a_role_before_the_name():
    text = "\u201cHarga beras akan turun bulan depan,\u201d ujar Menteri Perdagangan Dewi Lestari di Jakarta."
    [q] = quotes("id", text, ("Dewi Lestari", "PERSON"))
    assert (q["text"], q["speaker"], q["cue"], q["role"]) == (
        "Harga beras akan turun bulan depan,", "Dewi Lestari", "ujar", "Menteri Perdagangan")


def test_english_direct_quote_said_after_the_name_and_capitalised_role_words():
    text = '"We will not raise prices this year," Finance Minister Anna Berg told reporters.'
    [q] = quotes("en", text, ("Anna Berg", "PERSON"))
    assert (q["speaker"], q["cue"], q["role"]) == ("Anna Berg", "told", "Finance Minister")


def test_a_quote_split_by_its_cue_is_two_spans_with_one_speaker():
    text = '"Jalan itu rusak parah," kata Rina Wati. "Kami sudah melapor ke dinas sejak bulan lalu."'
    first, second = quotes("id", text, ("Rina Wati", "PERSON"))
    assert first["text"] == "Jalan itu rusak parah,"
    assert second["text"] == "Kami sudah melapor ke dinas sejak bulan lalu."
    assert first["speaker"] == second["speaker"] == "Rina Wati"
    assert first["cue"] == second["cue"] == "kata"


def test_a_quote_continued_in_the_next_paragraph_is_one_span():
    text = ('"Produksi padi naik tahun ini karena hujan cukup.\n'
            '"Kami berharap harga gabah tetap stabil," kata Joko Susilo.')
    [q] = quotes("id", text, ("Joko Susilo", "PERSON"))
    assert q["text"].startswith("Produksi padi naik") and q["text"].endswith("tetap stabil,")
    assert q["speaker"] == "Joko Susilo"


def test_an_unclosed_quote_ends_with_its_paragraph_when_the_next_does_not_open_one():
    text = '"Produksi padi naik tahun ini karena hujan cukup.\nHarga gabah di tingkat petani tetap stabil.'
    [q] = quotes("id", text)
    assert q["text"] == "Produksi padi naik tahun ini karena hujan cukup."


def test_a_scare_quote_is_no_quote_but_a_cued_short_one_is():
    assert quotes("id", 'Para pengamat menganggap AI sebagai "mesin" pertumbuhan ekonomi baru.') == []
    [q] = quotes("en", '"Absolutely not," she said.')
    assert (q["text"], q["cue"], q["speaker"]) == ("Absolutely not,", "said", None)


def test_quoted_words_without_cue_or_speaker_are_a_quote_with_both_null():
    [q] = quotes("en", 'The banner read: "Workers deserve a fair wage now and always."')
    assert (q["speaker"], q["cue"]) == (None, None)


def test_tokenised_text_with_spaced_marks():
    text = '" Kami tidak pernah mengeluarkan pernyataan itu , " ujar Sekar Ayu , Jumat ( 13/12 ) .'
    [q] = quotes("id", text, ("Sekar Ayu", "PERSON"))
    assert (q["text"], q["speaker"], q["cue"]) == ("Kami tidak pernah mengeluarkan pernyataan itu ,", "Sekar Ayu", "ujar")


# ----------------------------------------------------------------------------- indirect speech

@pytest.mark.parametrize("lang, text, clause, cue", [
    ("id", "Gubernur Jawa Barat Ahmad Fauzi mengatakan bahwa jalan tol itu akan dibuka bulan depan.",
     "jalan tol itu akan dibuka bulan depan", "mengatakan"),
    ("id", "Ahmad Fauzi mengatakan, jalan tol itu akan dibuka bulan depan.",
     "jalan tol itu akan dibuka bulan depan", "mengatakan"),
    ("id", "Menurut Ahmad Fauzi, jalan tol itu akan dibuka bulan depan.",
     "jalan tol itu akan dibuka bulan depan", "Menurut"),
    ("en", "Ahmad Fauzi said that the toll road would open next month.",
     "the toll road would open next month", "said"),
    ("en", "According to Ahmad Fauzi, the toll road will open next month.",
     "the toll road will open next month", "According to"),
    ("en", "The toll road will open next month, Ahmad Fauzi said.",
     "The toll road will open next month", "said"),
    ("id", "Jalan tol itu akan dibuka bulan depan, kata Ahmad Fauzi.",
     "Jalan tol itu akan dibuka bulan depan", "kata"),
])
def test_indirect_speech_runs_to_the_end_of_its_clause(lang, text, clause, cue):
    [q] = quotes(lang, text, ("Ahmad Fauzi", "PERSON"))
    assert (q["kind"], q["text"], q["speaker"], q["cue"]) == ("indirect", clause, "Ahmad Fauzi", cue)


def test_a_linking_word_before_the_cue_is_no_part_of_the_quote():
    text = "Selanjutnya, kata Ahmad Fauzi, jalan tol itu akan dibuka bulan depan."
    [q] = quotes("id", text, ("Ahmad Fauzi", "PERSON"))
    assert q["text"] == "jalan tol itu akan dibuka bulan depan" and q["cue"] == "kata"


def test_a_cue_splitting_a_clause_gives_both_parts():
    text = "Kenaikan harga, lanjut Edwin Sinaga, dipicu oleh pasokan yang terbatas di pasar."
    first, second = quotes("id", text, ("Edwin Sinaga", "PERSON"))
    assert (first["text"], second["text"]) == ("Kenaikan harga", "dipicu oleh pasokan yang terbatas di pasar")
    assert first["speaker"] == second["speaker"] == "Edwin Sinaga"


# ----------------------------------------------------------------------------- pronouns and clitics

def test_clitic_cues_take_the_nearest_preceding_named_person():
    text = ('Siti Aminah, ketua koperasi, hadir dalam rapat itu.\n'
            '"Anggota kami bertambah dua kali lipat," ujarnya.\n'
            'Pasar modal tetap stabil meski suku bunga naik, katanya.')
    first, second = quotes("id", text, ("Siti Aminah", "PERSON"))
    assert first["speaker"] == second["speaker"] == "Siti Aminah"
    assert (first["cue"], second["cue"]) == ("ujarnya", "katanya")
    assert second["text"] == "Pasar modal tetap stabil meski suku bunga naik"


def test_pronoun_cues_in_both_languages():
    [q] = quotes("id", "Dodi Hermawan tiba di kantor polisi. Ia mengatakan mobilnya dicuri semalam di parkiran.",
                 ("Dodi Hermawan", "PERSON"))
    assert (q["speaker"], q["cue"], q["text"]) == ("Dodi Hermawan", "mengatakan", "mobilnya dicuri semalam di parkiran")
    text = 'Maria Lopez chairs the board. "The merger is off," she added.'
    [q] = quotes("en", text, ("Maria Lopez", "PERSON"))
    assert (q["speaker"], q["cue"], q["canonical"]) == ("Maria Lopez", "added", "Maria Lopez")


def test_a_clitic_with_no_named_person_before_it_has_no_speaker():
    [q] = quotes("id", "Harga cabai naik tajam di semua pasar minggu ini, katanya.")
    assert (q["speaker"], q["cue"]) == (None, "katanya")


def test_first_person_sentences_after_a_cue_go_on_with_the_quote():
    text = "Lomba itu latihan yang baik, kata Tono Hadi. Saya akan berlatih lebih keras. Cuaca cerah hari itu."
    first, second = quotes("id", text, ("Tono Hadi", "PERSON"))
    assert second["text"] == "Saya akan berlatih lebih keras." and second["speaker"] == "Tono Hadi"


# ----------------------------------------------------------------------------- unnamed speakers, not speech

def test_unnamed_speakers_get_their_noun_phrase_and_no_canonical_name():
    [q] = quotes("id", "Polisi mengatakan pelaku sudah ditangkap di rumahnya semalam.")
    assert (q["speaker"], q["canonical"]) == ("Polisi", None)
    [q] = quotes("en", '"He did not resist," a spokesman told Reuters.', ("Reuters", "ORG"))
    assert (q["speaker"], q["cue"], q["canonical"]) == ("a spokesman", "told", None)
    [q] = quotes("id", "Sulit bekerja dalam kondisi seperti ini, kata pelatih asal Denmark itu.")
    assert q["speaker"] == "pelatih asal Denmark itu"


def test_an_anaphoric_organisation_noun_takes_the_last_organisation():
    text = "According to the World Health Organization, cases rose last year. The agency said that vaccination rates had fallen."
    _, q = quotes("en", text, ("World Health Organization", "ORG"))
    assert (q["speaker"], q["cue"]) == ("World Health Organization", "said")


@pytest.mark.parametrize("lang, text", [
    ("id", "Tim peneliti menemukan bahwa kadar polusi naik dua kali lipat tahun ini."),
    ("id", "Para petani berharap harga pupuk turun menjelang musim tanam."),
    ("id", "Bank Dunia memperkirakan ekonomi tumbuh lima persen tahun depan."),
    ("id", "Pengadilan menyatakan tidak bersalah terdakwa kasus korupsi itu kemarin."),
    ("en", "The study found that coral cover had dropped by a third since 2016."),
    ("en", "Economists expect growth of five percent next year in the region."),
])
def test_findings_hopes_estimates_and_verdicts_are_not_speech(lang, text):
    assert quotes(lang, text) == []


def test_cue_words_and_marks_are_language_data():
    for lang in ("id", "en"):
        data = load_lang_data(lang, "quotes")
        assert data["cues_after"] and data["cues_verb"] and data["marks"] and data["roles"]
    assert "kata" in load_lang_data("id", "quotes")["cues_after"]
    assert "said" in load_lang_data("en", "quotes")["cues_verb"]
    assert "menemukan" in load_lang_data("id", "quotes")["not_speech"]


def test_the_rule_engine_loads_without_spacy():
    code = "import sys, warta.rules.quotes; sys.exit('spacy' in sys.modules or 'thinc' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# ----------------------------------------------------------------------------- pipeline and records

def test_the_component_runs_after_dates_and_before_the_furniture():
    names = cached_pipeline("id").pipe_names
    assert names[-4:] == ["warta_figures", "warta_dates", "warta_quotes", "warta_boilerplate"]


def test_figures_inside_a_quote_keep_their_spans_and_the_record_has_the_quote():
    from warta.batch.engine import extract_record
    text = '"Penjualan naik 25 persen tahun ini," kata Direktur Utama PT Maju Jaya Andi Wijaya di Jakarta.'
    record = extract_record("q", text, lang="id")
    [quote] = [s for s in record["spans"] if s["label"] == "QUOTE"]
    [figure] = [s for s in record["spans"] if s["label"] == "FIGURE"]
    assert quote["text"] == "Penjualan naik 25 persen tahun ini," and quote["source"] == "quotes"
    assert quote["start"] <= figure["start"] < figure["end"] <= quote["end"] and figure["value"] == 25
    assert text[slice(*quote["cue"])] == "kata"
    speaker = text[slice(*quote["speaker"])] if quote.get("speaker") else None
    assert speaker is not None and "Andi Wijaya" in speaker


def test_quote_fields_round_trip_through_the_mentions_table(tmp_path):
    text = '"Harga naik," kata Budi. Ini teks lain tanpa kutipan apa pun.'
    spans = [make_span(1, 12, "QUOTE", "Harga naik,", source="quotes", speaker=[19, 23],
                       speaker_canonical="Budi Santoso", speaker_role="Kepala Desa", cue=[14, 18]),
             make_span(25, 60, "QUOTE", text[25:60], source="quotes")]
    record = make_doc_record("q/1", text, lang="id", published="2024-05-02", spans=spans)
    assert VALUE_FIELDS["QUOTE"] == ("speaker", "speaker_canonical", "speaker_role", "cue")
    [row, bare] = mention_rows(record)
    assert (row["speaker_start"], row["speaker_end"], row["cue_start"], row["cue_end"]) == (19, 23, 14, 18)
    assert bare["speaker_start"] is None and bare["cue_end"] is None
    for fmt in ("parquet", "csv"):
        out = tmp_path / fmt
        with RecordWriter(out) as writer:
            writer.write(record)
        documents, mentions = read_tables(out, fmt)
        assert records_from_tables(documents, mentions) == [record]


def test_speaker_and_cue_accuracy_are_scored():
    from warta.evaluation.spans import evaluate
    text = '"Harga naik," kata Budi.'
    gold = make_doc_record("d", text, spans=[make_span(1, 12, "QUOTE", "Harga naik,", speaker=[19, 23], cue=[14, 18])])
    gold["labels"] = ["QUOTE"]
    good = make_doc_record("d", text, spans=[make_span(1, 11, "QUOTE", "Harga naik", speaker=[19, 23], cue=[14, 18])])
    bad = make_doc_record("d", text, spans=[make_span(1, 11, "QUOTE", "Harga naik", speaker=None, cue=[14, 18])])
    assert evaluate([gold], [good])["values"]["QUOTE"]["speaker"] == 1.0
    scores = evaluate([gold], [bad])["values"]["QUOTE"]
    assert scores["speaker"] == 0.0 and scores["cue"] == 1.0


def test_gold_that_declares_no_labels_is_not_scored_on_quotes():
    from warta.evaluation.spans import evaluate
    text = '"Harga naik 5 persen," kata Budi.'
    figure = make_span(12, 20, "FIGURE", "5 persen", value=5, unit="%", qualifier="=")
    gold = make_doc_record("d", text, spans=[figure])
    pred = make_doc_record("d", text, spans=[figure, make_span(1, 21, "QUOTE", text[1:21], cue=[23, 27])])
    metrics = evaluate([gold], [pred])
    assert metrics["lenient"]["micro"]["f1"] == 1.0 and "QUOTE" not in metrics["lenient"]["per_label"]


def test_a_chained_cue_and_a_speaker_before_a_relative_clause():
    text = ("Chief executive Tan Wei Ming met the board. The deal would create the largest group, he said, "
            "adding that no jobs would be cut.")
    first, second = quotes("en", text, ("Tan Wei Ming", "PERSON"))
    assert (first["text"], first["cue"]) == ("The deal would create the largest group", "said")
    assert (second["text"], second["cue"]) == ("no jobs would be cut", "adding")
    assert first["speaker"] == second["speaker"] == "Tan Wei Ming"
    [q] = quotes("en", "A senior official at the ministry, who asked not to be named, said the budget would be revised.")
    assert q["speaker"] == "A senior official at the ministry"


def test_a_point_inside_a_number_ends_no_sentence():
    text = "Kami optimis rupiah akan berada di bawah Rp9.300 per dolar AS, ucapnya."
    [q] = quotes("id", text)
    assert q["text"] == "Kami optimis rupiah akan berada di bawah Rp9.300 per dolar AS" and q["cue"] == "ucapnya"


def test_warta_show_lists_quotes_with_speaker_role_and_cue():
    from warta.visualize import render_html
    text = '"Harga naik 5 persen," kata Budi <b>.'
    spans = [make_span(1, 21, "QUOTE", text[1:21], speaker=[28, 32], speaker_canonical="Budi Santoso",
                       speaker_role="Kepala <Desa>", cue=[23, 27]),
             make_span(12, 20, "FIGURE", "5 persen", value=5, unit="%", qualifier="=")]
    page = render_html(text, make_doc_record("q", text, lang="id", spans=spans))
    assert "FIGURE 5 %" in page                      # the figure inside the quote is still drawn
    assert "\u201cHarga naik 5 persen,\u201d" in page and "Budi (Budi Santoso), Kepala &lt;Desa&gt;" in page
    assert "cue <b>kata</b>" in page and "<Desa>" not in page


@pytest.mark.parametrize("lang, text, clause", [
    ("en", "Andi Sulaiman told parliament the harvest had exceeded the targets.", "the harvest had exceeded the targets"),
    ("en", "Andi Sulaiman told Reuters that the deal was still on track.", "the deal was still on track"),
    ("id", "Andi Sulaiman mengatakan kepada wartawan, harga beras akan turun bulan depan.",
     "harga beras akan turun bulan depan"),
])
def test_whom_it_was_said_to_is_no_part_of_the_quote(lang, text, clause):
    [q] = quotes(lang, text, ("Andi Sulaiman", "PERSON"), ("Reuters", "ORG"))
    assert q["text"] == clause and q["speaker"] == "Andi Sulaiman"


def test_roles_with_brackets_and_names_in_apposition():
    text = "Kepala Badan Pusat Statistik (BPS) Amalia Widyasanti mengatakan inflasi Oktober mencapai 1,71 persen."
    [q] = quotes("id", text, ("Amalia Widyasanti", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Amalia Widyasanti", "Kepala Badan Pusat Statistik (BPS)")
    text = "Juru bicara Kementerian Luar Negeri, Lalu Iqbal, menegaskan pemerintah tidak akan mengirim pasukan."
    [q] = quotes("id", text, ("Iqbal", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Iqbal", "Juru bicara Kementerian Luar Negeri")
    text = "The central bank's deputy governor, Destry Damayanti, said the rupiah remained stable this week."
    [q] = quotes("en", text, ("Destry Damayanti", "PERSON"))
    assert q["speaker"] == "Destry Damayanti" and q["role"].endswith("deputy governor")


def test_a_cue_after_an_apposition_or_an_abbreviation():
    text = '"There is no crisis," the prime minister, Rishi Sunak, told parliament.'
    [q] = quotes("en", text, ("Rishi Sunak", "PERSON"))
    assert (q["speaker"], q["cue"], q["role"]) == ("Rishi Sunak", "told", "prime minister")
    text = '"Prices will keep rising," Mr. Powell told reporters. "We are not done yet."'
    first, second = quotes("en", text, ("Powell", "PERSON"))
    assert first["speaker"] == second["speaker"] == "Powell" and first["cue"] == "told"


def test_a_name_the_model_cut_short_goes_on_in_english():
    text = "Finance Minister Sri Mulyani Indrawati said on Tuesday that the deficit would stay below 3 percent."
    [q] = quotes("en", text, ("Sri Mulyani", "PERSON"))
    assert (q["speaker"], q["canonical"], q["role"]) == ("Sri Mulyani Indrawati", "Sri Mulyani Indrawati", "Finance Minister")


def test_a_closing_mark_whose_opening_lay_before_the_passage():
    [q] = quotes("id", 'Itu jelas berbeda dari keterangan para korban , " Sidang dilanjutkan pekan depan .')
    assert q["text"] == "Itu jelas berbeda dari keterangan para korban ," and q["speaker"] is None
    assert quotes("id", 'Para korban ditampung di gedung serbaguna" milik desa itu sejak kemarin.') == []


@pytest.mark.parametrize("text", [
    "budi mengatakan bahwa harga , kata dia " * 20000,      # cues and no full stop
    '" a b , " kata X ' * 20000,                              # thousands of marks
    '"' + "kata dia harga naik\n" * 20000,                    # a quote left open over many paragraphs
])
def test_the_rules_stay_linear_on_runaway_inputs(text):
    import time
    started = time.perf_counter()
    quote_rules("id").find(text, [])
    assert time.perf_counter() - started < 10


# ----------------------------------------------------------------------------- English speakers (issue 20, dev round 2)

def test_a_role_and_a_name_found_as_one_mention_are_told_apart():
    text = "Police Chief Daniel Ortiz said officers had arrested two men. He added that the search was over."
    first, second = quotes("en", text, ("Police Chief Daniel Ortiz", "ORG"))
    assert (first["speaker"], first["canonical"], first["role"]) == ("Daniel Ortiz", "Daniel Ortiz", "Police Chief")
    assert second["speaker"] == "Daniel Ortiz"            # "he" finds the person the mention held
    text = "Finance ministry official Febrio Kacaribu said the budget was on track."
    [q] = quotes("en", text)                              # no mention at all: the name after the role word
    assert (q["speaker"], q["role"]) == ("Febrio Kacaribu", "Finance ministry official")
    # one capitalised word after a role word is as often a company's name: left as it is
    [q] = quotes("en", "General Motors said sales had fallen by a third.", ("General Motors", "ORG"))
    assert q["speaker"] == "General Motors"


def test_a_lower_case_mention_is_no_name_and_a_description_without_antecedent_is_the_speaker():
    text = "The central bank said it would keep rates unchanged. It added that inflation remained low."
    first, second = quotes("en", text, ("bank", "ORG"))
    assert (first["speaker"], first["canonical"]) == ("The central bank", None)
    assert second["speaker"] == "The central bank"        # "it" refers back to the source, not to a person


def test_it_and_they_refer_back_to_the_last_source_and_he_to_the_last_person():
    text = ('Maria Lopez, a driver, was stuck for hours. The company insisted its trains were safe. '
            '"We follow every rule," it said.')
    first, second = quotes("en", text, ("Maria Lopez", "PERSON"))
    assert first["speaker"] == second["speaker"] == "The company" and second["canonical"] is None
    text = "Kepala Polres Bogor Andi Wijaya tiba di lokasi. Polisi mengatakan jalan itu ditutup sejak pagi. " \
           "Menurut mereka, banjir setinggi satu meter."
    first, second = quotes("id", text, ("Andi Wijaya", "PERSON"))
    assert first["speaker"] == second["speaker"] == "Polisi"


def test_unnamed_people_of_an_organisation_are_the_speaker_not_the_organisation():
    [q] = quotes("en", "Analysts at Mandiri Sekuritas said the rupiah could weaken further.",
                 ("Mandiri Sekuritas", "ORG"))
    assert (q["speaker"], q["canonical"]) == ("Analysts at Mandiri Sekuritas", None)
    [q] = quotes("en", '"The outage has been fixed," said a spokesperson for Google.', ("Google", "ORG"))
    assert q["speaker"] == "a spokesperson for Google"
    [q] = quotes("en", "Samsung Electronics said demand for memory chips would stay strong.",
                 ("Samsung Electronics", "ORG"))
    assert q["speaker"] == "Samsung Electronics"          # the organisation itself speaking


def test_said_after_a_comma_with_the_name_after_it_or_before_it():
    text = "Investors are nervous about the rupiah, said Rachel Adams, a strategist at HSBC."
    [q] = quotes("en", text, ("Rachel Adams", "PERSON"), ("HSBC", "ORG"))
    assert (q["text"], q["speaker"], q["role"]) == ("Investors are nervous about the rupiah", "Rachel Adams",
                                                   "strategist at HSBC")
    text = "A senior economist at the bank, Nur Aini, said growth would slow."
    [q] = quotes("en", text, ("Nur Aini", "PERSON"))
    assert (q["text"], q["speaker"]) == ("growth would slow", "Nur Aini")


def test_a_chained_cue_gives_the_same_speaker_a_second_quote():
    text = "Febrio Kacaribu said the budget was on track, adding that revenue had grown by 8 percent."
    first, second = quotes("en", text, ("Febrio Kacaribu", "PERSON"))
    assert (first["text"], first["cue"]) == ("the budget was on track", "said")
    assert (second["text"], second["cue"], second["speaker"]) == ("revenue had grown by 8 percent", "adding",
                                                                  "Febrio Kacaribu")


def test_a_long_role_and_name_between_the_quote_and_its_cue():
    text = '"There will be no bailout," European Central Bank President Christine Lagarde said.'
    [q] = quotes("en", text, ("Christine Lagarde", "PERSON"), ("European Central Bank", "ORG"))
    assert (q["speaker"], q["cue"], q["role"]) == ("Christine Lagarde", "said", "European Central Bank President")


def test_a_source_set_off_by_its_comma_needs_only_a_short_clause():
    text = "Menteri Pertanian Andi Sulaiman meninjau sawah. Namun, menurut Andi, impor tetap diperlukan."
    [q] = quotes("id", text, ("Andi Sulaiman", "PERSON"), ("Andi,", "PERSON"))
    assert (q["text"], q["cue"]) == ("impor tetap diperlukan", "menurut")
    assert quotes("id", "Namun impor tetap diperlukan menurut pasar.") == []


def test_a_bare_role_refers_back_to_the_person_named_with_it():
    text = "Presiden Joko Widodo meminta para menteri bekerja keras. Menurut Presiden, ekonomi harus tumbuh lebih cepat."
    [q] = quotes("id", text, ("Joko Widodo", "PERSON"))
    assert (q["speaker"], q["canonical"], q["role"]) == ("Joko Widodo", "Joko Widodo", "Presiden")
    text = "Mayor Helen Park opened the bridge. The mayor said the repairs had cost 2 million dollars."
    [q] = quotes("en", text, ("Helen Park", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Helen Park", "Mayor")
    # with nobody named in that role before, the role's own words are the (unnamed) speaker
    text = "Helen Park opened the bridge. The mayor said the repairs had cost 2 million dollars."
    [q] = quotes("en", text, ("Helen Park", "PERSON"))
    assert (q["speaker"], q["canonical"]) == ("The mayor", None)


def test_roles_in_apposition_with_an_age_or_words_before_the_role_word():
    text = "Lee Hsien Loong, Singapore's prime minister, said the country would reopen its borders."
    [q] = quotes("en", text, ("Lee Hsien Loong", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Lee Hsien Loong", "Singapore's prime minister")
    text = "John Carter, 54, a farmer from Iowa, said the drought had ruined half his crop."
    [q] = quotes("en", text, ("John Carter", "PERSON"))
    assert (q["speaker"], q["role"]) == ("John Carter", "farmer from Iowa")
    # a description with no role word is no role
    text = "Lena Fischer, a customer in Hamburg, said nobody had told them anything."
    [q] = quotes("en", text, ("Lena Fischer", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Lena Fischer", None)


def test_a_role_after_the_cue_then_the_name_after_a_comma():
    text = '"We will rebuild the school," said the town\'s mayor, Helen Park.'
    [q] = quotes("en", text, ("Helen Park", "ORG"))      # the model's label does not matter here
    assert (q["speaker"], q["role"]) == ("Helen Park", "town's mayor")


def test_a_capitalised_cue_word_inside_a_name_is_no_cue():
    text = "Union leader Said Iqbal said workers would rally on Friday."
    [q] = quotes("en", text, ("Said Iqbal", "PERSON"))
    assert (q["text"], q["speaker"], q["cue"]) == ("workers would rally on Friday", "Said Iqbal", "said")


def test_honorifics_are_no_part_of_the_speaker_and_a_later_surname_keeps_the_canonical_name():
    text = ("Dr. Tedros Ghebreyesus, the WHO director-general, said the pandemic was not over. "
            '"We cannot let our guard down," Tedros said.')
    first, second = quotes("en", text, ("Dr. Tedros Ghebreyesus", "ORG"), ("WHO", "ORG"))
    assert (first["speaker"], first["canonical"], first["role"]) == ("Tedros Ghebreyesus", "Tedros Ghebreyesus",
                                                                    "WHO director-general")
    assert (second["speaker"], second["canonical"], second["role"]) == ("Tedros", "Tedros Ghebreyesus", None)
    [q] = quotes("en", '"I lost everything," said Mrs. Rahayu, 62, whose house was swept away.')
    assert (q["speaker"], q["canonical"]) == ("Rahayu", "Rahayu")


def test_he_said_with_a_short_clause_and_the_carmaker_as_an_anaphor():
    text = 'Toyota said it would recall 50,000 vehicles. The carmaker added that nobody was hurt.'
    first, second = quotes("en", text, ("Toyota", "ORG"))
    assert first["speaker"] == second["speaker"] == "Toyota"
    text = '"The market is overreacting," said Irfan Setiaputra. He said bookings remained strong.'
    first, second = quotes("en", text, ("Irfan Setiaputra", "PERSON"))
    assert (second["text"], second["speaker"]) == ("bookings remained strong", "Irfan Setiaputra")


def test_a_role_in_apposition_after_according_to_is_no_second_quote():
    text = "The prices are still too high, according to Ahmad Yani, a rice trader in Cipinang market."
    [q] = quotes("en", text, ("Ahmad Yani", "PERSON"))
    assert (q["text"], q["speaker"], q["role"]) == ("The prices are still too high", "Ahmad Yani",
                                                   "rice trader in Cipinang market")
    text = '"This is a difficult decision," Unilever chief executive Hein Schumacher told analysts.'
    [q] = quotes("en", text, ("Unilever", "ORG"))
    assert (q["speaker"], q["role"]) == ("Hein Schumacher", "Unilever chief executive")


def test_abbreviated_titles_and_a_cue_after_seperti():
    text = "Kita tidak boleh lengah, ujar Menkes Siti Fadilah kepada wartawan di Jakarta."
    [q] = quotes("id", text, ("Siti Fadilah", "PERSON"))
    assert (q["speaker"], q["role"]) == ("Siti Fadilah", "Menkes")
    text = "Seperti dikatakan Menteri Luar Negeri Hassan Wirajuda, Indonesia mendukung perdamaian di Timur Tengah."
    [q] = quotes("id", text, ("Hassan Wirajuda", "PERSON"))
    assert (q["text"], q["speaker"], q["cue"]) == ("Indonesia mendukung perdamaian di Timur Tengah", "Hassan Wirajuda",
                                                  "dikatakan")


def test_quoted_words_after_called_or_described_as_take_that_verb_as_cue():
    text = 'The company described the outage as "a routine maintenance issue". Nobody was hurt.'
    [q] = quotes("en", text)
    assert (q["text"], q["speaker"], q["cue"]) == ("a routine maintenance issue", "The company", "described")
    text = 'Pengamat Budi Santoso menyebut kebijakan itu sebagai "langkah mundur yang berbahaya".'
    [q] = quotes("id", text, ("Budi Santoso", "PERSON"))
    assert (q["speaker"], q["cue"]) == ("Budi Santoso", "menyebut")
    # quoted words after a verb that names nothing stay a quote without cue
    [q] = quotes("en", 'The plan, as "a matter of routine", was approved by the council on Monday.')
    assert q["cue"] is None


def test_the_speaker_of_a_quoted_source_is_whom_the_writer_quotes():
    text = ("Senin lalu, harian Persatuan mengutip sumber AS yang tak disebut namanya mengatakan bahwa "
            "pertahanan rudal itu tidak efektif.")
    [q] = quotes("id", text)
    assert (q["speaker"], q["cue"]) == ("sumber AS yang tak disebut namanya", "mengatakan")


def test_where_and_when_it_was_said_is_no_part_of_the_clause():
    text = "Sales rose 5 percent in March, the company said in a statement on Tuesday."
    [q] = quotes("en", text)
    assert (q["text"], q["speaker"]) == ("Sales rose 5 percent in March", "the company")
    text = "Budi mengatakan di Jakarta, Senin, bahwa harga beras akan turun bulan depan."
    [q] = quotes("id", text, ("Budi", "PERSON"))
    assert q["text"] == "harga beras akan turun bulan depan"
    # a long clause that starts with a preposition after the cue's comma is the quote
    text = "Budi menjelaskan, dalam memasak nasi kita perlu menambahkan air yang cukup."
    [q] = quotes("id", text, ("Budi", "PERSON"))
    assert q["text"] == "dalam memasak nasi kita perlu menambahkan air yang cukup"


def test_whom_it_was_told_and_a_role_after_the_source_are_no_part_of_the_quote():
    [q] = quotes("en", "Mr Tan, 61, told the court he had not seen the documents.", ("Tan", "PERSON"))
    assert (q["text"], q["speaker"]) == ("he had not seen the documents", "Tan")
    text = "According to Rina Wati, head of the weather agency, heavy rain will continue."
    [q] = quotes("en", text, ("Rina Wati", "PERSON"))
    assert (q["text"], q["role"]) == ("heavy rain will continue", "head of the weather agency")


def test_short_clauses_after_that_or_after_an_unnamed_speaker():
    text = "Its chief economist, Pierre Gourinchas, told reporters that risks remained."
    [q] = quotes("en", text, ("Pierre Gourinchas", "PERSON"))
    assert (q["text"], q["speaker"], q["role"]) == ("risks remained", "Pierre Gourinchas", "chief economist")
    [q] = quotes("en", "A ministry official said most were mild.")
    assert (q["text"], q["speaker"]) == ("most were mild", "A ministry official")
    [q] = quotes("en", "A senior executive at one of the country's largest banks said lending would slow.")
    assert q["speaker"] == "A senior executive at one of the country's largest banks"


def test_a_pronoun_with_no_person_named_before_takes_the_unnamed_speaker_before_it():
    text = "Two people were injured in the blast, a local police chief told AFP. The cause was not known, he said."
    first, second = quotes("en", text, ("AFP", "ORG"))
    assert first["speaker"] == second["speaker"] == "a local police chief"
    # nobody before at all: no speaker
    [q] = quotes("en", "The cause was not known, he said.")
    assert q["speaker"] is None


def test_a_chained_cue_after_a_clause_takes_that_clause_s_subject():
    text = "Environmental groups said the mine would destroy the forest. The company denied this, saying it had all permits."
    first, second = quotes("en", text)
    assert (second["text"], second["speaker"], second["cue"]) == ("it had all permits", "The company", "saying")
    text = "The deal would create the region's largest group, he said, adding that no jobs would be cut."
    [first, second] = quotes("en", "Tan Wei Ming spoke on Monday. " + text, ("Tan Wei Ming", "PERSON"))
    assert first["speaker"] == second["speaker"] == "Tan Wei Ming" and second["cue"] == "adding"


def test_a_pronoun_takes_an_earlier_speaker_with_a_role_when_the_model_labelled_the_name_otherwise():
    text = ("Juru bicara Departemen Luar Negeri AS Sean McCormack mengatakan Washington prihatin atas situasi itu. "
            "Kami mendesak semua pihak menahan diri, katanya.")
    first, second = quotes("id", text, ("Departemen Luar Negeri AS Sean McCormack", "ORG"))
    assert first["role"] == "Juru bicara" and second["speaker"] == first["speaker"]
    # an organisation speaking without a role beside it is no antecedent of "he"
    text = "Samsung Electronics said demand would stay strong. He said prices would rise."
    first, second = quotes("en", text, ("Samsung Electronics", "ORG"))
    assert first["speaker"] == "Samsung Electronics" and second["speaker"] is None


def test_kumparan_style_cue_verb_after_the_speaker_gives_an_indirect_quote():
    """The kumparan sentences write 'mengatakan' as 'katai' after the speaker ('Sonia katai ...');
    'sebuti sebagai' (call as) stays no cue."""
    text = "Wahyu Hidayat katai , harga beras di pasar induk naik menjelang akhir tahun ."
    [q] = quotes("id", text, ("Wahyu Hidayat", "PERSON"))
    assert (q["speaker"], q["cue"], q["kind"]) == ("Wahyu Hidayat", "katai", "indirect")
    assert q["text"].startswith("harga beras")
    assert quotes("id", "Warga sekitar biasa sebuti tempat itu sebagai pasar lama .") == []
