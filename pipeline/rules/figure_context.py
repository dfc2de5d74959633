"""What stands around a number, for the FIGURE rules: the counted noun after or before it, and the
context that makes it no figure at all (a date, a time, an identifier, a phone number, a score, an
idiom, a rate) or a person's age. Every word comes from ``warta/lang/<lang>/numbers.json``.

:class:`FigureContext` sits between :class:`warta.rules.number_reading.NumberReader` and
:class:`warta.rules.figures.FigureRules`, which reads one figure step by step with these checks.
"""
from __future__ import annotations

import re
from decimal import Decimal

from warta.rules.number_reading import Back, Core, Lexicon, NumberReader, alternation, case_variants, rev_alternation

# Characters that open a sentence or a quotation before its first word, and that end a sentence.
OPENERS = "\"'“‘([«"
SENTENCE_END = ".!?:;\n"
CAPITALISED = re.compile(r"[A-Z][^\W\d_]+$")
RATE_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+)?")  # between a figure and a rate word: space, at most one word
RATE_GAP_WIDE = re.compile(r"\s+(?:[^\W\d_]+\s+){2,3}")  # or two or three words when the rate ends the phrase
WINDOW = 80  # characters of left context looked at (qualifiers, currency, count heads)
# a counted noun: a lower-case word (reduplication allowed) or an acronym of capitals ("7 WNI")
NOUN = r"(?:[^\W\d_A-Z][^\W\d_]*(?:-[^\W\d_]+)*|[A-Z]{2,6}(?![a-z]))"
_LIST_MARK = re.compile(r" ?[.)](?:\s|$)")
_COMMA_AFTER = re.compile(r" ?,")
_COMMA_BEFORE = re.compile(r" ?, $")
_BRACKET_BEFORE = re.compile(r"\s\( ?$")
_BRACKET_AFTER = re.compile(r" ?\)")
_PHRASE_END = re.compile(r" ?[,.;)]|$")
# a number repeated in words in brackets, as legal and official writing does: "5 ( lima ) tahun"
_SPELLED_REPEAT = re.compile(r" ?\( ?([^\W\d_][^()\d]{0,60}?) ?\)")
NOUN_REV = r"(?:[^\W\d_]+-)*[^\W\d_]*[^\W\d_A-Z]"  # the same, written backwards


class FigureContext(NumberReader):
    """Counted nouns and the rejections of one language's figure rules."""

    def __init__(self, data: dict):
        super().__init__(data)
        self._compile_counted_nouns(data)
        self._compile_elision(data)
        self._compile_rejections(data)

    def _compile_counted_nouns(self, data: dict) -> None:
        """The counted noun: after the number (skipping classifiers and modifiers, keeping compounds,
        dropping a clitic), before it after a count head ("jumlah"), or a unit word before it."""
        self.stop = {w.lower() for w in data["unit_stop_words"]}
        self.count_marker_rev = re.compile(rf"\s+{rev_alternation(data.get('count_markers', []))}")
        self.noun_after_re = re.compile(rf"[ \t]+(?P<n>{NOUN})(?![\w-])")
        heads = data.get("count_heads", {})
        head_links = heads.get("links", [])
        link_opt = rf"(?:{rev_alternation(head_links)}\s+)?" if head_links else ""
        head_rev = rev_alternation(heads.get('heads', []))
        self.noun_before_rev = re.compile(rf"\s+{link_opt}(?P<n>{NOUN_REV})\s+{head_rev}")
        # "jumlah prajurit AS yang tewas di Irak menjadi 3.282": with a link word before the
        # number, the head may stand a few words back in the same clause
        self.noun_before_far_rev = re.compile(
            rf"\s+{rev_alternation(head_links)}(?:\s+[^\s,.;:!?()\"]+){{1,10}}?\s+(?P<n>{NOUN_REV})\s+{head_rev}"
        ) if head_links else None
        self.age_unit = data.get("age_unit")
        after_noun = data.get("qualifiers_after_noun", {})
        after_noun_end = data.get("qualifiers_after_noun_at_end", {})
        self.qual_after_noun_lex = Lexicon({**after_noun, **after_noun_end})
        alts = ([rf"\s+(?P<qa>{alternation(after_noun)})"] if after_noun else []) + (
            [rf"\s+(?P<qe>{alternation(after_noun_end)})(?=\s*(?:[^\w\s]|$))"] if after_noun_end else [])
        self.qual_after_noun_re = re.compile("|".join(alts)) if alts else None
        self.classifiers = {w.lower() for w in data.get("classifiers", [])}
        self.modifiers = {w.lower() for w in data.get("unit_modifiers", [])}
        compounds = data.get("compound_nouns", [])
        self.compound_re = re.compile(alternation(compounds)) if compounds else None
        clitics = data.get("noun_clitics", [])
        self.noun_clitic_re = re.compile(rf"(?i:{'|'.join(map(re.escape, clitics))})$") if clitics else None
        self.noun_clitic_min = int(data.get("noun_clitic_min_stem", 3))
        self.proper_modifiers = bool(data.get("proper_modifiers_before_noun"))
        self.proper_plural = data.get("proper_modifier_plural_ending") or None
        # a capitalised word (or several) followed by a lower-case noun
        self.proper_then_noun_re = re.compile(r"[ \t]+(?P<p>[A-Z][^\W\d_]*(?:[ \t]+[A-Z][^\W\d_]*)?)(?=[ \t]+[^\W\d_A-Z])")
        self.unit_before_variants = {w.lower(): unit for w, unit in data.get("units_before_variants", {}).items()}
        units_before = list(data.get("units_before", [])) + list(self.unit_before_variants)
        self.unit_before_rev = re.compile(rf"\s+(?P<u>{rev_alternation(units_before)})")

    def _compile_elision(self, data: dict) -> None:
        """Signs that a count's noun was left out ("20 lagi", "10 atau 15 tahun")."""
        forward = data.get("elision_forward_links", [])
        self.elision_forward_re = re.compile(rf"\s*,?\s+{alternation(forward)}\s+") if forward else None
        followers = data.get("elision_followers", [])
        self.elision_follower_re = re.compile(
            rf"\s*(?:[^\w\s]|$)|\s+{alternation(followers)}" if followers else r"\s*(?:[^\w\s]|$)")

    def _compile_rejections(self, data: dict) -> None:
        """What makes a number not a figure: scores, coordinated identifiers, relative dates and
        durations, words before or after it (times, months, identifiers), phone numbers."""
        self.coordinators = {w.lower() for w in data.get("coordinators", [])}
        # between a count and a number coordinated with it: its noun (one or two words) and the coordinator
        self.after_count_re = (re.compile(rf"[ \t]+{NOUN}(?:[ \t]+{NOUN})?[ \t]*,?[ \t]+{alternation(self.coordinators)}[ \t]+")
                               if self.coordinators else None)
        scores = data.get("score_connectors", [])
        self.score_after_re = re.compile(rf"\s+{alternation(scores)}\s+\d") if scores else None
        self.score_before_rev = re.compile(rf"\s+{rev_alternation(scores)}\s+\d") if scores else None
        self.duration_rev = re.compile(rf"\s+{rev_alternation(data.get('duration_markers', []))}")
        self.time_units = {w.lower() for w in data.get("time_units", [])}
        time_units = alternation(data.get("relative_time_units", data.get("time_units", [])))
        rel_after = data.get("relative_time_after", [])
        rel_before = data.get("relative_time_before", [])
        self.rel_after_re = (re.compile(rf"\s+{time_units}\s+{alternation(rel_after)}")
                             if rel_after else None)
        despite = data.get("relative_after_despite_duration", [])
        self.rel_despite_re = re.compile(rf"\s+{time_units}\s+{alternation(despite)}") if despite else None
        self.rel_after_word_re = re.compile(rf"\s+{alternation(rel_after)}") if rel_after else None
        self.time_unit_re = re.compile(rf"\s+{time_units}")
        self.any_time_unit_re = re.compile(rf"\s+{alternation(data.get('time_units', []))}")  # also jam, menit
        self.rel_before_rev = re.compile(rf"\s+{rev_alternation(rel_before)}") if rel_before else None
        from_now = data.get("count_from_now", {})
        self.from_now_rev = (re.compile(rf"\s+{rev_alternation(from_now['markers'])}")
                             if from_now.get("markers") else None)
        blockers = from_now.get("not_followed_by", [])
        block = rf"(?!\s+{alternation(blockers)})" if blockers else ""
        self.from_now_unit_re = re.compile(rf"\s+{alternation(from_now.get('units', []))}{block}")
        self.from_now_excluded = {w.lower() for w in from_now.get("excluded_counts", [])}
        self.not_before = {w.lower() for w in data.get("not_figure_before", [])}
        self.not_after_re = re.compile(rf"\s*{alternation(data.get('not_figure_after', []), False)}")
        months = data.get("months", [])
        self.month_after_re = re.compile(rf"\s+\.?{alternation(months)}")
        self.month_before_rev = re.compile(rf"\s+,?\.?{rev_alternation(months)}")
        # days listed before one month: "7 dan 8 Januari", "1, 2 atau 3 Mei", "7 hingga 9 Juni"
        joins = alternation(list(data.get("coordinators", [])) + list(data.get("range_connectors", [])))
        self.day_list_month_re = re.compile(
            rf"(?:\s*,\s*\d{{1,2}})*\s*,?\s*{joins}\s*\d{{1,2}}\s+\.?{alternation(months)}") if months else None
        self.phone_re = self._phone_pattern(data.get("phone_markers", []))

    @staticmethod
    def _phone_pattern(phone_markers) -> re.Pattern:
        """Phone numbers in their usual written forms, or after a marker word ("telp")."""
        # every alternative starts with a literal (word boundaries are checked behind it), so the
        # regex engine can skip through a text quickly
        markers = "|".join(f"{re.escape(m)}(?<!\\w{re.escape(m)})"
                           for m in case_variants(phone_markers))
        return re.compile(
            r"\+\d[\d ().-]{6,}\d"                       # +62 21 555 1234
            r"|\(0\d{1,4}\)[ .-]*\d[\d .-]{4,}\d"         # (021) 555-1234
            r"|0(?<![\w.,]0)\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})*(?!\w)"  # 0812-3456-7890
            rf"|(?:{markers})\.?\s*:?\s*\+?\(?\d[\d ().-]{{4,}}\d")     # telp 555 1234

    # ------------------------------------------------------------------ context helpers
    @staticmethod
    def _sentence_initial(text: str, i: int) -> bool:
        j = i - 1
        while j >= 0 and (text[j].isspace() or text[j] in OPENERS):
            if text[j] == "\n":
                return True
            j -= 1
        return j < 0 or text[j] in SENTENCE_END

    @staticmethod
    def _line_start(text: str, i: int) -> bool:
        j = i - 1
        while j >= 0 and text[j] in " \t(":
            j -= 1
        return j < 0 or text[j] == "\n"

    @staticmethod
    def _prev_token(text: str, i: int):
        """The whitespace-delimited token before offset ``i`` (quotes and brackets glued to the
        number skipped) and its start."""
        while i > 0 and (text[i - 1] in OPENERS or text[i - 1].isspace()):
            i -= 1  # also tokenised: "ayat ( 2 )"
        start = i
        while start > 0 and not text[start - 1].isspace() and i - start < 40:
            start -= 1
        while start < i and text[start] in OPENERS:
            start += 1
        return text[start:i], start

    def _in_idiom(self, text: str, core: Core) -> bool:
        """A number word inside a fixed phrase that counts nothing ("empat mata", "kaki lima")."""
        if self.idiom_re is None or core.kind == "digits":
            return False
        for im in self.idiom_re.finditer(text, max(0, core.start - 30), min(len(text), core.end + 30)):
            if im.start() < core.end and core.start < im.end():
                return True
        return False

    @staticmethod
    def _bracketed_age(text: str, core: Core) -> bool:
        """``Name (45)``: a whole number from 1 to 110 alone in brackets right after a capitalised word."""
        s, e = core.start, core.end
        if core.kind != "digits" or not core.raw.isdigit() or not 1 <= int(core.raw) <= 110:
            return False
        opened = _BRACKET_BEFORE.search(text, max(0, s - 4), s)
        if opened is None or not _BRACKET_AFTER.match(text, e):
            return False  # also tokenised: "Budi ( 45 )"
        words = text[max(0, s - 40):opened.start()].split()
        return bool(words) and bool(CAPITALISED.match(words[-1]))

    @staticmethod
    def _has_leading_zero(core: Core) -> bool:
        """Digits with a leading zero: codes, phone numbers."""
        return core.kind == "digits" and len(core.raw) > 1 and core.raw[0] == "0" and core.raw[1].isdigit()

    def _is_rate(self, text: str, start: int, end: int, last_end: int) -> bool:
        """A unit or multiplier word used as a rate: after a rate word ("tiga kali sehari"), right
        after a figure and at most one word ("Rp 50 ribu sehari", "8 jam sehari"; three words when the
        rate ends the phrase) or before a rate word ("sebulan sekali", "twice a week"); not after a marker
        of a duration ("selama setahun")."""
        tok, _ = self._prev_token(text, start)
        if tok.lower() in self.rate_before:
            return True
        if Back(text, max(0, start - 20), start).match(self.unit_word_marker_rev, start)[1]:
            return False  # "Rp 100 ribu selama setahun": a duration
        if 0 < last_end <= start and RATE_GAP.fullmatch(text, last_end, start):
            return True
        if 0 < last_end <= start and RATE_GAP_WIDE.fullmatch(text, last_end, start) and _PHRASE_END.match(text, end) \
                and not self.coordinators & {w.lower() for w in text[last_end:start].split()}:
            return True  # "2.5 million tonnes of steel a year.", "Rp 5 juta untuk satu orang sebulan."
        return self.rate_after_re is not None and self.rate_after_re.match(text, end) is not None

    def _coordinated_identifier(self, text: str, start: int, core: Core, no_unit: bool) -> bool:
        """"kuartal 3 dan 4", "Articles 5 and 6": a number coordinated with an identifier number
        (of the same length, or with no noun of its own: "tahun 2008 dan 3 BUMN" is a count)."""
        tok, tok_start = self._prev_token(text, start)
        if not tok or tok.lower() not in self.coordinators:
            return False
        tok2, tok2_start = self._prev_token(text, tok_start)
        if not tok2.isdigit() or not (no_unit or len(tok2) == len(core.raw)):
            return False
        tok3, _ = self._prev_token(text, tok2_start)
        return bool(tok3) and (tok3.lower() in self.not_before or tok3.lower().rstrip(".:") in self.not_before)

    @staticmethod
    def _age_apposition(text: str, start: int, end: int, value) -> bool:
        """``Name, NN,``: a person's age between commas right after a name or a noun ("Smith, 34,",
        "the lawmaker, 54,")."""
        if not (10 <= value <= 110 and value == value.to_integral_value()):
            return False
        if not _COMMA_AFTER.match(text, end):
            return False
        before = _COMMA_BEFORE.search(text, max(0, start - 4), start)
        if before is None:
            return False
        j = before.start()  # also tokenised: "Hartono , 58 ,"; a name or a noun: "The lawmaker, 54,"
        return j > 0 and text[j - 1].isalpha()

    def _qualifier_after_noun(self, text: str, end: int, noun: str | None) -> str | None:
        """A qualifier after the counted noun right after a figure ending at ``end`` ("12 ribu orang
        lebih.", "usia 60 tahun ke atas", "500 people or more"); the span stays the number."""
        if self.qual_after_noun_re is None:
            return None
        noun = noun or self._noun_after(text, end, False)
        nm = re.compile(rf"[ \t]+{re.escape(noun)}").match(text, end) if noun else None
        qm = self.qual_after_noun_re.match(text, nm.end() if nm else end)
        return self.qual_after_noun_lex.get(qm.group(qm.lastgroup)) if qm else None

    def _coordinated_with_count(self, text: str, start: int, last_end: int) -> bool:
        """A number after a count and its noun and a coordinator ("dua koper dan satu stroller"): it counts too."""
        return 0 < last_end <= start and self.after_count_re is not None \
            and self.after_count_re.fullmatch(text, last_end, start) is not None

    def _counts_with_next(self, text: str, end: int) -> bool:
        """A number linked to the next one ("satu dari lima anak", "one of 10 people"): it counts."""
        cm = self.elision_forward_re.match(text, end) if self.elision_forward_re is not None else None
        return cm is not None and self.core_re.match(text, cm.end()) is not None

    def _in_phone_number(self, text: str, start: int, end: int) -> bool:
        for pm in self.phone_re.finditer(text, max(0, start - 30), min(len(text), end + 30)):
            if pm.start() < end and start < pm.end():
                return True
        return False

    def _noun_after(self, text: str, end: int, linked: bool):
        """The counted noun right after the figure ("600 juta pengguna"); with ``linked`` also
        after a link word ("thousands of people", "two thirds of voters")."""
        at = end
        if linked and self.approx_links:
            lm = self.approx_link_re.match(text, at)
            if lm:
                at = lm.end()
        classifier = None
        for _ in range(4):  # classifiers and modifiers skipped: "dua buah kapal", "1,500 new teachers"
            nm = self.noun_after_re.match(text, at)
            if not nm:
                if self.proper_modifiers:  # "300 Chinese tourists", "40 local Red Cross branches"
                    pm = self.proper_then_noun_re.match(text, at)
                    word = pm.group("p") if pm else ""
                    if pm and not (self.proper_plural and word.endswith(self.proper_plural) and len(word.split()) == 1):
                        at = pm.end()
                        continue
                return classifier
            noun = nm.group("n")
            low = noun.lower()
            if low in self.modifiers or (low in self.classifiers and classifier is None):
                if low in self.classifiers:
                    classifier = noun
                at = nm.end()
                continue
            if low in self.stop or low in self.word_class or low in self.approx or self.unit_words.get(low):
                return classifier  # "1,2 jt sebulan": a rate word is no counted noun
            if self.compound_re is not None:
                cm = self.compound_re.match(text, nm.start("n"))
                if cm:  # "pengunjuk rasa", "anggota parlemen"
                    return " ".join(cm.group().split())
            if self.noun_clitic_re is not None and noun == low:
                cl = self.noun_clitic_re.search(noun)
                if cl and cl.start() >= self.noun_clitic_min:
                    return noun[:cl.start()]  # "tentaranya" -> tentara
            return noun
        return classifier

    def _spelled_repeat_end(self, text: str, end: int, value: Decimal) -> int | None:
        """The end of the same number spelled out in brackets right after ``end`` ("1 ( satu ) bulan",
        "Rp 50 juta (lima puluh juta rupiah)"): no second figure, and the counted noun comes after it."""
        m = _SPELLED_REPEAT.match(text, end)
        if not m:
            return None
        wm = self.core_re.match(m.group(1))
        core = self._read_core(m.group(1), wm) if wm and wm.group("words") is not None else None
        return m.end() if core is not None and core.value == value else None

    def _post_after_repeat(self, text: str, end: int, value: Decimal):
        """(unit, kind) of a measure, percent or currency word after a number spelled out again in
        brackets ("40 ( empat puluh ) meter"), else (None, None). ``post_re`` is the figure rules'."""
        rep = self._spelled_repeat_end(text, end, value)
        pm = self.post_re.match(text, rep) if rep else None
        if pm is None:
            return None, None
        kind, unit = self.post_lex.get(pm.group(pm.lastgroup))
        return unit, kind

    def _time_unit_after(self, text: str, end: int) -> bool:
        """A time unit is the counted noun after ``end`` ("berusia 6 bulan")."""
        noun = self._noun_after(text, end, False)
        return noun is not None and noun.lower() in self.time_units

    @staticmethod
    def _yearlike(core: Core) -> bool:
        return core.kind == "digits" and len(core.raw) == 4 and core.raw.isdigit() and 1900 <= int(core.raw) <= 2099

    def _rejected(self, text: str, back: Back, core: Core, start: int, end: int, bare: bool,
                  plain: bool = True, last_end: int = 0) -> bool:
        """Dates, times, identifiers and other numbers that are not figures. ``plain``: no currency
        and no percent/points/measure word, so that a time unit may follow the number itself."""
        if self.not_after_re.match(text, end):
            return True  # 10 WIB, 5 pm
        # number + time unit + "lalu"/"ago", or "past" + number + time unit: a relative DATE
        # (not "for two years after the crash", a duration; not "5 persen tahun lalu")
        if plain and self.rel_despite_re is not None and self.rel_despite_re.match(text, end):
            return True  # "selama empat bulan pertama tahun 2008": a DATE even after a duration word
        if plain and not Back(text, max(0, start - 30), start).match(self.duration_rev, start)[1]:
            if self.rel_after_re is not None and self.rel_after_re.match(text, end):
                return True
            if self.rel_before_rev is not None and self.time_unit_re.match(text, end) \
                    and Back(text, max(0, start - 30), start).match(self.rel_before_rev, start)[1]:
                return True
            if self.from_now_rev is not None and self.from_now_unit_re.match(text, end) \
                    and core.raw.lower() not in self.from_now_excluded \
                    and Back(text, max(0, start - 30), start).match(self.from_now_rev, start)[1]:
                return True  # "dalam 3 hari", "in 30 days": a DATE counted from the time of writing
        if core.kind == "words" and core.raw[:1].isupper() and not self._sentence_initial(text, core.start) \
                and start == core.start:
            return True  # Tiga Serangkai, Big Three: a name
        if not bare:
            return False
        if self.month_after_re.match(text, end) \
                or Back(text, max(0, start - 20), start).match(self.month_before_rev, start)[1]:
            return True  # 13 Oktober, Oktober 2024
        if self.day_list_month_re is not None and core.kind == "digits" and len(core.raw) <= 2 \
                and self.day_list_month_re.match(text, end):
            return True  # "7 dan 8 Januari": days of a date
        if self.score_after_re is not None and (
                self.score_after_re.match(text, end)
                or Back(text, max(0, start - 30), start).match(self.score_before_rev, start)[1]):
            return True  # 54 berbanding 28, 3 vs 1: a tally
        tok, tok_start = self._prev_token(text, start)
        # a full stop or colon standing alone before the number, or a colon ending the word before it
        mark = tok if tok and tok in ".:" else (":" if tok.endswith(":") else None)
        if mark:  # tokenised text: "No . 5"
            before, _ = self._prev_token(text, tok_start)
            tok = before + tok if before else tok
        if tok:
            low = tok.lower()
            # "tahun 2023", "pukul 10", "Pasal 5", "No. 5", "© 2024"; not "Selama 24 tahun, 9.477"
            if not low.endswith(",") and (low in self.not_before or low.rstrip(".:") in self.not_before):
                return True
            if core.kind == "digits" and start == core.start and tok != tok.lower() \
                    and tok[-1].isalnum() and not self._sentence_initial(text, tok_start) \
                    and tok_start >= last_end and not self._after_name_counts(text, tok_start + len(tok), core, end):
                return True  # iPhone 15, Euro 2024, APBN 2007: part of a name (not "... dolar AS 37 proyek")
        if core.kind == "digits" and end == core.end and _LIST_MARK.match(text, end) and (
                self._line_start(text, core.start) or mark == "." or (mark == ":" and core.raw == "1")):
            return True  # list numbering "1." / "2)", also tokenised ("1 . Siapkan dokumen . 2 . Isi",
            # "7 rekomendasi : 1 ."; after a colon only a list's first number: "korban tewas : 12 ." counts)
        return False

    def _after_name_counts(self, text: str, name_end: int, core: Core, end: int) -> bool:
        """A number after a name that is no part of it: a decimal in brackets ("Liverpool ( 0,96 )",
        a statistic) or a count of a time unit ending a phrase ("JayBigs 569 jam , ItsArmand 566 jam")."""
        if self.dec in core.raw and "(" in text[name_end:core.start]:
            return True
        tm = self.any_time_unit_re.match(text, end)
        return tm is not None and _PHRASE_END.match(text, tm.end()) is not None
