"""The registry of extraction rules: every decision the extractor takes about a number, by name.

Belongs here: the ordered list ``RULES`` of named rules, grouped by decision family (scanning,
rejections, dates and years, money, units, numbers, ranks), each with what it decides and its
own examples (our own sentences). The list is in the order the extractor tries the rules on a
number; for the identifier rejections (``stage="identifier"``) the order is taken from here at
import, so reordering the registry reorders the checks. Every figure records the rule that read
it (``Figure.rule``) and ``explain`` lists every number skipped with the rule that skipped it;
``tests/test_rules.py`` runs every example through ``explain``.
Not here: the code of each rule (the family modules beside this one).
"""

from __future__ import annotations

from typing import NamedTuple


class Example(NamedTuple):
    text: str
    quote: str  # the span the rule decides (the whole quote of a figure, or the number skipped)
    value: float | None = None  # None: the rule skips the number
    unit: str | None = None


class Rule(NamedTuple):
    name: str
    family: str  # scanning, rejections, dates, money, units, numbers, ranks
    reads: bool  # True: the rule reads a figure; False: it skips a number
    summary: str
    examples: tuple[Example, ...]
    stage: str = ""  # "identifier": one of the ordered checks run before any reading


def _r(name, family, reads, summary, *examples, stage=""):
    return Rule(name, family, reads, summary, tuple(Example(*e) for e in examples), stage)


RULES: tuple[Rule, ...] = (
    # --- scanning ---------------------------------------------------------------------------
    _r(
        "digits_after_separator",
        "scanning",
        False,
        "Digits right after a dot or comma that no number before them took (a stray '.5').",
        ("version .5 of the rules", "5"),
    ),
    # --- rejections: identifiers, tried in this order before a number is read ----------------
    _r(
        "letter_before",
        "rejections",
        False,
        "A letter glued before the digits: a code (G7, H2).",
        ("the G7 summit", "7"),
        stage="identifier",
    ),
    _r(
        "slash_code",
        "rejections",
        False,
        "Digits joined by a slash to letters or digits: URL paths, 24/7.",
        ("open 24/7 for visitors", "24"),
        stage="identifier",
    ),
    _r(
        "hyphen_name",
        "rejections",
        False,
        "A number glued by a hyphen to a word names a thing (COVID-19), except mid-/early-.",
        ("the COVID-19 response", "19"),
        stage="identifier",
    ),
    _r(
        "joined_code",
        "rejections",
        False,
        "Codes and scores joined by + : # or №: 3+3, GMT+8, #5, №1.",
        ("the 2+2 dialogue", "2"),
        ("School №7 opened", "7"),
        stage="identifier",
    ),
    _r("clock_time", "rejections", False, "A time of day: 6 pm, 10:30, 9 o'clock.", ("they met at 6 pm", "6"), stage="identifier"),
    _r(
        "label_word",
        "rejections",
        False,
        "A number after an identifier label: Article 5, No. 77, Phase 2, 'ID :', 'Views: 12'.",
        ("under Article 12 of the law", "12"),
        ("ID :\n48213\nNews", "48213"),
        ("Views: 4021", "4021"),
        stage="identifier",
    ),
    _r(
        "list_label",
        "rejections",
        False,
        "A list label at the start of a line: '1.' or '2)'.",
        ("  1. Strengthening governance", "1"),
        stage="identifier",
    ),
    _r(
        "enumerator",
        "rejections",
        False,
        "An enumerator inside a line: (1), (2).",
        ("the aims are (1) growth and (2) jobs", "1"),
        stage="identifier",
    ),
    _r("note_reference", "rejections", False, "A reference to a note: [1], [12].", ("There were 40 visitors.[3]", "3"), stage="identifier"),
    _r(
        "numbered_heading",
        "rejections",
        False,
        "A numbered heading or section number at the start of a line.",
        ("512: Outline of the Agreement\nTrade rose.", "512"),
        ("2.1 Economic Relations", "2.1"),
        stage="identifier",
    ),
    _r(
        "quoted_name",
        "rejections",
        False,
        'A number inside a quoted Title Case name: "Winter Search 2021".',
        ('the "Eastern Shield 2019" exercise', "2019"),
        stage="identifier",
    ),
    # --- rejections: decided as a number is read --------------------------------------------
    _r(
        "mixed_digit_scripts",
        "rejections",
        False,
        "Digits of two scripts in one numeral: no reading is safe.",
        ("\u06637\u0660\u0660 people", "\u06637\u0660\u0660"),
    ),
    _r(
        "spaced_date_time",
        "rejections",
        False,
        "A date or time with blanks around its marks: 2018 / 09 / 21, 11 : 53.",
        ("Posted 2017 / 04 / 12", "2017 / 04 / 12"),
    ),
    _r(
        "leading_zero_code",
        "rejections",
        False,
        "A code that starts with a zero: 02-1448, 007.",
        ("file 03-2211 in the archive", "03-2211"),
    ),
    _r("telephone_number", "rejections", False, "Telephone and fax numbers after their label.", ("Fax: 7505-1234", "7505-1234")),
    _r("glued_code", "rejections", False, "Letters glued after the digits that are no unit or scale: 4G, 3D.", ("a 5G network", "5G")),
    _r(
        "foreign_script_word",
        "rejections",
        False,
        "The number's word is in a script the extractor does not read.",
        ("Экспорт 15 хувийн өсөлттэй", "15"),
    ),
    _r(
        "year_in_name",
        "rejections",
        False,
        "A year after a capitalised name: Vision 2030, Expo 2025.",
        ("under Vision 2030, roads were built", "2030"),
    ),
    _r(
        "version_in_name",
        "rejections",
        False,
        "A version after a capitalised name: Youth 2.0 program.",
        ("through the Exchange 2.0 program", "2.0"),
    ),
    _r("page_counter", "rejections", False, "A web page's counters: 1250 Views, 14 comments.", ("Jul 2 • 5102 Views", "5102 Views")),
    _r("file_size", "rejections", False, "A file's size in a download link: 512 KB, 3.1 MB.", ("brochure (pdf, 640 KB)", "640 KB")),
    _r(
        "counter_line",
        "rejections",
        False,
        "A bare number on a line of bullets and bare numbers only: a page's view and comment counters.",
        ("Aid news\n  • 3107\n  • 2\nThe ministry said", "3107"),
    ),
    _r("posted_ago", "rejections", False, "A posting stamp: 1 minute ago, 5 hours ago.", ("Staff writer 4 minutes ago", "4 minutes")),
    _r("postal_code", "rejections", False, "A postal code in an address.", ("Peace Avenue 12, Ulaanbaatar 14210 Mongolia", "14210")),
    _r("bare_decimal", "rejections", False, "A bare decimal with no unit or noun: a section number.", ("as set in objectives 4.2.", "4.2")),
    _r(
        "number_in_name",
        "rejections",
        False,
        "A number after a capitalised name: Boeing 767, Terminal 2.",
        ("flew on a Boeing 737.", "737"),
    ),
    _r(
        "time_window",
        "rejections",
        False,
        "A stretch of time named by a window word: the first 9 months, the first half.",
        ("in the first 7 months of 2023", "7 months"),
        ("in the first half of 2022", "half"),
    ),
    _r(
        "bare_scale_word",
        "rejections",
        False,
        "A scale word alone counts nothing: 'passed the million mark'.",
        ("sales passed the million mark", "million"),
    ),
    _r(
        "definite_reference",
        "rejections",
        False,
        "'the two countries', 'both' refer back; they state no figure ('every' before a time unit is an interval).",
        ("the three projects were praised", "three"),
    ),
    _r("partitive_of", "rejections", False, "'one of the few', 'two of them'.", ("one of the largest donors", "one")),
    _r("list_label_word", "rejections", False, "Number words as list labels: 'One.', 'Two:'.", ("Two. The program was developed.", "Two")),
    _r("article_one", "rejections", False, "'one' alone is an article more often than a figure.", ("one official said", "one")),
    _r(
        "dyad_reference",
        "rejections",
        False,
        "'two' of the two parties of a text: two countries, two sides, two leaders.",
        ("a memorandum signed by two countries", "two countries"),
    ),
    _r("number_word_without_noun", "rejections", False, "A number word with no noun and no unit.", ("five, they said", "five")),
    # --- dates and years -----------------------------------------------------------------------
    _r(
        "date",
        "dates",
        True,
        "A calendar date at a digit or a month name; a missing year is the latest one stated, or for a dateline"
        " ('TOKYO, May 2 (Kyodo)') the year of the document's date in the manifest.",
        ("signed on 12 March 2019 in Tokyo", "12 March 2019", 2019, "date"),
    ),
    _r(
        "second_day",
        "dates",
        True,
        "A bare day joined by 'and' to a date is a second date of that month, not a count.",
        ("talks on 3 May 2020; visits on June 8 and 9 in Osaka", "9", 2020, "date"),
    ),
    _r(
        "date_without_year",
        "dates",
        False,
        "A day and month with no year written anywhere before it.",
        ("held on June 4 in the capital", "June 4"),
    ),
    _r(
        "year",
        "dates",
        True,
        "A calendar year, or an early year after a cue word ('in 1274').",
        ("aid began in 1991, and", "1991", 1991, "year"),
    ),
    _r(
        "year_range",
        "dates",
        True,
        "Two years of one span: 2015-2019, 2020 to 2024.",
        ("the plan for 2016-2020 was", "2016-2020", 2016, "year"),
    ),
    _r("fiscal_year", "dates", True, "A fiscal year: FY2021, fiscal year 2019.", ("grants in FY2018 rose", "FY2018", 2018, "year")),
    _r("decade", "dates", False, "A decade: the 1990s.", ("since the 1980s", "1980s")),
    # --- money -------------------------------------------------------------------------------
    _r(
        "currency_before",
        "money",
        True,
        "A currency symbol or code before the amount; a bare '$' or '¥' takes the document's currency.",
        ("a loan of US$ 25 million", "US$ 25 million", 25e6, "USD"),
        ("a grant of C$ 2 million and $3 million more", "$3 million", 3e6, "CAD"),
    ),
    _r(
        "scale_after_parenthesis",
        "money",
        True,
        "An amount whose scale word follows a short parenthesis: the scale applies; the parenthesis is read on its own.",
        ("rose by USD 8.6 (4%) million", "USD 8.6 (4%) million", 8.6e6, "USD"),
    ),
    _r(
        "table_amount",
        "money",
        True,
        "The last number of a table row under a header naming the column's money unit ('Amount (million USD)').",
        ("Project Cost (USD million) Fund\n1 Water Supply 32.5 Grant\n", "32.5", 32.5e6, "USD"),
    ),
    _r(
        "table_row_number",
        "rejections",
        False,
        "The number opening a row of such a table, where no numbered heading is seen: the row's number.",
        ("Project Cost (USD million) Fund\n1 water supply works 32.5 Grant\n", "1"),
    ),
    _r(
        "currency_after",
        "money",
        True,
        "A currency word or ISO code after the amount; a phrase's blanks may be no-break spaces.",
        ("some 40 billion yen in loans", "40 billion yen", 40e9, "JPY"),
        ("a grant of 6 million US\u00a0dollars", "6 million US\u00a0dollars", 6e6, "USD"),
        ("fees of 900 MNT", "900 MNT", 900, "MNT"),
    ),
    # --- units -------------------------------------------------------------------------------
    _r("percent", "units", True, "A share: %, percent, per cent, pct.", ("rose 4.5 percent", "4.5 percent", 4.5, "percent")),
    _r(
        "multiplier",
        "units",
        True,
        "A multiplier: 12-fold, 'three times as large', 'rose 16 times'.",
        ("a 7-fold increase", "7-fold", 7, "times"),
        ("exports grew 9 times over", "9 times", 9, "times"),
    ),
    _r(
        "occasions",
        "units",
        True,
        "'N times' that counts occasions, not a multiplier: 'some ten times since 1991'.",
        ("visited Japan 6 times since 2015", "6 times", 6, "count"),
    ),
    _r(
        "multiplier_verb",
        "units",
        True,
        "A verb that states a multiplier: doubled, tripled, halved; its bare form after a qualifier or 'to', 'will'.",
        ("exports tripled in a decade", "tripled", 3, "times"),
        ("sales almost doubled last year", "doubled", 2, "times"),
        ("the fund is set to nearly double", "double", 2, "times"),
    ),
    _r(
        "multiplier_adjective",
        "units",
        False,
        "'double', 'triple' with no qualifier or verb word before them describe a thing.",
        ("a treaty on double taxation", "double"),
    ),
    _r(
        "fraction",
        "units",
        True,
        "A fraction in words as a share in percent ('one-third of' is 33.3, approx); 'half a century' is 50 years.",
        ("one-third of the budget", "one-third", 33.3, "percent"),
        ("almost half of all trade", "half", 50, "percent"),
        ("more than half a century", "half a century", 50, "year"),
    ),
    _r(
        "physical_unit",
        "units",
        True,
        "A physical unit after the number, read by pint: miles, sq. km, tonnes, TWh, °C.",
        ("a 1,200-mile railway", "1,200-mile", 1200, "mi"),
        ("some 3.5 mn tonnes of coal", "3.5 mn tonnes", 3.5e6, "t"),
        ("produced 6 terawatt-hours", "6 terawatt-hours", 6, "TWh"),
        ("an area of 120 sq. km", "120 sq. km", 120, "km²"),
        ("elections held every five years", "five years", 5, "year"),  # 'every': an interval
    ),
    _r(
        "long_duration",
        "units",
        True,
        "Decades and centuries after a number are a duration, published in years.",
        ("cooperation over three decades", "three decades", 30, "year"),
        ("a road built 2 centuries ago", "2 centuries", 200, "year"),
    ),
    _r(
        "compound_duration",
        "units",
        True,
        "A duration in hours and minutes: 5 h 30 m is 5.5 h.",
        ("the flight takes 3 h 45 m", "3 h 45 m", 3.75, "h"),
    ),
    _r(
        "rate",
        "units",
        True,
        "A rate as a unit of its own: MWh/day, per 10,000 live births, a year, /sq. km.",
        ("exports of 30 MWh/day", "30 MWh/day", 30, "MWh/d"),
        ("a rate of 14 per 10,000 live births", "14 per 10,000 live births", 14, "count/10000 live births"),
        ("a density of 3 inh./sq. km", "3 inh./sq. km", 3, "person/km²"),
        ("spending $4 a day", "$4 a day", 4, "USD/d"),
    ),
    # --- numbers -----------------------------------------------------------------------------
    _r(
        "word_range",
        "numbers",
        True,
        "A range opened by a number word: 'between one and 1.5 percent'.",
        ("interest between two and 2.5 percent", "two and 2.5 percent", 2, "percent"),
    ),
    _r("ages", "numbers", True, "Ages: 'aged 18 to 35', 'between the ages of 0 and 90'.", ("workers aged 20 and over", "20", 20, "year")),
    _r(
        "share_of_total",
        "numbers",
        True,
        "A decimal 'of the total' is a share in percent.",
        ("which is 42.5 of the total", "42.5", 42.5, "percent"),
    ),
    _r(
        "count_noun",
        "numbers",
        True,
        "A count with its noun: people (person) or things (count).",
        ("over 1,200 Mongolian students", "1,200 Mongolian students", 1200, "person"),
        ("12 new schools", "12 new schools", 12, "count"),
        ("seven of his ministers came", "seven", 7, "person"),
        ("four out of the nine turbines", "four", 4, "count"),
    ),
    _r(
        "bare_number_word",
        "numbers",
        True,
        "A number word without a noun after 'to', 'reached', 'totaled': 'brings the loans to six,'.",
        ("bringing the total to six, worth", "six", 6, "count"),
    ),
    _r(
        "measure_value",
        "numbers",
        True,
        "A bare number a measure names ('an index of 52.7') or that continues a comparison ('versus 38.2').",
        ("a price index of 112.4 (2022)", "112.4", 112.4, "index"),
        ("scores of 61.2 versus 48.9", "48.9", 48.9, "index"),
    ),
    _r(
        "elliptical_list",
        "numbers",
        True,
        "A number word with no noun in a list whose count before it takes the same preposition: that count's unit.",
        ("9 grants for water, four for roads", "four", 4, "count"),
    ),
    _r(
        "bare_count",
        "numbers",
        True,
        "A number with no word of its own: people when its sentence or label counts people, else a count.",
        ("Students: 1,450 (2023)", "1,450", 1450, "person"),
        ("Hospitals: 215", "215", 215, "count"),
        ("visitors rose by 1640 (9 percent)", "1640", 1640, "person"),  # a change verb and 'by': no year
    ),
    # --- ranks -------------------------------------------------------------------------------
    _r(
        "rank_word_before",
        "ranks",
        True,
        "An ordinal after rank words: 'ranked 7th'.",
        ("Mongolia ranked 3rd in the region", "3rd", 3, "rank"),
    ),
    _r(
        "rank_superlative",
        "ranks",
        True,
        "An ordinal before a superlative: 'the fourth-largest'.",
        ("the fifth-largest donor", "fifth", 5, "rank"),
    ),
    _r(
        "rank_among_partners",
        "ranks",
        True,
        "An ordinal before 'export partner', 'investor'...",
        ("its 12th trading partner", "12th", 12, "rank"),
    ),
    _r(
        "anniversary",
        "ranks",
        True,
        "'the 60th anniversary' is 60 years.",
        ("the 35th anniversary of ties", "35th anniversary", 35, "year"),
    ),
    _r(
        "sequence_ordinal",
        "ranks",
        False,
        "An ordinal that numbers a sequence: 'the 3rd meeting'.",
        ("the 9th meeting of the committee", "9th"),
    ),
)

RULES_BY_NAME = {r.name: r for r in RULES}
FAMILIES = ("scanning", "rejections", "dates", "money", "units", "numbers", "ranks")
# Names a decision may carry besides the registry's: a number inside a span already decided.
WITHIN = "within"


def _check_registry() -> None:
    names = [r.name for r in RULES]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"rules registry: names used twice: {sorted(duplicates)}")
    for r in RULES:
        if r.family not in FAMILIES:
            raise ValueError(f"rules registry: {r.name}: unknown family {r.family!r}")
        if not r.examples:
            raise ValueError(f"rules registry: {r.name}: no example")


_check_registry()

from . import rejections as _rejections  # noqa: E402  (the checks are bound once the registry exists)

_rejections.bind_registry()
