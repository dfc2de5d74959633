"""The declared shape of every language-data file, one pydantic model per file name.

``warta.lang.load_lang_data`` validates each file against the model named after it (``numbers`` →
:class:`NumbersFile`) once its comment keys are gone. Every model forbids unknown keys, so a
misspelt key is an error rather than a fact silently ignored. Types are strict: a number where
words belong is an error, never converted. A field with a default may be left out of a file; the
default is the one the reading code assumes. Validation only checks: the loader hands out the
file's own (comment-free) data, never the model's copy of it.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Strict

Words = list[str]
WordMap = dict[str, str]            # word -> its English form, unit, reason, ...
Offsets = dict[str, int]            # word -> a number: month, weekday, offset in days or periods
Values = dict[str, float]           # word -> its numeric value (whole or not)
# a JSON array of fixed length is a list in Python; lax mode lets a tuple type accept it
CurrencyUse = Annotated[tuple[str, Literal["before", "after", "both"]], Strict(False)]   # [ISO code, position]
UnitCount = Annotated[tuple[str, int], Strict(False)]                                  # [unit, count]
HourRange = Annotated[tuple[int, int], Strict(False)]                                  # [first hour, last hour]
SpellingPair = Annotated[tuple[str, str], Strict(False)]                               # [look-alike, supported]


class Schema(BaseModel):
    """Base of every file model: unknown keys and converted types are errors."""
    model_config = ConfigDict(strict=True, extra="forbid")


# ------------------------------------------------------------------------- figures (numbers.json)

class NumberWords(Schema):
    units: Values = {}
    tens: Values = {}
    teens: Values = {}
    hundreds: Values = {}
    fractions: Values = {}
    connectors: Words = []
    decimal_point: Words = []
    hyphen_joins: bool = False
    leading_one: Words = []
    not_alone: Words = []
    not_alone_counts_before: Words = []
    clitics: Words = []
    short_group_is_decimal: bool = False


class Scales(Schema):
    words: Values
    abbreviations: Values = {}
    needs_currency: Values = {}
    glued_abbreviations: Values = {}       # only glued to the digits ("100K")


class CountHeads(Schema):
    heads: Words = []
    links: Words = []


class CountFromNow(Schema):
    markers: Words = []             # before a count of time from the time of writing ("dalam", "in")
    units: Words = []
    not_followed_by: Words = []     # after the unit: a span of time, not a date ("terakhir", "of")
    excluded_counts: Words = []     # counts that make no date there ("in a day")


class NumbersFile(Schema):
    """``numbers.json``: facts of the FIGURE extractor."""
    decimal_separator: str
    thousands_separator: str
    spaced_decimal: bool = False            # "38, 9 juta", "Rp 5 , 2 miliar": a decimal before a scale or percent word
    number_words: NumberWords
    negative_words: Words = []
    negative_signs: Words = []              # glued to the number ("-1,5%")
    scales: Scales
    approximate_words: Values
    approximate_upper: Values = {}          # word -> exclusive upper bound ("puluhan": 100)
    approximate_suffixes: Words = []        # after round digits ("30-an")
    approximate_scale_plurals: Values = {}  # after a whole number: "5 ribuan" = 5000..5999
    approximate_links: Words = []
    approximate_needs_link: bool = False
    qualifiers: WordMap
    qualifier_fillers: Words = []
    qualifiers_after: WordMap = {}
    qualifiers_after_not_before: Words = []
    qualifiers_after_at_end: WordMap = {}
    qualifiers_after_noun: WordMap = {}             # "17 tahun ke atas": into qualifier, outside the span
    qualifiers_after_noun_at_end: WordMap = {}      # "12 ribu orang lebih." (only before punctuation)
    qualifiers_not_before_time_units: Words = []
    range_connectors: Words
    range_openers: dict[str, Words] = {}
    currency_range_connectors: Words = []
    tolerance_connectors: Words = []
    currencies: dict[str, CurrencyUse]
    percent: Words
    points: WordMap
    measures: WordMap
    glued_measures: WordMap = {}            # only glued to the digits ("40C", "2x lipat")
    unit_words: WordMap = {}
    unit_word_markers: Words = []
    article_unit_words: WordMap = {}        # a count only after a qualifier ("sedikitnya seorang")
    multiplier_words: Values = {}           # "twice": 2
    multiplier_unit: Optional[str] = None
    rate_words_before: Words = []
    rate_words_after: Words = []
    slash_fraction_denominators: list[int] = []
    fraction_links: Words = []
    idioms: Words = []
    word_range_blockers: Words = []         # "by X to Y": a change and a level, not a range
    classifiers: Words = []
    compound_nouns: Words = []
    noun_clitics: Words = []
    noun_clitic_min_stem: int = 3
    unit_modifiers: Words = []
    proper_modifiers_before_noun: bool = False
    proper_modifier_plural_ending: Optional[str] = None
    units_before: Words = []
    units_before_variants: WordMap = {}     # another form of a unit word before the number -> the unit
    age_unit: Optional[str] = None
    coordinators: Words = []
    elision_forward_links: Words = []
    elision_followers: Words = []
    score_connectors: Words = []
    duration_markers: Words = []
    count_heads: CountHeads = CountHeads()
    count_markers: Words = []
    unit_stop_words: Words
    time_units: Words = []
    relative_time_after: Words = []
    relative_time_before: Words = []
    relative_time_units: Optional[Words] = None        # absent: the time_units
    relative_after_despite_duration: Words = []         # a DATE even after a duration marker
    count_from_now: CountFromNow = CountFromNow()
    not_figure_before: Words = []
    not_figure_after: Words = []
    months: Words = []
    phone_markers: Words = []


# --------------------------------------------------------------------------- dates (dates.json)

class DateContext(Schema):
    year: Words = []
    year_weak: Words = []
    month: Words = []


class SubPeriods(Schema):
    order: Literal["ordinal_count_unit", "count_unit_ordinal"] = "count_unit_ordinal"
    units: Words = []
    ordinals: Words = []
    joiners: Words = []


class TimeFacts(Schema):
    prefixes: Words = []
    duration_units: Words = []
    context_before: Words = []
    zones: Words = []
    local_zones: Words = []
    zone_name_before: Words = []
    zone_name_after: Words = []
    meridiem: Offsets = {}
    day_parts: dict[str, HourRange] = {}


class CountBefore(Schema):
    markers: Offsets = {}           # word before a count -> direction ("dalam 3 hari", "in 3 days")
    excluded_counts: Words = []     # counts that are articles there ("in a day")
    not_followed_by: Words = []     # words after the unit that make it a span of time ("terakhir")


class Decades(Schema):
    suffixes: Words = []            # after a year ending in 0 ("1970-an", "1970s")
    context_words: Words = []       # before a two-digit decade ("tahun 90-an", "the '70s")


class DatesFile(Schema):
    """``dates.json``: facts of the DATE/TIME extractor."""
    months: Offsets
    month_abbreviations: Offsets = {}
    weekdays: Offsets
    weekday_abbreviations: Offsets = {}
    lowercase_month_names: bool = False
    lowercase_weekday_names: bool = False
    lowercase_needs_date: Words = []
    informal_spellings: dict[str, Words] = {}
    count_before: CountBefore = CountBefore()
    day_parts_after_date: Words = []
    day_part_markers: Words = []
    year_event_words: Words = []
    year_quantity_words: Words = []
    year_name_words: Words = []
    months_also_names: Words = []
    decades: Decades = Decades()
    textual_orders: list[Literal["dm", "md"]] = ["dm"]
    numeric_order: Literal["dmy", "mdy"] = "dmy"
    ordinal_suffixes: Words = []
    day_month_joiners: Words = []
    day_words: Words = []
    weekday_words: Words = []
    month_words: Words = []
    year_words: Words = []
    articles: Words = []
    range_connectors: Words = ["-"]
    context_before: DateContext = DateContext()
    month_coordinators: Words = []
    year_followers: Words = []
    relative_before: Offsets = {}
    relative_after: Offsets = {}
    count_after: Offsets = {}
    relative_days: Offsets = {}
    period_units: WordMap = {}
    count_units: WordMap = {}
    units_with_count: dict[str, UnitCount] = {}
    number_words: Offsets = {}
    sub_periods: SubPeriods = SubPeriods()
    identifier_words: Words = []
    anchored_after: Offsets = {}
    anchored_counted_only: Words = []
    anchored_bare_only: Words = []
    anchored_units: WordMap = {}
    comparatives: Words = []
    future_markers: Words = []
    past_markers: Words = []
    quantifiers: Words = []
    periods: WordMap = {}
    blockers_before: Words = []
    time: TimeFacts = TimeFacts()


# ------------------------------------------------------------------------------------- names

class AliasEntry(Schema):
    label: str                     # checked against the names rules' labels when the table loads
    canonical: str
    en: Optional[str] = None
    aliases: Words


class AliasesFile(Schema):
    """``aliases.json``: one entry per named thing."""
    entries: list[AliasEntry]


class Provenance(Schema):
    """How a derived word list was made (``warta lexicons``)."""
    command: str
    sources: Words
    skipped: Words
    label_map: str
    definition: str
    thresholds: Values


class WordCount(Schema):
    org: int
    all: int
    precision: float


class OrgHeadsFile(Provenance):
    """``org_heads.json`` (derived): organisation head and tail words with their counts."""
    connectors: Words
    heads: dict[str, WordCount]
    tails: dict[str, WordCount]


class CommonWordsFile(Provenance):
    """``common_words.json`` (derived): words seen in lower case in the training data."""
    n_words: int
    words: Words


class PersonCount(Schema):
    person: int
    all: int
    precision: float


class GivenNamesFile(Provenance):
    """``given_names.json`` (derived, ``warta.training.name_lists``): words that start person names."""
    words: dict[str, PersonCount]


class ReviewedWords(Schema):
    heads: WordMap = {}            # word -> why it was dropped or added
    tails: WordMap = {}


class OrgTemplate(Schema):
    template: Optional[str] = None     # "{P} {M} University[ of {G}]"
    keep: bool = False                 # the name is its own English name


class OrgNamesFile(Schema):
    """``org_names.json``: the reviewed use of ``org_heads.json`` and how names become English."""
    connectors: WordMap = {}
    coordinators: Words = []
    dropped: ReviewedWords = ReviewedWords()
    added: ReviewedWords = ReviewedWords()
    not_heads: WordMap = {}
    templates: dict[str, OrgTemplate] = {}
    modifiers: WordMap = {}
    glossary: WordMap = {}
    expansions: WordMap = {}           # a head written short -> written out ("Pemprov" -> "Pemerintah Provinsi")
    products: Words = []               # product names: never an organisation ("iPhone", "PlayStation")
    proper_names_unchanged: bool = False
    english: bool = False


class PlaceKind(Schema):
    official: str                  # prefix of the official name ("Kabupaten")
    prefixes: Words                # every way news writes it ("Kabupaten", "Kab.", "Kab")
    en: str                        # English name of a prefixed form, "{N} Regency"
    bare: bool = True              # the name without its prefix is filed too
    common_ratio: Optional[float] = None   # this kind's own common_ratio (default: the file's)


class PlaceContexts(Schema):
    words: Words = []              # lower-case words after which a gazetteer name is a place


class PlacesFile(Schema):
    """``places.json``: region kinds, English forms of region names, place contexts (the gazetteer rule)."""
    kinds: dict[str, PlaceKind] = {}
    source_prefixes: WordMap = {}
    source_abbreviations: WordMap = {}
    directions: WordMap = {}
    leading_words: WordMap = {}
    words_en: WordMap = {}
    contexts: PlaceContexts = PlaceContexts()
    list_links: Words = []
    common_ratio: float = 1.0
    min_person_share: float = 0.5
    world_cities: WordMap = {}     # major cities outside the regions file as the language writes them -> English
    feature_words: Words = []      # words of geographic and street names ("Selat", "Teluk", "Jalan"): never split off a city


class NameCuesFile(Schema):
    """``name_cues.json``: titles, events, products and the words around them (the names rules)."""
    titles: Words = []             # honorifics and academic titles before a person's name: never in the span
    event_heads: Words = []        # a capitalised run after one is an event ("Liga", "Piala")
    event_tails: Words = []        # a capitalised run ending in one is an event ("Cup", "League", "Games")
    event_words: Words = []        # events named by one word ("Pilpres", "Munas")
    event_cues: Words = []         # lower-case words before an event's name ("ajang", "turnamen")
    brands: Words = []             # makers whose name followed by a model name is a product ("Toyota Rush")
    brand_org_words: Words = []    # words after a maker that keep the company ("Toyota Motor", "Yamaha Indonesia")
    product_nouns: Words = []      # a capitalised run ending in one is a product ("... Computer Bag")
    product_cues: Words = []       # lower-case words before a product's name ("varian", "tipe")
    org_nouns: Words = []          # lower-case nouns of a kind of organisation: a name after one is an ORG
    list_cues: Words = []          # after an organisation noun, open a list of its names ("seperti")
    address_words: Words = []      # words of address to the reader ("Moms"): a PERSON or ORG of them only is none
    match_words: Words = []        # between two sides of a match ("vs", "mengalahkan"): a place beside one is a team
    place_heads: Words = []        # a proper name after one is a named facility or feature, a PLACE ("Hotel Des Indes")
    speech_verbs: Words = []       # before a speaker ("kata", "ujar"): a model PLACE right after one is a PERSON
    degrees: Words = []            # written after a person's name ("SpA", "MSi"): a PERSON of them only is none
    lower_case_names: bool = False  # names are often written in lower case (informal English): keep the model's


class CommonAbbreviationsFile(Schema):
    """``common_abbreviations.json``: abbreviation -> the common noun it stands for."""
    words: WordMap


# ------------------------------------------------------------------ page furniture (boilerplate.json)

class BoilerplateRule(Schema):
    """One way news sites write a kind of page furniture (see :mod:`warta.rules.boilerplate`)."""
    kind: Literal["copyright", "related", "credit", "photo", "share"]
    form: Literal["label", "opener", "phrase", "notice", "bracketed", "mark"]
    words: Words
    case_sensitive: bool = False   # only as written and in UPPER case
    names_only: bool = False       # label / opener: what follows must read as names
    bare_upper: bool = False       # label: written in UPPER case it needs no separator
    headline: bool = False         # label: a longer line is a headline run into the article's text
    max_words: int = 40            # the longest line (or credit) the rule accepts


class BoilerplateFile(Schema):
    """``boilerplate.json``: page furniture (copyright lines, related links, credits, prompts)."""
    rules: list[BoilerplateRule]


# ------------------------------------------------------------------ backends, language detection

class StanzaNerLabelsFile(Schema):
    """``stanza_ner_labels.json``: stanza entity type -> project label (null: dropped)."""
    labels: dict[str, Optional[str]]


class FunctionWordsFile(Schema):
    """``function_words.json``: frequent function words, for language detection."""
    about: str
    words: Words


class MarkersFile(Schema):
    """``markers.json`` of a look-alike language (``ms``): its spellings against the supported one's."""
    about: str
    code: str
    resembles: str
    min_markers: int
    pairs: list[SpellingPair]


# ------------------------------------------------------------- publication dates (published.json)

class PublishedFile(Schema):
    """``published.json``: how pages and feeds write their publication date (``warta.batch.published``)."""
    zones: WordMap = {}                 # zone abbreviation -> UTC offset "+07:00"
    local_offset: Optional[str] = None  # offset of a time written without a zone ("+07:00")
    labels: Words = []                  # words set before a date: "Updated", "Diperbarui"
    relative_words: WordMap = {}        # word -> the form the date parser reads ("sejam" -> "1 jam")
    dateline_cues: Words = []           # words between a dateline's dash and its date ("pada", "on")


# --------------------------------------------------------------------- quotes (quotes.json)

MarkPair = Annotated[tuple[str, str], Strict(False)]                                   # [opening, closing]


class QuotesFile(Schema):
    """``quotes.json``: reported speech (``warta.rules.quotes``): marks, cues, speakers, roles."""
    marks: list[MarkPair]                   # quotation marks of direct speech
    weak_marks: list[MarkPair] = []         # only a quote with a cue beside it ('single' marks)
    min_words: int = 4                      # shorter and without a cue: a term, not a quote
    cues_after: Words                       # before the speaker, after the quote ("kata", "said")
    cues_verb: Words                        # after the speaker, before the clause ("mengatakan", "said")
    cues_source: Words = []                 # before the source ("menurut", "according to")
    chained_cues: Words = []                # ", adding that ...": the same speaker's next clause
    source_nouns: Words = []                # between a source cue and its name ("data", "figures from")
    clitics: Words = []                     # a pronoun glued to a cue ("ujarnya")
    pronouns: Words = []                    # a speaker to resolve to the previous named one
    source_pronouns: Words = []             # of those, the ones that refer back to a source ("it", "mereka")
    clause_openers: Words = []              # skipped between a cue verb and its clause ("bahwa", "that")
    not_speech_after: Words = []            # after a cue verb: a verdict, not speech
    not_speech: Words = []                  # findings, hopes, estimates: never cues
    speaker_nouns: Words = []               # unnamed speakers ("polisi", "officials")
    speaker_determiners: Words = []         # before an unnamed speaker ("seorang", "a")
    roles: Words = []                       # role and title words that start a role beside a name
    role_determiners: Words = []            # before a role in apposition ("seorang", "the")
    demonstratives: Words = []              # after a bare role that refers back ("menteri itu")
    linking: Words = []                     # clause openers that are no part of a quote ("Selanjutnya")
    abbreviations: Words = []               # a full stop after these ends no sentence
    anaphors: Words = []                    # a speaker that names the last organisation ("the agency")
    subject_adverbs: Words = []             # between a speaker and its cue verb ("juga", "also")
    phrase_stops: Words = []                # end an unnamed speaker after its cue ("kepada", "to")
    first_person: Words = []                # a sentence with one goes on with a quote without marks
    role_modifiers_before: bool = False     # capitalised words before a role word belong to it
    role_stops: Words = []                  # no role before a name reaches back over these ("yang", "who")
    addressee_words: Words = []             # after a cue verb, start whom it was said to ("kepada", "to")
    cues_with_addressee: Words = []         # cue verbs followed by whom it was said to ("told")
    extend_names: bool = False              # a speaker's name goes on over the capitalised words after it
    cues_lower_case: bool = False           # a cue capitalised after a word is part of a name ("Said Iqbal")
    honorifics: Words = []                  # before a name, no part of a speaker's mention ("Dr.", "Mrs.")
    naming_cues: Words = []                 # 'called "..."', 'described X as "..."': the quote's cue
    naming_links: Words = []                # between a naming cue and the quote ("as", "sebagai")
    quoting_words: Words = []               # "mengutip Y mengatakan": the speaker is Y, after the word
    names_capitalised: bool = False         # a mention starting in lower case is no name
    split_roles_in_names: bool = False      # "Police Chief Daniel Ortiz" as one mention: the name after the role
    people_of_bodies: bool = False          # "analysts at <ORG> said": the phrase is the speaker, not the ORG


# ------------------------------------------------------------ figure subjects (subjects.json)

class SubjectsFile(Schema):
    """``subjects.json``: what ends or links a figure's subject (``warta.rules.figure_subjects``)."""
    head: Literal["first", "last"]          # the head word of a noun phrase: its first or its last word
    prepositions: Words                     # end a phrase; a phrase after one is an adverbial or a place
    relatives: Words = []                   # end a phrase ("yang", "which")
    conjunctions: Words = []                # end a phrase ("dan", "and")
    demonstratives: Words = []              # end a phrase ("ini", "this")
    determiners: Words = []                 # before a phrase, left out ("para", "the")
    other_stops: Words = []                 # auxiliaries, adverbs, pronouns: never in a phrase
    linking: Words = []                     # between a phrase and its amount ("sebesar", "rose")
    link_gaps: Words = []                   # between a linking word and the amount ("to", "di")
    link_conjunctions: Words = []           # before a second amount of the same thing ("atau", "or")
    measure_nouns: Words = []               # after a preposition or linking word right before the amount, a link ("pada tingkat")
    comparatives: Words = []                # before an adjective: a comparison, stepped over ("lebih rendah dari")
    dimension_nouns: Words = []             # linking nouns that head the subject with no noun before them ("Bobot")
    time_openers: Words = []                # before a time unit, month or number: a time adverbial ("akhir pekan")
    ordinals: Words = []                    # after a noun, no part of its phrase ("lintasan kedua")
    change_nouns: Words = []                # a link before the amount, else the head of its phrase ("kenaikan laba")
    change_links: Words = []                # linking words that keep a change noun in the subject ("sebesar")
    adverbials: Words = []                  # open an adverbial, never a subject ("secara", "selama")
    count_units: Words = []                 # units of numbers.json that a figure counts ("poin")
    subject_prepositions: Words = []        # a phrase after one before a linking word is the subject ("dengan")
    of_words: Words = []                    # "dari X" / "of X" after an amount: X is the subject
    of_after: list[Literal["percent", "measure", "classifier", "approximate", "number"]] = []
    verb_prefixes: Words = []               # a lower-case word with one is a verb (unless in not_verbs)
    verb_min_stem: int = 3                  # letters after a prefix or before a suffix
    passive_prefixes: Words = []            # a passive verb's phrase in an adverbial clause is no subject ("di")
    verb_suffixes: Words = []
    verbs: Words = []                       # verbs without an affix
    not_verbs: Words = []                   # words with a verb affix that are no verbs
    extra_units: Words = []                 # measure words numbers.json leaves to the counted-noun rule
    age_markers: Words = []                 # before an age ("berusia", "aged")
    age_nouns: Words = []                   # an age marker that is the subject when no person is named
    person_nouns: Words = []                # a noun before an age of years is the person ("perempuan")
    age_after: Words = []                   # after an age's number ("-year-old", "old")
    max_words: int = 6                      # a longer subject is cut to its head side
    source_verbs: Words = []                # after a source that reports its own data ("mencatat"; attribution)
    source_cues: Words = []                 # before a source that states the whole sentence ("dilansir"; attribution)
    source_framing: Words = []              # before the place or day of the speaking, between a source and its verb ("di")


SCHEMAS: dict[str, type[Schema]] = {
    "numbers": NumbersFile,
    "dates": DatesFile,
    "aliases": AliasesFile,
    "org_heads": OrgHeadsFile,
    "org_names": OrgNamesFile,
    "places": PlacesFile,
    "name_cues": NameCuesFile,
    "common_words": CommonWordsFile,
    "given_names": GivenNamesFile,
    "common_abbreviations": CommonAbbreviationsFile,
    "stanza_ner_labels": StanzaNerLabelsFile,
    "function_words": FunctionWordsFile,
    "markers": MarkersFile,
    "boilerplate": BoilerplateFile,
    "published": PublishedFile,
    "quotes": QuotesFile,
    "subjects": SubjectsFile,
}
