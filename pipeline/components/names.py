"""Names: the spaCy component ``warta_names`` (:class:`NamesComponent`).

``warta.nlp`` adds it right after the NER model. It works on ``doc.ents`` (PERSON / ORG / PLACE);
the facts and the rules that need no spaCy (alias tables, organisation heads and tails, English
composition) are the rule engine :mod:`warta.rules.names`, which reads them from
``warta/lang/<lang>/`` (``org_heads.json``, ``org_names.json``, ``common_words.json``,
``aliases.json``, ``common_abbreviations.json``). The factory is registered in
:mod:`warta.components.factories`; steps 2b and 2d (gazetteer places, a place then its city) are
in :mod:`warta.components.name_places`, steps 2e and 2f (events, acronyms) in
:mod:`warta.components.name_events`.

What the component does, in order:

0. **Common-noun abbreviations**: a model entity made only of such abbreviations (and lower-case
   or connector words: "AI generatif") is dropped — an unseen all-capitals word looks like an
   acronym of an organisation to the model. One at the start of a longer entity is cut off with the
   lower-case words after it ("NPL gross BRI" → "BRI"); the rest keeps the model's label unless the
   alias table knows it ("AI Tiongkok"/ORG → "Tiongkok"/PLACE: the model's label was for the longer
   span).
   **Products** (``products`` of ``org_names.json``: "iPhone", "Galaxy", "PlayStation") are no
   names: a model entity that starts with one is dropped, one after a brand is cut before it
   ("Sony PlayStation" → "Sony"; a maker of ``name_cues.json`` goes with it: "Toyota Rush"); not in a
   text without a capital letter, where a product and its maker look alike.
0b. **Lower-case words, titles, products** (``name_cues.json``): lower-case words in front of a
   PERSON are cut off ("tangan Rina" → "Rina"; "recall", "ke-11" dropped), an ORG without a
   capitalised word is dropped ("kah"), unless the alias table knows the name ("kumparan") or the
   whole text is written in lower case (no capital letter), or the language's text writes names in
   lower case (``lower_case_names``: English posts); titles in front of a PERSON are cut off ("Dr Caitlin
   Pedati"); a maker followed by a model name without a company word ("Toyota Rush", not "Yamaha
   Indonesia Motor Manufacturing"), a run ending in a product noun ("… Computer Bag") and a name
   right after a product word ("varian GL") are products: dropped; so is a PERSON or ORG made only
   of words of address to the reader (``address_words``: "Ya Moms , ..."), a name without a
   letter ("(9/2)") and a PERSON made only of degrees (``degrees``, on: "Ariani Dewi Widodo , SpA").
0c. **Persons the model took for something else**: a model ORG or PLACE that starts with a given
   name (``given_names``, on; ``given_names.json``, derived by :mod:`warta.training.name_lists`:
   "Janet Jackson"; not before an organisation head or tail), and a model PLACE right after a verb
   of saying (``speakers``, on; ``speech_verbs``: "kata Krishna"), are PERSONs.
1. **Organisation patterns** (spaCy ``Matcher``): a head followed by capitalised words
   ("Kementerian Energi dan Sumber Daya Mineral", "University of Oxford"), or capitalised
   words followed by a tail ("Apple Inc", "Oxford University"). Connector words may stand (one
   or two in a row) only between capitalised words; a Roman numeral is not a name word ("Komisi
   III DPR" is no match). A match is cut before a model PERSON or ORG that starts inside it after
   at least one name word ("Partai Golkar Akbar Tandjung" → "Partai Golkar") and before a model
   entity that runs past its end; right after the head a model entity is part of the name
   ("Universitas Airlangga", the model having tagged "Airlangga" as a person). A sentence-initial
   common word is cut off the front of a tail match ("Kemarin Sony Pictures").
   A name does not go on across a coordinator ("dan", "and") that a head word, a model entity or
   a name of the alias table follows ("Bank Indonesia dan OJK" is two names); the same cut splits
   a model ORG/PLACE entity ("The Ministry of Finance and the World Bank"). Matches then compete
   with the model's entities through ``spacy.util.filter_spans``: the longer span wins, and on
   equal extent the pattern wins — so a pattern replaces overlapping model entities when it is
   longer ("Kementerian Energi" → the full name) or the model gave a different label
   ("Universitas Airlangga"/PLACE → ORG), and a longer model entity stays.
2. **Alias fill** (``fill_from_aliases``, on by default): a name of the alias table written exactly
   as in the table (``PhraseMatcher`` on the text) becomes an entity of the entry's label where the
   model found nothing — when its label is one of ``fill_labels`` (ORG: places are the gazetteer's,
   which asks for a place context), it stands alone (no capitalised word right before or after it,
   except a sentence-initial one), is not a sentence-initial common word and is not the bracketed
   acronym of the words before it ("Ujian Nasional ( UN )").
2b. **Gazetteer** (``use_gazetteer``, on; the shipped ``models/gazetteers/<lang>_places.json``,
   :mod:`warta.rules.places`, context words in ``places.json``): a model ORG or PERSON written as a
   gazetteer place becomes a PLACE in a place context ("di", "ke", "dari", … before it, or a place
   beside it across the links of a list) or when it is a prefixed form ("Kab. Bandung"), unless
   the alias table knows it as an organisation; two model places that make one prefixed form are
   merged ("Kab" "." "Bandung"); a gazetteer name the model missed becomes a PLACE when it stands
   alone and is a prefixed form, or a bare name in a place context that is neither a common word
   nor a person's name first (flag ``a`` of the table: "Batu", "Puncak").
2b'. **Names after an organisation noun** (``noun_names``, on; :mod:`warta.components.name_nouns`,
   ``org_nouns`` and ``list_cues`` of ``name_cues.json``): a run of name words right after a
   lower-case noun of a kind of organisation ("perusahaan Gojek", "kantor berita AAP"), or each
   name of a list opened by a cue within two words after one ("perusahaan Jepang seperti Sony ,
   Toyota , dan 7-Eleven"), is an ORG where no entity is — not a place, a common abbreviation or
   common words only; a list item the model took for a person is an ORG when the list holds an
   organisation. **Teams** (``match_teams``, on; ``match_words``): a PLACE right before or after
   a match word ("Parma vs Roma", "Dortmund mengalahkan Mainz") is the club: an ORG. **Named
   facilities** (``facility_places``, on; ``place_heads``): a head such as "Hotel", "Diler", "Candi"
   followed by name words, one at least a proper word, is a PLACE where no entity is ("Hotel Des
   Indes"; not "Pasar Modal"). **Titled persons** (``titled_persons``, on; ``titles``): name words
   after a title or rank are a PERSON where no entity is ("Serka Fajar").
2c. **One label a name** (``consistency``, off: it measured no better on the valid splits, whose
   documents are single sentences): a name recognised with one label gives it to its other exact
   mentions that stand alone, and an organisation its first proper word ("Persib" of "Persib Bandung").
2d. **A place then its city** (``split_places``): a model PLACE that is no known place, made of
   proper words and then a city, regency or province written bare, is two places ("Setiajaya
   Depok"; not "Selat Bali", "Jalan Bulungan": ``feature_words`` of ``places.json``).
   **Exact repeats** (``majority_labels``): the mentions of one name written the same way take the
   label most of them have ("Dubai" once a person, twice a place); nothing is added.
2e. **Events** (``event_spans``, ``name_cues.json``): a run of name words after an event head
   ("Liga Champions", "Piala Dunia", "Liga 1"), one ending in an event tail ("UEFA Youth League",
   "SEA Games 2019"), an event word ("Pilpres 2019", "Munas"), a name after an event cue ("ajang
   kecantikan Miss Universe 2019"), and a model name holding a head or tail ("La Liga"; not one
   that starts with an organisation head: "PT Liga Indonesia Baru") are EVENT; an event replaces
   the entities inside it, one overlapping it partly keeps it out.
2f. **Acronyms written out** (``acronym_spans``): a bracketed acronym right after a name whose
   letters it takes, first letter first ("Yamaha Indonesia Motor Manufacturing ( YIMM )"), is an
   entity of the name's label with the name's ``canonical`` and ``en``; a model name cut short runs
   to the bracket when the acronym is the initials of the longer name ("Direktorat Kelaikudaraan
   dan Pengoperasian Pesawat Udara ( DKPPU )").
3. **canonical and en** for every PERSON / ORG / PLACE entity (an EVENT's ``canonical`` is its text):

   * an alias-table match (case and spacing ignored) gives the entry's ``canonical`` and ``en``;
     an ORG written short ("Kemenkeu", "Golkar", "TNI") keeps its own text as ``canonical`` (the
     guidelines: a fuller name only from the same text) and gets the entry's ``en``.
     ORG and PLACE mentions match ORG and PLACE entries whatever the model's label (a country
     tagged ORG as a sports team is still the country; the label is not changed); PERSON mentions
     match only PERSON entries (users may add them), so a surname is never read as a country;
   * a PERSON mention whose words are a contiguous part of a longer PERSON mention of the same
     document gets that full name ("Budi" → "Budi Santoso"); when several full names fit, the nearest
     one before the mention, else the nearest after it. Persons get no ``en``;
   * a PLACE the gazetteer knows gets the table's ``canonical`` and ``en`` ("Kab. Bandung" →
     "Kabupaten Bandung", "Bandung Regency"; "Jakarta Selatan" → en "South Jakarta");
   * an ORG whose head is written short gets the written-out name (``expansions``: "Pemprov Jabar"
     → "Pemerintah Provinsi Jawa Barat") and the English name composed from it;
   * any other name has ``canonical`` = its own text (whitespace normalised, without a leading
     connector word: "The New York Times" → "New York Times");
   * ``en`` of an ORG that starts with a head that has a template is composed from the glossary
     (see :meth:`warta.rules.names.NameRules.compose`), and never from a half translation: a name with a word that is
     neither in the glossary nor a proper name gets no ``en``;
   * ``proper_names_unchanged``: an ORG or PLACE made only of proper words keeps its form in
     English ("Channel News Asia", "Jakarta"); in English documents (``"english": true``) every ORG
     and PLACE has ``en`` = ``canonical``.

Entities made by the patterns or the alias fill carry ``span._.source = "names"``.
"""
from __future__ import annotations

from typing import Sequence

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from warta.components import extensions  # noqa: F401  (registers the span attributes)
from warta.components.name_events import EventsAndAcronyms, sentence_initial
from warta.components.name_nouns import NounNames
from warta.components.name_places import GazetteerPlaces
from warta.components.token_lookup import positions_of, taken_tokens
from warta.rules.names import (RESOLVED_LABELS, ROMAN_NUMERAL, NameRules, alias_key, bare, full_name_index,
                               is_name_word, load_alias_table, name_rules, normalise)

SOURCE = "names"
MAX_GROUPS = 4          # connector-separated groups of capitalised words after a head / before a tail
MAX_CONNECTORS = 2      # connector words in a row ("Bank of the West")
# A run of name words longer than MAX_RUN_TOKENS is not prose but a wall of capitalised words (a
# list, a garbled page): the Matcher's work on one run grows with the square of its length, so such
# a run is searched in windows of 2 * MAX_NAME_TOKENS words, each overlapping the next by half (a
# name of up to MAX_NAME_TOKENS words lies whole in one of them).
MAX_NAME_TOKENS = 32
MAX_RUN_TOKENS = 2 * MAX_NAME_TOKENS
_NOT_ROMAN = rf"^(?!{ROMAN_NUMERAL}$)"

if not Token.has_extension("warta_name_word"):
    Token.set_extension("warta_name_word", getter=lambda token: is_name_word(token.text))
if not Token.has_extension("warta_bare"):
    Token.set_extension("warta_bare", getter=lambda token: bare(token.text))


def written_in_capitals(doc: Doc) -> bool:
    """``doc`` has a capital letter (a word unlike its lower-case form): it is no text written all
    in lower case, whose names are in lower case too and whose products look like their makers."""
    return bool(len(doc)) and bool((doc.to_array(LOWER) != doc.to_array(ORTH)).any())


class NamesComponent:
    """The ``warta_names`` pipe: applies the names rules of ``lang`` to ``doc.ents`` (see the module)."""

    def __init__(self, nlp: Language, name: str, lang: str | None = None,
                 aliases: Sequence[str] = (), fill_from_aliases: bool = True, use_gazetteer: bool = True,
                 consistency: bool = False, fill_labels: Sequence[str] = ("ORG",), noun_names: bool = True,
                 match_teams: bool = True, facility_places: bool = True, given_names: bool = True,
                 titled_persons: bool = True, speakers: bool = True, degrees: bool = True):
        self.name = name
        self.lang = lang or nlp.lang
        # the user's alias files change the rules (known names), so only the shipped table's are shared
        self.rules = NameRules(self.lang, load_alias_table(self.lang, aliases)) if aliases else name_rules(self.lang)
        self.aliases = self.rules.aliases
        self.fill_from_aliases = fill_from_aliases
        # places the model missed are left to the gazetteer, which asks for a place context: a
        # country filled anywhere was wrong by the corpora 108 times in 110 ("turis Tiongkok", "US $")
        self.fill_labels = frozenset(fill_labels)
        self.use_gazetteer = use_gazetteer
        self.consistency = consistency
        self.gazetteer = self.rules.places
        self.places = GazetteerPlaces(nlp.vocab, self.rules)
        self.noun_names = noun_names
        self.match_teams = match_teams
        self.facility_places = facility_places
        self.given_names = given_names
        self.titled_persons = titled_persons
        self.use_speakers = speakers
        self.drop_degrees = degrees
        self.nouns = NounNames(nlp.vocab, self.rules)
        self._heads = {head for head in self.rules.heads if " " not in head}
        self._tails = frozenset(self.rules.tails)
        self._multi_heads = [tuple(head.split()) for head in self.rules.heads if " " in head]
        self._multi_by_first: dict[str, list[tuple[str, ...]]] = {}
        for multi in sorted(self._multi_heads, key=len, reverse=True):
            self._multi_by_first.setdefault(multi[0], []).append(multi)
        self.events = EventsAndAcronyms(nlp.vocab, self.rules, self._heads, self._head_length)
        self.matcher = Matcher(nlp.vocab)
        self._add_patterns()
        self.alias_matcher = PhraseMatcher(nlp.vocab)
        self._add_alias_forms(nlp)

    def _add_alias_forms(self, nlp: Language) -> None:
        """Teach the alias matcher every written form of the table's ORG and PLACE entries,
        tokenised as the text will be (any backend's tokenizer)."""
        forms = self.aliases.active_forms()
        self.alias_entry = {form: entry for form, entry in forms.items() if entry["label"] != "PERSON"}
        forms = list(self.alias_entry)
        pipe = getattr(nlp.tokenizer, "pipe", None)
        for form, form_doc in zip(forms, pipe(forms) if pipe else map(nlp.make_doc, forms)):
            self.alias_matcher.add(form, [form_doc])

    def _add_patterns(self) -> None:
        """Teach the matcher the organisation patterns (head + name words, name words + tail) and
        note the words a match can hold, for :meth:`candidate_regions`."""
        data = self.rules
        # built-in attributes, not the Token extensions: same test (is_name_word), about 3x faster matching
        word = {"SHAPE": {"REGEX": "^X"}, "TEXT": {"REGEX": _NOT_ROMAN}, "OP": "+"}
        link = {"ORTH": {"IN": list(data.connectors)}, "OP": f"{{1,{MAX_CONNECTORS}}}"}
        # a tail match does not cross a coordinator: "Apple and Microsoft Corporation" is two names
        inner = [c for c in data.connectors if c not in data.coordinators]
        tail_link = {"ORTH": {"IN": inner}, "OP": f"{{1,{MAX_CONNECTORS}}}"}
        head = {"ORTH": {"IN": sorted(self._heads)}}
        # a head of several words ("Suku Dinas", "Pemerintah Provinsi") is a run of fixed words
        heads = [[head], *([{"ORTH": w} for w in multi] for multi in self._multi_heads)]
        tail = {"ORTH": {"IN": [*data.tails, *(t + "." for t in data.tails)]}}    # = bare(text) in tails
        head_patterns, tail_patterns = [], []
        for groups in range(1, MAX_GROUPS + 1):
            body, tail_body = [word], [word]
            for _ in range(groups - 1):
                body += [link, word]
                tail_body += [tail_link, word]
            for words in heads:
                head_patterns.append([*words, *body])
                if data.connectors:
                    head_patterns.append([*words, link, *body])
            if groups == 1 or inner:
                tail_patterns.append([*tail_body, tail])
                tail_patterns.append([*tail_body, {"ORTH": ","}, tail])
        if data.heads:
            self.matcher.add("HEAD", head_patterns)
        self._head_size = {multi[0]: len(multi) for multi in self._multi_heads}
        if data.tails:
            self.matcher.add("TAIL", tail_patterns)
        # every word a match can hold: a head or tail (the anchors), a connector, a comma, a name word
        anchors = [*head["ORTH"]["IN"], *(multi[0] for multi in self._multi_heads), *tail["ORTH"]["IN"]]
        self._anchor_ids = numpy.array(sorted({self.matcher.vocab.strings.add(w) for w in anchors}), dtype="uint64")
        self._link_words = frozenset([*data.connectors, ",", *anchors])

    def _may_be_in_match(self, token: Token) -> bool:
        return token.text in self._link_words or is_name_word(token.text)

    def candidate_regions(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches of the document that can hold a pattern match: the maximal runs of words a
        match can be made of around each head or tail. The Matcher runs on these alone — a match
        never reaches past such a run — instead of trying its patterns at every token."""
        if not len(self._anchor_ids):
            return []
        anchors = positions_of(self._anchor_ids, doc.to_array(ORTH))
        regions: list[tuple[int, int]] = []
        covered = 0
        for anchor in anchors:
            if anchor < covered:
                continue                       # inside the run of the previous anchor
            start, end = anchor, anchor + 1
            while start > 0 and self._may_be_in_match(doc[start - 1]):
                start -= 1
            while end < len(doc) and self._may_be_in_match(doc[end]):
                end += 1
            covered = end
            if end - start <= MAX_RUN_TOKENS:
                regions.append((start, end))
            else:                              # a wall of capitalised words: bounded windows
                regions += [(window, min(end, window + MAX_RUN_TOKENS))
                            for window in range(start, end - MAX_NAME_TOKENS, MAX_NAME_TOKENS)]
        return regions

    # -- 0. common-noun abbreviations

    def without_common_abbreviations(self, doc: Doc, ents: Sequence[Span]) -> list[Span]:
        """``ents`` without those made only of common-noun abbreviations, and with a leading one cut off."""
        abbreviations = self.rules.common_abbreviations
        out = []
        for ent in ents:
            start = ent.start
            while start < ent.end and doc[start].text in abbreviations:
                start += 1
            if start == ent.start:
                out.append(ent)
                continue
            while start < ent.end and not is_name_word(doc[start].text):
                start += 1                            # "NPL gross BRI" → "BRI"
            if start == ent.end:
                continue                              # "AI", "AI generatif": no name left
            rest = doc[start:ent.end]
            entry = self.aliases.lookup(rest.text, ent.label_)
            out.append(Span(doc, start, ent.end, label=entry["label"] if entry else ent.label_))
        return out

    def without_products(self, doc: Doc, ents: Sequence[Span], cased: bool = True) -> list[Span]:
        """``ents`` without the names of products: an entity that starts with a product word is
        dropped ("Galaxy S24", "PlayStation 5"); one with a product word after a name is cut before
        it ("Sony PlayStation" → "Sony") unless that name is a maker of ``name_cues.json`` (the
        guidelines: a brand inside a product's name is no name: "Toyota Rush")."""
        if not self.rules.products or not cased:
            return list(ents)        # in a text all in lower case a product and its maker look alike
        out = []
        for ent in ents:
            at = next((k for k in range(ent.start, ent.end) if self.rules.is_product(doc[k].text)), None)
            if at is None:
                out.append(ent)
            elif at > ent.start and any(doc[k]._.warta_name_word for k in range(ent.start, at)) \
                    and doc[ent.start:at].text not in self.rules.brands:
                out.append(Span(doc, ent.start, at, label=ent.label_))      # a maker alone: part of the product
        return out

    # -- 0b. lower-case words, titles, products

    def cleaned(self, doc: Doc, ents: Sequence[Span], cased: bool = True) -> list[Span]:
        """``ents`` without lower-case words in front of a name ("recall", "tangan Rina" → "Rina";
        none left: dropped), without titles in front of a person ("Dr Caitlin Pedati" → "Caitlin
        Pedati"), without products (:meth:`is_product`), words of address ("Moms") and names
        without a letter ("(9/2)"). A name of the alias table stays."""
        rules = self.rules
        out = []
        for ent in ents:
            if ent.label_ not in RESOLVED_LABELS:
                out.append(ent)
                continue
            if not any(ch.isalpha() for ch in ent.text):
                continue                      # "(9/2)", "2019-2023": a date or a number, no name
            start, end = ent.start, ent.end
            if doc[start].text.islower() and not rules.lower_case_names \
                    and self.aliases.lookup(ent.text, "ORG") is None \
                    and (ent.label_ == "PERSON" or (ent.label_ == "ORG" and not any(is_name_word(t.text) for t in ent))):
                if not cased:    # a text all in lower case has names in lower case too
                    out.append(ent)
                    continue
                while start < end and not doc[start]._.warta_name_word:
                    start += 1
                if start == end:
                    continue
            if ent.label_ == "PERSON":
                while start < end - 1 and doc[start].text in rules.titles:
                    after = start + 1 + (doc[start + 1].text == ".")
                    if after >= end or not doc[after]._.warta_name_word:
                        break
                    start = after
            if ent.label_ in ("ORG", "PERSON") and (self.is_product(doc, start, end) or
                                                   all(t.text in rules.address_words for t in doc[start:end])):
                continue
            if ent.label_ == "PERSON" and self.drop_degrees and all(t.text in rules.degrees for t in doc[start:end]):
                continue                      # "Ariani Dewi Widodo , SpA": a degree, no second person
            out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
        return out

    def given_name_persons(self, ents: Sequence[Span]) -> list[Span]:
        """A model ORG or PLACE that starts with a given name (``given_names.json``: the first word
        of person names and almost never of anything else in the training data) is a PERSON
        ("Janet Jackson"), unless the alias table knows it with the model's label or an
        organisation head or tail word names a body after the person ("Megawati Institute")."""
        out = []
        for ent in ents:
            if ent.label_ in ("ORG", "PLACE") and ent[0].text in self.rules.given_names \
                    and not any(t.text in self._heads or t.text in self._tails for t in ent[1:]) \
                    and self.aliases.lookup(ent.text, ent.label_) is None:
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
            out.append(ent)
        return out

    def speakers(self, ents: Sequence[Span]) -> list[Span]:
        """A model PLACE right after a verb of saying (``speech_verbs``: "kata Krishna di Gedung
        Telkom") is the speaker, a PERSON, if its first word is a proper one ("kata Kantor
        Meteorologi Islandia" is not) and neither the gazetteer nor the alias table knows the place."""
        out = []
        for ent in ents:
            if ent.label_ == "PLACE" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in self.rules.speech_verbs \
                    and self.rules.is_proper(ent[0].text) \
                    and self.gazetteer.lookup(ent.text) is None and self.aliases.lookup(ent.text, "PLACE") is None:
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
            out.append(ent)
        return out

    def is_product(self, doc: Doc, start: int, end: int) -> bool:
        """A product, not a name: a maker followed by a model name and no company word ("Toyota
        Rush", not "Toyota Motor Manufacturing"), a run ending in a product noun ("... Computer
        Bag"), or a name after a product word that is neither a maker nor a known name ("varian GL")."""
        rules = self.rules
        if end - start > 1 and doc[end - 1].text in rules.product_nouns:
            return True
        first = doc[start].text
        if start > 0 and rules.product_cues:
            before = doc[start - 1].text
            if before in rules.product_cues and first not in rules.brands \
                    and self.aliases.lookup(doc[start:end].text, "ORG") is None:
                return True            # the cue words are lower-case forms: "varian", not "Varian"
        if end - start == 1 or first not in rules.brands:
            return False
        words = [t.text for t in doc[start:end]]
        if (is_name_word(words[1]) or words[1][:1].isdigit()) \
                and not any(w in rules.brand_org_words or bare(w) in rules.tails or w in self._heads
                            for w in words[1:]) \
                and self.gazetteer.lookup(words[1]) is None and self.aliases.lookup(words[1], "ORG") is None:
            return True
        return False

    # -- 1. patterns

    def pattern_spans(self, doc: Doc, ents: Sequence[Span], alias_starts: set[int]) -> list[Span]:
        """ORG spans of the organisation patterns, each the longest match from its start cut to one name."""
        starts = {ent.start for ent in ents} | alias_starts
        longest: dict[tuple[str, int], int] = {}      # the longest match from each start, per kind
        for region_start, region_end in self.candidate_regions(doc):
            for match in self.matcher(doc[region_start:region_end], as_spans=True):
                key = (match.label_, match.start)
                longest[key] = max(match.end, longest.get(key, match.end))
        spans = []
        for (kind, start), end in longest.items():
            start, end = self._one_name(doc, kind, start, end, ents, starts)
            if end - start >= 2:
                spans.append(Span(doc, start, end, label="ORG"))
        return filter_spans(spans)

    def _one_name(self, doc: Doc, kind: str, start: int, end: int, ents: Sequence[Span],
                  starts: set[int]) -> tuple[int, int]:
        """The extent of one name inside a pattern match: without a sentence-initial common word
        before a tail match, without connector words at either end, ending at a coordinator that
        starts a second name, and before a model entity that begins inside it."""
        connectors = self.rules.connectors
        if kind == "TAIL" and end - start > 2 and sentence_initial(doc, start) \
                and self.rules.is_common(doc[start].text):
            start += 1               # "Kemarin Sony Pictures": a common word opens the sentence
        while start < end and doc[start].text in connectors:
            start += 1
        # "Bank Indonesia dan OJK", "Partai Golkar dan Partai Demokrat": two names
        end = next((i for i in range(start + 1, end) if doc[i].text in self.rules.coordinators
                    and self._second_name_start(doc, i, end, starts) is not None), end)
        size = self._head_length(doc, start) if kind == "HEAD" else 1
        end = self._end_before_entities(doc, start, end, ents, size)
        while end > start and doc[end - 1].text in connectors:
            end -= 1
        return start, end

    def _head_length(self, doc: Doc, start: int) -> int:
        """How many words the head at ``start`` has (a head of several words: "Suku Dinas")."""
        for multi in self._multi_by_first.get(doc[start].text, ()):
            if tuple(t.text for t in doc[start:start + len(multi)]) == multi:
                return len(multi)
        return 1

    @staticmethod
    def _end_before_entities(doc: Doc, start: int, end: int, ents: Sequence[Span], head: int = 1) -> int:
        """Where a name from ``start`` to ``end`` ends given the model's entities: a person or another
        organisation after the name ("Partai Golkar Akbar Tandjung"), or a longer entity, begins
        inside it; right after the head such an entity is the name itself ("Universitas Airlangga"
        with the model's PERSON "Airlangga")."""
        for ent in ents:
            if start < ent.start < end and (ent.label_ in ("PERSON", "ORG") or ent.end > end) \
                    and any(doc[k]._.warta_name_word for k in range(start + head, ent.start)):
                end = ent.start
        return end

    def _second_name_start(self, doc: Doc, coordinator: int, end: int, starts: set[int]) -> int | None:
        """Where a second name begins after the coordinator at ``coordinator`` (past connector
        words, before ``end``): at a head word or at one of ``starts``; None if none begins there."""
        j = coordinator
        while j < end and doc[j].text in self.rules.connectors:
            j += 1
        if j < end and (doc[j].text in self._heads or j in starts or self._head_length(doc, j) > 1):
            return j
        return None

    def split_coordinated(self, doc: Doc, ents: Sequence[Span], alias_starts: set[int]) -> list[Span]:
        """The model's entities, each cut in two at a coordinator that a head word or a name of the
        alias table follows ("The Ministry of Finance and the World Bank" → two organisations)."""
        out = []
        for ent in ents:
            start = ent.start
            if ent.label_ in ("ORG", "PLACE"):
                for i in range(ent.start + 1, ent.end - 1):
                    if doc[i].text not in self.rules.coordinators or i <= start:
                        continue
                    second = self._second_name_start(doc, i, ent.end, alias_starts)
                    if second is not None:
                        out.append(Span(doc, start, i, label=ent.label_))
                        start = second
            out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_))
        return out

    # -- 2. alias fill

    def alias_spans(self, doc: Doc, matches, taken: list[Span]) -> list[Span]:
        """Entities for the alias-table names (of ``fill_labels``) found in the text outside ``taken``
        that stand alone and do not spell out the words before them ("Ujian Nasional ( UN )")."""
        used = set()
        for span in taken:
            used.update(range(span.start, span.end))
        found = []
        for match_id, start, end in matches:
            if used.intersection(range(start, end)):
                continue
            before_ok = start == 0 or not doc[start - 1]._.warta_name_word or sentence_initial(doc, start - 1)
            after_ok = end == len(doc) or not doc[end]._.warta_name_word
            if not (before_ok and after_ok):
                continue
            if end - start == 1 and (sentence_initial(doc, start) and self.rules.is_common(doc[start].text)
                                     or self._spells_words_before(doc, start)):
                continue
            entry = self.alias_entry[self.alias_matcher.vocab.strings[match_id]]
            if entry["label"] in self.fill_labels:
                found.append(Span(doc, start, end, label=entry["label"]))
        return filter_spans(found)

    @staticmethod
    def _spells_words_before(doc: Doc, i: int) -> bool:
        """Token ``i`` is a bracketed acronym of the words right before the bracket: the same letters
        as their initials ("Ujian Nasional ( UN )", "User Interface ( UI )"), another name than the
        alias table's."""
        acronym = doc[i].text.upper()
        start = i - 1 - len(acronym)
        if start < 0 or doc[i - 1].text != "(" or i + 1 >= len(doc) or doc[i + 1].text != ")":
            return False
        return "".join(t.text[:1] for t in doc[start:i - 1]).upper() == acronym

    # -- 2d. one label for the exact repeats of a name

    @staticmethod
    def majority_labels(ents: list[Span]) -> list[Span]:
        """Exact repeats of a name in one document take the label most of them have ("Dubai" tagged
        once as a person, twice as a place); a tie changes nothing. No mention is added."""
        counts: dict[str, dict[str, int]] = {}
        texts = [ent.text if ent.label_ in RESOLVED_LABELS else None for ent in ents]
        for ent, text in zip(ents, texts):
            if text is not None:
                labels = counts.setdefault(text, {})
                labels[ent.label_] = labels.get(ent.label_, 0) + 1
        if all(len(labels) == 1 for labels in counts.values()):
            return ents
        out = []
        for ent, text in zip(ents, texts):
            labels = counts.get(text) if text is not None else None
            if labels and len(labels) > 1:
                ranked = sorted(labels.items(), key=lambda kv: -kv[1])
                if ranked[0][1] > ranked[1][1] and ranked[0][0] != ent.label_:
                    ent = Span(ent.doc, ent.start, ent.end, label=ranked[0][0])
            out.append(ent)
        return out

    # -- 2c. one label a name in a document

    def consistent_labels(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A name recognised with one label gives it to its other mentions in the document: an
        exact mention the model missed becomes an entity when it stands alone, and the short form
        of an organisation (its first word, a proper word: "Persib" of "Persib Bandung") too."""
        labels: dict[str, str] = {}
        for ent in ents:
            if ent.label_ in RESOLVED_LABELS:
                labels.setdefault(ent.text, ent.label_)
                if ent.label_ == "ORG" and len(ent) > 1 and ent[0].text not in self._heads \
                        and self.rules.is_proper(ent[0].text) and not self.gazetteer.lookup(ent[0].text):
                    labels.setdefault(ent[0].text, "ORG")
        if not labels:
            return ents
        taken = taken_tokens(doc, ents)
        longest = max(len(text.split()) for text in labels)
        found = []
        for i, token in enumerate(doc):
            if taken[i] or not token._.warta_name_word or (i > 0 and doc[i - 1]._.warta_name_word
                                                           and not sentence_initial(doc, i - 1)):
                continue
            for n in range(min(longest, len(doc) - i), 0, -1):
                end = i + n
                label = labels.get(doc[i:end].text)
                if label and not taken[i:end].any() and not (end < len(doc) and doc[end]._.warta_name_word) \
                        and not (n == 1 and sentence_initial(doc, i) and self.rules.is_common(token.text)):
                    found.append(Span(doc, i, end, label=label))
                    taken[i:end] = True
                    break
        return sorted(ents + found, key=lambda e: e.start) if found else ents

    # -- 3. canonical and en

    def english_name(self, span: Span, label: str, canonical: str) -> str | None:
        """The ``en`` of a name the alias table does not know: composed, unchanged, or None."""
        if label == "PERSON":
            return None
        if self.rules.english:
            return canonical
        words = [t.text for t in span]
        composed = self.rules.compose(words) if label == "ORG" else None
        if composed:
            return composed
        if self.rules.proper_unchanged and self.rules.all_proper(words):
            return canonical
        return None

    def set_names(self, ents: Sequence[Span]) -> None:
        """Give every PERSON / ORG / PLACE entity its ``canonical`` and ``en`` names."""
        persons = []
        for ent in ents:
            if ent.label_ == "EVENT" and ent._.canonical is None:
                ent._.canonical = normalise(ent.text)
            if ent.label_ not in RESOLVED_LABELS:
                continue
            entry = self.aliases.lookup(ent.text, ent.label_)
            if entry is None and len(ent) > 1 and ent[0].lower_ in self.rules.connectors:
                entry = self.aliases.lookup(ent[1:].text, ent.label_)     # "The US"
            if entry is not None and entry["label"] == "ORG" and alias_key(ent.text) != alias_key(entry["canonical"]):
                # a short form keeps its own text: a fuller name only from the same text (the guidelines)
                ent._.canonical = normalise(ent.text)
                ent._.en = entry.get("en") or (ent._.canonical if self.rules.english else None)
                continue
            if entry is not None:
                ent._.canonical = entry["canonical"]
                ent._.en = entry.get("en") or (entry["canonical"] if self.rules.english and
                                               ent.label_ != "PERSON" else None)
                continue
            place = self.gazetteer.lookup(ent.text) if ent.label_ == "PLACE" else None
            if place is not None:
                ent._.canonical, ent._.en = place.canonical, place.en
                continue
            words = ent
            while len(words) > 1 and words[0].lower_ in self.rules.connectors:
                words = words[1:]         # "The New York Times" → "New York Times"
            expanded = self.rules.expand([t.text for t in words]) if ent.label_ == "ORG" else None
            if expanded is not None:      # "Pemprov Jabar" → "Pemerintah Provinsi Jawa Barat"
                ent._.canonical = " ".join(expanded)
                ent._.en = self.rules.compose(expanded)
                continue
            ent._.canonical = normalise(words.text)
            ent._.en = self.english_name(words, ent.label_, ent._.canonical)
            if ent.label_ == "PERSON":
                persons.append(ent)
        self._person_full_names(persons)

    @staticmethod
    def _person_full_names(persons: list[Span]) -> None:
        """A person mention that is part of a longer one gets that full name as canonical."""
        names = [tuple(t.text.casefold() for t in p) for p in persons]
        starts = [p.start for p in persons]
        for i, person in enumerate(persons):
            chosen = full_name_index(i, names, starts)
            if chosen is not None:
                person._.canonical = normalise(persons[chosen].text)

    def __call__(self, doc: Doc) -> Doc:
        """Steps 0-3 of the module docstring on ``doc.ents`` (2c after 2f)."""
        model_ents = list(doc.ents)        # each doc.ents read builds new Spans: read it once
        model = {(e.start, e.end, e.label_) for e in model_ents}
        cased = written_in_capitals(doc)
        model_ents = self.without_products(doc, self.without_common_abbreviations(doc, model_ents), cased)
        model_ents = self.cleaned(doc, model_ents, cased)
        if self.given_names:
            model_ents = self.given_name_persons(model_ents)
        if self.use_speakers:
            model_ents = self.speakers(model_ents)
        alias_matches = self.alias_matcher(doc)
        alias_starts = {start for _, start, _ in alias_matches}
        patterns = self.pattern_spans(doc, model_ents, alias_starts)
        ents = filter_spans(patterns + self.split_coordinated(doc, model_ents, alias_starts))   # patterns win ties
        if self.fill_from_aliases:
            ents = ents + self.alias_spans(doc, alias_matches, ents)
        ents.sort(key=lambda s: s.start)
        if self.use_gazetteer:
            ents = self.places.gazetteer_places(doc, ents)
        if self.noun_names:
            ents = self.nouns.spans(doc, ents)
        if self.match_teams:
            ents = self.nouns.teams(doc, ents)
        if self.titled_persons:
            ents = self.nouns.titled(doc, ents)
        if self.facility_places:
            ents = self.places.facility_spans(doc, ents)
        ents = self.majority_labels(self.places.split_places(doc, ents))
        ents = self.events.event_spans(doc, ents)
        ents, expansions = self.events.acronym_spans(doc, ents)
        if self.consistency:
            ents = self.consistent_labels(doc, ents)
        doc.ents = ents
        for ent in ents:
            if (ent.start, ent.end, ent.label_) not in model:
                ent._.source = SOURCE
        self.set_names(ents)
        if expansions:
            by_extent = {(e.start, e.end): e for e in ents}
            for acronym, name in expansions.items():
                if acronym in by_extent and name in by_extent:
                    by_extent[acronym]._.canonical = by_extent[name]._.canonical
                    by_extent[acronym]._.en = by_extent[name]._.en
        return doc

