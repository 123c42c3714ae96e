"""Words of the language of figures: currencies, scales, units, qualifiers, nouns, months.

Belongs here: vocabularies and the regular-expression fragments built from them. They hold words
and patterns only; no figure value from any text is ever written here.
Not here: the logic that combines them (``extractor.py``), number parsing (``numbers.py``).
"""

from __future__ import annotations

import re

# --- windows -----------------------------------------------------------------------------------
# How far the rules read around a number, in characters (words for a noun phrase). The language of
# figures keeps what decides a number close to it: a qualifier ("more than"), a currency, a cue
# word, a label; wider windows cost time and catch words of other figures.
BEFORE_WINDOW = 40  # the context read before a number (qualifiers, cue words, labels, periods)
WORD_WINDOW = 24  # the word right before a number
QUALIFIER_WINDOW = 32  # "more than", "an estimated", "a total of"
CURRENCY_WINDOW = 8  # a symbol or code before an amount ("US$ ", "MNT ")
FISCAL_WINDOW = 14  # "fiscal year ", "FY"
CONTACT_WINDOW = 12  # "Tel.: ", "Fax "
LABEL_WINDOW = 24  # "ID :", "Views: "
SERIES_GAP = 24  # between the counts of a list ("4410 in Tokyo, 1876 in Osaka")
COMPARISON_GAP = 40  # between a figure and the one it is compared with ("45.6 versus 30.6")
ABBREVIATION_WINDOW = 12  # the word before a full stop, to tell an abbreviation from a sentence end
NOUN_PHRASE_WORDS = 5  # words of the noun phrase after a number
TIME_PHRASE_CHARS = 24  # "eight consecutive years": a time unit that ends a phrase this short is the unit

# --- number words -----------------------------------------------------------------------------
UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales as written after a numeral ("3.3bn", "58 mln", "1.2 mil.").
SCALE_ABBREVIATIONS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12,
}
# Scales that are ambiguous with unit symbols (m = metre) and only count after a currency.
CURRENCY_ONLY_SCALES = frozenset({"k", "m", "b"})
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}

# --- other writing systems ---------------------------------------------------------------------
# Separators written between digits of other scripts, read as their ASCII counterparts (one
# character each, so offsets stay put): Arabic thousands and decimal marks and percent sign,
# full-width comma, full stop and percent sign.
DIGIT_SEPARATORS = (
    ("\u066c", ","), ("\u066b", "."), ("\u066a", "%"), ("\uff0c", ","), ("\uff0e", "."), ("\uff05", "%"),
)
# A text is read when at least this share of its letters are Latin (see script.latin_share).
MIN_LATIN_SHARE = 0.5
# How many characters the script check reads of a long text (start, middle and end).
SCRIPT_SAMPLE_CHARS = 30_000

# --- money ----------------------------------------------------------------------------------
# Symbols and codes written before the amount. Longest first so "US$" wins over "$".
CURRENCY_PREFIXES = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "US $": "USD", "$": "USD", "A$": "AUD",
    "C$": "CAD", "HK$": "HKD", "S$": "SGD", "¥": "JPY", "JP¥": "JPY", "JPY": "JPY", "€": "EUR",
    "EUR": "EUR", "£": "GBP", "GBP": "GBP", "₮": "MNT", "MNT": "MNT", "₩": "KRW", "₽": "RUB",
    "CNY": "CNY", "RMB": "CNY", "RUB": "RUB", "KRW": "KRW", "Yen": "JPY", "Tg": "MNT",
    "CA$": "CAD", "AU$": "AUD", "NZ$": "NZD", "NT$": "TWD", "CAD": "CAD", "AUD": "AUD",
}
# Words written after the amount, mapped to ISO 4217. Matched case-insensitively.
CURRENCY_WORDS = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "u.s. dollar": "USD",
    "american dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
    "japanese yen": "JPY", "yen": "JPY", "jpy": "JPY",
    "tugriks": "MNT", "tugrik": "MNT", "tugrugs": "MNT", "tugrug": "MNT", "tögrögs": "MNT",
    "tögrög": "MNT", "togrogs": "MNT", "togrog": "MNT", "mongolian tugriks": "MNT",
    "mongolian tugrik": "MNT", "mnt": "MNT", "₮": "MNT",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rub": "RUB", "won": "KRW",
    "pounds sterling": "GBP", "gbp": "GBP", "swiss francs": "CHF", "chf": "CHF",
    "canadian dollars": "CAD", "canadian dollar": "CAD", "australian dollars": "AUD", "australian dollar": "AUD",
    "hong kong dollars": "HKD", "hong kong dollar": "HKD", "singapore dollars": "SGD", "singapore dollar": "SGD",
    "new zealand dollars": "NZD", "new zealand dollar": "NZD",
}
# Symbols and words that several currencies share: the document decides which (rules/money.py).
AMBIGUOUS_CURRENCIES = {"$": "dollar", "dollars": "dollar", "dollar": "dollar", "¥": "yen"}
CURRENCY_FAMILIES = {
    "dollar": frozenset("USD CAD AUD HKD SGD NZD TWD".split()),
    "yen": frozenset("JPY CNY".split()),
}
# Unambiguous names of the currencies of those families, as a text writes them (lower case).
CURRENCY_MENTIONS = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "u.s. dollar": "USD", "usd": "USD",
    "american dollars": "USD", "canadian dollars": "CAD", "canadian dollar": "CAD", "cad": "CAD",
    "australian dollars": "AUD", "australian dollar": "AUD", "aud": "AUD", "hong kong dollars": "HKD",
    "hong kong dollar": "HKD", "hkd": "HKD", "singapore dollars": "SGD", "singapore dollar": "SGD",
    "sgd": "SGD", "new zealand dollars": "NZD", "new zealand dollar": "NZD", "nzd": "NZD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "twd": "TWD", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "cny": "CNY", "yen": "JPY", "japanese yen": "JPY", "jpy": "JPY",
    "us$": "USD", "u.s.$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "hk$": "HKD",
    "s$": "SGD", "nz$": "NZD", "nt$": "TWD",
}
# Lower-case strings one of which a window must hold to name a currency of the family.
CURRENCY_MARKERS = {
    CURRENCY_FAMILIES["dollar"]: ("dollar", "s$", "s.$", "c$", "a$", "hk$", "nz$", "nt$", "usd", "cad", "aud", "hkd", "sgd", "nzd", "twd"),
    CURRENCY_FAMILIES["yen"]: ("yen", "yuan", "renminbi", "rmb", "cny", "jpy"),
}
# A currency named this many characters before an ambiguous amount decides it ("C$5 ... $3").
CURRENCY_CONTEXT_WINDOW = 300
# How far before a marker ("dollar") its mention may start ("new zealand dollars").
CURRENCY_MENTION_REACH = 16
# The currency of a country, by ISO 3166 code or English name (lower case): the manifest's hint.
COUNTRY_CURRENCIES = {
    "us": "USD", "united states": "USD", "usa": "USD", "ca": "CAD", "canada": "CAD", "au": "AUD",
    "australia": "AUD", "hk": "HKD", "hong kong": "HKD", "sg": "SGD", "singapore": "SGD", "nz": "NZD",
    "new zealand": "NZD", "tw": "TWD", "taiwan": "TWD", "cn": "CNY", "china": "CNY", "jp": "JPY",
    "japan": "JPY", "mn": "MNT", "mongolia": "MNT", "kr": "KRW", "korea": "KRW", "south korea": "KRW",
    "ru": "RUB", "russia": "RUB", "de": "EUR", "germany": "EUR", "fr": "EUR", "france": "EUR",
    "gb": "GBP", "united kingdom": "GBP", "uk": "GBP",
}
# ISO 4217 codes, active plus a few withdrawn ones that older texts still quote. Scoring treats each
# as a class of its own; an unlisted upper-case symbol (TEU, DWT) is no currency.
ISO_4217 = frozenset("""
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
    MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB
    RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
    TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR
    XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
    BYR HRK LTL LVL MRO SLL STD VEF ZMK ZWL
""".split())
# Codes written after a number ("800 MNT"), less those that are also upper-case English words
# ("10 ALL", "TOP 5"): in headlines those are words far more often than money.
ISO_CURRENCY_CODES = ISO_4217 - frozenset("ALL TOP CUP MAD BOB SOS TRY PEN PHP MOP".split())

# --- other units ----------------------------------------------------------------------------
PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")
# Physical units are read through pint's registry (units.py). Only what pint does not know, or
# reads otherwise than texts mean it, is written here.
# Written forms mapped to a pint expression: news "tons" and "mt" are metric tonnes (pint: short
# tons, millitonnes), a "barrel" of oil is 42 gallons (pint: 31.5), "kt" is a kilotonne (pint: a knot).
UNIT_ALIASES = {
    "tons": "metric_ton", "ton": "metric_ton", "mt": "metric_ton", "MT": "metric_ton", "metric tons": "metric_ton",
    "metric ton": "metric_ton", "metric tonnes": "metric_ton", "kt": "kilometric_ton", "barrel": "oil_barrel",
    "barrels": "oil_barrel", "bbl": "oil_barrel", "wk": "week", "wks": "week", "yr": "year", "yrs": "year",
    "hr": "hour", "hrs": "hour", "annum": "year", "celsius": "degree_Celsius", "degrees celsius": "degree_Celsius",
    "degree celsius": "degree_Celsius", "fahrenheit": "degree_Fahrenheit", "degrees fahrenheit": "degree_Fahrenheit",
    "degrees": "degree", "nautical miles": "nautical_mile", "nautical mile": "nautical_mile",
    "cubic metres": "meter**3", "cubic meters": "meter**3", "cubic metre": "meter**3", "cubic meter": "meter**3",
    "cu m": "meter**3", "square kilometres": "kilometer**2", "square kilometers": "kilometer**2",
    "square kilometre": "kilometer**2", "square kilometer": "kilometer**2", "sq km": "kilometer**2",
    "sq. km": "kilometer**2", "square metres": "meter**2", "square meters": "meter**2", "sq m": "meter**2",
    "sq. m": "meter**2", "sq mi": "mile**2", "square miles": "mile**2", "square mile": "mile**2",
    "km2": "kilometer**2", "m2": "meter**2", "m3": "meter**3", "km²": "kilometer**2", "m²": "meter**2", "m³": "meter**3",
    "gwh": "gigawatt_hour", "twh": "terawatt_hour", "mwh": "megawatt_hour", "kwh": "kilowatt_hour",
    "mw": "megawatt", "kw": "kilowatt", "gw": "gigawatt", "kilo": "kilogram", "kilos": "kilogram",
}
# The pint units texts about places, trade and energy write; any other unit pint knows ("pins" is a
# picoinch to pint, "acts" an attocarat) is a plain word. Prefixed forms need a prefix below.
PINT_BASE_UNITS = frozenset("""
meter mile foot inch yard nautical_mile hectare acre liter gallon oil_barrel cubic_centimeter gram
metric_ton ton pound ounce carat troy_ounce watt watt_hour joule calorie british_thermal_unit
tonne_of_oil_equivalent horsepower second minute hour day week month year century degree_Celsius
degree_Fahrenheit knot mile_per_hour kilometer_per_hour degree ppm
""".split())
PINT_PREFIXES = frozenset({"", "kilo", "mega", "giga", "tera", "peta", "milli", "centi", "micro"})
# Words pint reads as units that texts use as plain words ("5 points", "20 units", "3 hands").
NOT_UNITS = frozenset("""
a an at in are as is am pm point points hand hands line lines barn barns cup cups pi count counts
grain grains chain chains link links rod rods pole poles perch league leagues bag bags cord cords
board boards unit units bit bits byte bytes turn turns cycle cycles force sun suns tex den rem rad
gal gals c k p cd b d s x percent pct per cent dozen gross stone stones quad quads square cubic
planck light year's years' pieces piece shot shots pt pts
""".split())
# One-letter symbols read as units, and only written exactly so ("5 m", "3 t", never "5 M").
ONE_LETTER_UNITS = frozenset({"m", "t", "g", "h", "l", "L"})
# Abbreviations that count people where a unit stands ("2 inh./sq. km").
PEOPLE_UNIT_WORDS = frozenset("inh inh. inhab inhab.".split())
# Nouns counted in the denominator of a rate ("per capita", "per 10,000 live births").
PER_COUNT_NOUNS = frozenset("""
capita person persons people inhabitant inhabitants resident residents household households
birth births head heads population adult adults child children student students worker workers
employee employees patient patients woman women man men
""".split())
# Named dimensions of pint dimensionalities; a unit of any other dimension is not read.
NAMED_DIMENSIONS = {
    "length": {"[length]": 1}, "area": {"[length]": 2}, "volume": {"[length]": 3}, "mass": {"[mass]": 1},
    "time": {"[time]": 1}, "temperature": {"[temperature]": 1}, "speed": {"[length]": 1, "[time]": -1},
    "energy": {"[mass]": 1, "[length]": 2, "[time]": -2}, "power": {"[mass]": 1, "[length]": 2, "[time]": -3},
    "flow": {"[length]": 3, "[time]": -1},
}
# Dimensionless pint units that are read, with their dimension.
DIMENSIONLESS_UNITS = {"degree": "angle", "ppm": "ratio"}
# Canonical symbols that differ from pint's: "year" is the project's code for pint's "a".
SYMBOL_OVERRIDES = {"a": "year"}
# Distinct unit words remembered before the cache starts afresh (memory stays flat).
UNIT_CACHE_LIMIT = 20_000
# Words after a number that make it a multiplier ("12-fold", "three times as large").
MULTIPLIER_WORDS = ("times", "fold")
# Words after "N times" that make it a multiplier rather than a count of occasions ("ten times since 1991").
COMPARATIVE_AFTER_TIMES = frozenset("""
more less higher lower larger smaller bigger greater faster slower as the that than over increase
increases increased growth rise jump higher-than bigger-than what
""".split())
# Verbs before "N times" that make it a multiplier ("rose 16 times", "increased three times").
GROWTH_VERBS = frozenset("""
increased increase increases rose rise rises grew grow grows expanded expand multiplied jumped
surged soared climbed fell dropped declined decreased shrank
""".split())
# Verbs that state a multiplier on their own ("exports tripled").
MULTIPLIER_VERBS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": 0.5}
# Fractions written as words, as shares in percent ("one-third of" is 33.3 percent, approx).
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
# Time units longer than a year: a fraction of one is published in years ("half a century").
LONG_TIME_UNITS = frozenset({"century", "decade"})
# Words before "half", "quarter" that make it a stretch of a year ("the first half of 2023").
# --- qualifiers -----------------------------------------------------------------------------
QUALIFIER_BEFORE = {
    "over": (
        "more than", "over", "above", "exceeding", "in excess of", "upwards of", "at least",
        "greater than", "higher than", "no less than", "not less than", "exceeded", "surpassed",
        "topped",
    ),
    "under": (
        "up to", "less than", "fewer than", "below", "under", "at most", "no more than",
        "not more than", "not exceeding", "lower than", "a maximum of", "maximum of",
    ),
    "approx": (
        "about", "around", "approximately", "approx.", "approx", "nearly", "almost", "roughly",
        "some", "an estimated", "estimated at", "estimated", "close to", "circa", "ca.", "~",
        "an approximate", "approximate", "just over", "just under", "some",
    ),
}
QUALIFIER_AFTER = {
    "over": ("or more", "and more", "or above", "or over", "plus", "+"),
    "under": ("or less", "or fewer", "or below"),
}

# --- nouns ----------------------------------------------------------------------------------
# Heads of noun phrases that count people (unit "person"); other counted nouns are "count".
PERSON_NOUNS = frozenset("""
people person persons citizen citizens national nationals resident residents student students
worker workers trainee trainees intern interns visitor visitors tourist tourists passenger
passengers guest guests representative representatives participant participants child children
teacher teachers doctor doctors specialist specialists expert experts engineer engineers official
officials employee employees spectator spectators volunteer volunteers graduate graduates scholar
scholars member members men women man woman individual individuals delegate delegates athlete
athletes patient patients staff personnel officer officers nurse nurses researcher researchers
alumni recipient recipients applicant applicants learner learners pupil pupils mongolians
youth youths professional professionals migrant migrants labourer labourers laborer laborers
entrant entrants attendee attendees fellow fellows diplomat diplomats troops soldiers
peacekeepers caregivers inhabitants population tourist-visitors minister ministers ambassador
ambassadors lawmakers legislators senators journalists reporters farmers herders
""".split())
# People nouns that name a whole, not heads counted: a year before one is a year ("1989 population").
COLLECTIVE_NOUNS = frozenset("population census youth".split())
# Nouns that "two" counts in a text about two parties: the parties themselves ("signed by two
# countries", "the two leaders"), which refer back and state no figure.
DYAD_NOUNS = frozenset("countries nations sides leaders parties governments peoples states neighbours neighbors".split())
# Words before a number word that make it a figure without a noun ("brings the loans to eight,").
BARE_NUMBER_WORD_BEFORE = frozenset("to reached totaled totalled totaling totalling numbered numbering".split())
# Words that make a bare number a measure of the noun before them ("an index of 45.6"), and the
# words that link them to it.
MEASURE_NOUNS = ("index", "indexes", "indices", "score", "scores", "rating", "ratings", "ratio", "coefficient")
MEASURE_LINKS = frozenset("of at was is reached about around".split())
# Last words before a number that compares with the figure before it ("45.6 versus 30.6").
COMPARISON_WORDS = frozenset("versus vs vs. against with to".split())
MEASURE_WORDS = MEASURE_LINKS | COMPARISON_WORDS
# Calendar years read as years without a cue; earlier ones need a word before them ("in 1268").
YEAR_RANGE = (1800, 2100)
EARLY_YEAR_CUES = frozenset("in since by from until till during before after between year circa c.".split())
# Counters that web pages print next to an article ("1250 Views"): about the page, not the topic.
PAGE_COUNTER_NOUNS = frozenset("views view comments comment likes shares downloads reads".split())
# Words that end a noun phrase after a number: the number then has no noun of its own.
NP_STOPWORDS = frozenset("""
in on at of for from to by with or but were was are is be been being have has had will would
shall should can could may might must which who whom whose that than as per each while when
compared including out into onto over under since until till during after before between among
within without about against across along around through via the a an this these those it its
their our his her they we he she there here do does did not no so such what where why how also
only just still even more less most least both either neither all any some other another every
respectively if then thus hence because while whereas whereby versus vs
""".split())
# A number glued to these by a hyphen ("COVID-19", "Vision-2030") names a thing, not a figure.
IDENTIFIER_LABELS = frozenset("""
article articles section sections chapter chapters clause clauses paragraph paragraphs part
item items annex appendix resolution resolutions decree decrees law laws order no nos number
phase stage level grade room flight route line platform gate terminal block vol volume page
pages table tables figure fig box model version type class category tier series p pp
""".split())
# Words before a duration that make it a window of time ("the first nine months of 2023"), not a figure.
TIME_WINDOW_WORDS = frozenset("first last past next previous coming recent initial final".split())
# Words before a number that make it a rank ("ranking 7th", "ranked 3rd").
RANK_WORDS = frozenset("rank ranks ranked ranking place placed position positioned".split())
SUPERLATIVES = frozenset("largest biggest highest greatest leading top main".split())
# Nouns after an ordinal that make it a rank among a country's partners ("61st export partner",
# "fourth trading partner"): a list position by size, not the n-th of a sequence.
RANK_PARTNER_WORDS = frozenset("trading trade export import investment".split())
RANK_PARTNER_NOUNS = frozenset("partner partners destination destinations market markets source sources".split())
RANK_ACTOR_NOUNS = frozenset("investor exporter importer donor supplier buyer".split())

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof no nos co ltd inc corp st vs etc e.g i.e u.s u.k jan feb mar apr jun jul aug
sep sept oct nov dec approx mil mln bn est fig vol gov govt dept univ assoc intl
""".split())


def alternation(words, *, ignore_case: bool = False) -> str:
    """A regex alternation of ``words`` in which the longest reading wins.

    The words are laid out as a trie ("t(?:en|h(?:irty|ree))"), because the engine tries the
    branches of a flat alternation one by one at every position, which made word scans several
    times slower. Deeper branches come before the end of a shorter word, so the longest word
    that fits is tried first, as in a flat alternation sorted longest first. A pattern compiled
    with ``re.I`` must say ``ignore_case`` so that "US" and "us dollars" share one branch.
    A space inside a phrase ("more than") matches any run of blanks, no-break spaces included.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_trie_pattern(trie)})"


def _trie_pattern(node: dict) -> str:
    branches = [
        (r"[^\S\n]+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")
