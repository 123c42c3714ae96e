"""The patterns of issue 10, in our own sentences: for each, the wrong reading is not published and
the right one is when the text binds the evidence. Also: plausibility bounds, the unmapped report,
evidence and partner on every row, and figures the extractor may give in other shapes."""

import pandas as pd
import pytest
from conftest import RAW

from pipeline.build import build_tables
from pipeline.indicators.mapping import map_figures, map_text
from pipeline.validation import validate_table


def published(text: str, date: str = "") -> pd.DataFrame:
    return map_text(text, date)[0]


def left_out(text: str, date: str = "") -> pd.DataFrame:
    return map_text(text, date)[1]


def one(df: pd.DataFrame, **match) -> dict:
    for column, value in match.items():
        df = df[df[column] == value]
    assert len(df) == 1, df.to_dict("records")
    return df.iloc[0].to_dict()


# --- 1. parties first -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, partner",
    [
        ("The Asian Development Bank has provided a total of USD 1.3 billion in loans to Mongolia since 1991.", "a multilateral body"),
        ("Mongolia's trade with Canada reached USD 95 million in 2021.", "Canada"),
        ("Mongolia exported coal worth USD 4.1 billion to China in 2021.", "China"),
        ("Currently, there are 41,200 Mongolians residing in South Korea.", "South Korea"),
    ],
)
def test_figures_about_mongolia_with_another_partner_are_never_japan_facts(text, partner):
    assert published(text).empty
    out = left_out(text)
    assert set(out[out["unit"] != "year"]["reason"]) == {"other_partner"}
    assert partner in set(out["other_partner"])


@pytest.mark.parametrize(
    "text",
    [
        "Japan and Mongolia Sign Trade Pact\n\nMongolia's exports reached USD 7.1 billion in 2021.",
        "Japan and Mongolia Sign Trade Pact\n\nTrade reached USD 16.2 billion in 2021.",
        "Japan-Mongolia relations\n\nSome 130,000 Mongolian workers live abroad.",
        "Japan-Mongolia relations\n\nThere are 52,000 citizens of Mongolia residing abroad.",
    ],
)
def test_a_title_naming_both_parties_does_not_make_a_figure_of_the_world_bilateral(text):
    assert published(text).empty


def test_the_same_figures_bound_to_japan_are_published():
    obs = published("Japan has provided a total of 412.6 billion yen in loans to Mongolia since 1991.")
    assert one(obs, indicator_id="oda_cumulative")["aid_type"] == "loans"
    obs = published("Mongolia's trade with Japan reached USD 731 million in 2021.")
    assert one(obs, indicator_id="trade_value")["flow"] == "turnover"


def test_a_topic_word_in_the_sentence_binds_no_party_and_no_measure():
    # Trafficking victims in Japan are not Mongolian residents of Japan by sex.
    text = (
        "There are 7,412 Mongolian citizens residing in Japan (2021). In 2021, the police identified "
        "41 trafficking victims, 12 of them Mongolian women."
    )
    obs = published(text)
    assert set(obs["indicator_id"]) == {"residents_total"}


# --- 2. what the figure is: the measure next to it --------------------------------------------------
def test_a_single_loan_is_no_cumulative_aid():
    row = one(published("Japan will provide a loan of up to 30 billion yen to Mongolia for the new railway."))
    assert (row["indicator_id"], row["qualifier"], row["status"]) == ("oda_loan_amount", "under", "pledged")


def test_project_cost_and_its_loan_part_are_not_investment():
    obs = published(
        "The new airport in Ulaanbaatar was built at a cost of 70 billion yen, including 60 billion yen in yen loans from Japan."
    )
    assert one(obs, value=70e9)["indicator_id"] == "oda_project_cost"
    assert one(obs, value=60e9)["indicator_id"] == "oda_loan_amount"
    assert "investment_value" not in set(obs["indicator_id"])


def test_customs_duty_is_no_trade_value():
    row = one(published("Under the Mongolia-Japan EPA, customs duty of MNT 3.2 billion was exempted on imports from Japan in 2021."))
    assert (row["indicator_id"], row["unit"], row["period"]) == ("epa_duty_savings", "MNT", "2021")


@pytest.mark.parametrize(
    "text",
    [
        "Mongolia's GDP grew 5.3 percent in 2022, and investment from Japan rose.",
        "Cars accounted for 61.5 percent of Japan's exports to Mongolia in 2021.",
        "The new airport in Mongolia, built with a loan from Japan, has six boarding bridges and can serve two million passengers a year.",
    ],
)
def test_growth_shares_and_counts_of_other_things_are_not_published(text):
    obs = published(text)
    assert not set(obs["indicator_id"]) & {"investment_share", "trade_growth", "visitors_short_term"}


def test_a_count_of_grants_received_is_a_count_of_projects():
    row = one(published("The Japanese government has given Mongolia grant aid twelve times since 1993."), indicator_id="oda_projects")
    assert (row["value"], row["project_type"], row["scope"]) == (12, "grant", "since 1993")


# --- 3. direction ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, flow",
    [
        ("Japan's exports to Mongolia reached USD 640 million in 2021.", "imports_from_japan"),
        ("Japan's imports from Mongolia reached USD 18 million in 2021.", "exports_to_japan"),
        ("Mongolia's exports to Japan reached USD 18 million in 2021.", "exports_to_japan"),
        ("In 2021, Mongolia imported goods worth USD 640 million from Japan.", "imports_from_japan"),
    ],
)
def test_the_direction_of_trade_is_read_from_mongolias_side(text, flow):
    assert one(published(text), indicator_id="trade_value")["flow"] == flow


def test_aid_from_mongolia_to_japan_is_no_japanese_oda():
    text = "Tokyo thanked Ulaanbaatar, whose government sent 70,000 U.S. dollars of relief aid to Japan after the 2019 typhoon."
    assert published(text).empty
    assert "direction" in set(left_out(text)["reason"])


# --- 4. periods --------------------------------------------------------------------------------------
def test_the_comparison_base_is_no_period_and_a_drop_is_negative():
    row = one(published("Mongolia's exports to Japan fell 18.7 percent in 2016, down from the same period of 2015."))
    assert (row["value"], row["period"], row["flow"]) == (-18.7, "2016", "exports_to_japan")


def test_this_year_and_quarters_are_resolved_against_the_document_date_and_flagged():
    text = "In the first quarter of this year, trade between Mongolia and Japan reached USD 190 million."
    row = one(published(text, "2023-05-10"))
    assert (row["period"], row["period_basis"]) == ("2023-Q1", "relative")
    # Without a document date the text gives no period, and a flow without one is left out.
    assert published(text).empty and "period_not_bound" in set(left_out(text)["reason"])
    row = one(published("Last year, Mongolia's exports to Japan totalled USD 24 million.", "2023-05-10"))
    assert (row["period"], row["period_basis"]) == ("2022", "relative")


def test_a_period_written_right_after_the_figure_wins():
    row = one(published("Number of Mongolian nationals residing in Japan: 4,112 (Dec. 2007)"))
    assert (row["period"], row["period_basis"]) == ("2007-12", "clause")


def test_the_date_line_is_no_period():
    row = one(published("10:03 | 11/07/2021\n\nThere are 14,512 citizens of Mongolia residing in Japan."), indicator_id="residents_total")
    assert row["period"] == ""


def test_the_previous_sentences_date_is_not_taken():
    obs = published("Some 27,100 Mongolian visitors travelled to Japan in 2019. Japan ranks 4th among investors in Mongolia.")
    assert one(obs, indicator_id="investment_rank")["period"] == ""


def test_a_rate_keeps_its_rate_unit_and_gets_no_year():
    text = "The solar plant in Mongolia, built in 2019 with a grant from Japan, generates 17.3 million kWh a year."
    row = one(published(text), indicator_id="energy_quantity")
    assert (row["unit"], row["period"]) == ("kWh/year", "")


# --- 5. timeline -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "10:03 | 11/07/2021\n\nMongolian and Japanese officials discussed education.",
        "As of June 30, 2022, about 15,000 Mongolians lived in Japan, the embassy of Mongolia said.",
        "Between the launch and March 31, 2023, JICA trained engineers in Mongolia.",
        "The Government of Mongolia approved the State Energy Policy in 2015.",
        "Japan's revised immigration law comes into effect from April 2019, and Mongolians may apply.",
    ],
)
def test_dates_without_a_bound_event_and_both_parties_are_no_events(text):
    obs = published(text)
    assert not set(obs["indicator_id"]) & {"dated_event", "oda_loan_signing_date"}


def test_an_event_bound_to_its_date_with_both_parties_is_in_the_timeline():
    row = one(published("Mongolia and Japan established diplomatic relations in 1972."))
    assert (row["indicator_id"], row["period"]) == ("dated_event", "1972")
    assert row["evidence"] in ("established", "diplomatic relations")


def test_signed_today_dates_the_date_line_and_a_mismatching_weekday_does_not():
    text = "March 9, 2021\n\nToday JICA and the Government of Mongolia signed a loan agreement of 12.1 billion yen."
    obs = published(text, "2021-03-09")
    row = one(obs, indicator_id="oda_loan_signing_date")
    assert (row["period"], row["partner"]) == ("2021-03-09", "JICA") and row["evidence"].startswith("Today")
    assert one(obs, indicator_id="oda_loan_amount")["period"] == "2021-03-09"
    # A date line that is not the document's date is not "today".
    assert "oda_loan_signing_date" not in set(published(text, "2021-03-10")["indicator_id"])
    # "signed Friday" under a date line that is a Tuesday dates nothing.
    wrong_day = "March 9, 2021\n\nThe ministers of Mongolia and Japan signed the grant documents on Friday."
    assert published(wrong_day, "2021-03-09").empty


# --- 6. qualifiers kept ---------------------------------------------------------------------------------
def test_place_scope_cumulative_and_plans_are_kept():
    assert one(published("At present 23 Mongolian workers are employed in Obihiro City, Japan."))["place"] == "Obihiro City"
    row = one(published("Mongolia's EPA-covered imports from Japan reached USD 120 million in 2021."))
    assert (row["flow"], row["scope"]) == ("imports_from_japan", "EPA-covered")
    assert one(published("Currently, 31 technical cooperation projects of Japan are being implemented in Mongolia."))["scope"] == "ongoing"
    plan = one(published("Under the agreement between Mongolia and Japan, Mongolia will send 1,200 students to Japan."))
    assert (plan["indicator_id"], plan["status"]) == ("students_in_japan", "planned")


def test_plans_are_never_compared_or_summed_with_facts():
    text = (
        "As of 2021, 3,204 Mongolian students are studying in Japan. "
        "Under the agreement between Mongolia and Japan, Mongolia will send 1,200 students to Japan in 2021."
    )
    t = build_tables_from_text(text)
    assert set(t["observations"]["status"]) == {"", "planned"}
    assert t["conflicts"].empty


def build_tables_from_text(text: str) -> dict:
    from pipeline.figures import figures_table
    from pipeline.indicators import build_indicator_tables

    figures = figures_table([("t.txt", text)])
    return build_indicator_tables(figures, {"t.txt": text}, {"t.txt": ""})


# --- plausible values only -------------------------------------------------------------------------------
def test_values_that_cannot_be_right_are_reported_not_published():
    text = "In 2019, 28,117 short-term visitors from Mongolia came to Japan. About 130 percent of them are tourists."
    out = left_out(text)
    row = one(out, reason="implausible")
    assert row["candidate_indicator"] == "visitors_short_term_share" and "maximum" in row["detail"]
    assert "visitors_short_term_share" not in set(published(text)["indicator_id"])
    text = "There are 8.2 million Mongolian citizens residing in Japan."
    assert published(text).empty and one(left_out(text), reason="implausible")["candidate_indicator"] == "residents_total"


def test_a_negative_count_is_reported_not_published():
    text = "There are 4112 Mongolian citizens residing in Japan."
    figures = pd.DataFrame(
        [
            {
                "figure_id": "0123456789abcdef",
                "document": "t.txt",
                "start": 10,
                "end": 14,
                "quote": "4112",
                "value": -4112.0,
                "unit": "person",
                "qualifier": "exact",
                "period": "",
                "kind": "quantity",
                "sentence": text,
                "flags": "",
            }
        ]
    )
    obs, out = map_figures(figures, {"t.txt": text}, {"t.txt": ""})
    assert obs.empty and one(out, reason="implausible")["detail"].startswith("-4112 person is below the minimum 0")


# --- figures the extractor may give in other shapes ---------------------------------------------------
def _figure(text, quote, value, unit, kind="quantity", qualifier="exact", period="", occurrence=1, flags=""):
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return {
        "figure_id": f"{abs(hash((quote, qualifier, start))) % 16**16:016x}",
        "document": "t.txt",
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "period": period,
        "kind": kind,
        "sentence": "",
        "flags": flags,
    }


def test_spelled_counts_ranges_of_days_and_rates_between_two_numbers():
    text = (
        "June 2, 2016\n\nToday JICA and the Government of Mongolia signed a loan agreement. With this loan, JICA's "
        "cumulative ODA loan commitments to Mongolia come to nine, worth 52.3 billion yen in all. Interest on the "
        "loan will range between one and 1.5 percent a year. The President of Mongolia paid a state visit to Japan "
        "from June 7 to 9."
    )
    figures = pd.DataFrame(
        [
            _figure(text, "June 2, 2016", 2016, "date", "date", period="2016-06-02"),
            _figure(text, "nine", 9, "count"),
            _figure(text, "52.3 billion yen", 52.3e9, "JPY"),
            _figure(text, "one and 1.5 percent", 1, "percent", qualifier="range_low"),
            _figure(text, "one and 1.5 percent", 1.5, "percent", qualifier="range_high"),
            _figure(text, "June 7 to 9", 2016, "date", "date", qualifier="range_low", period="2016-06-07", flags="year_inferred"),
            _figure(text, "June 7 to 9", 2016, "date", "date", qualifier="range_high", period="2016-06-09", flags="year_inferred"),
        ]
    )
    obs, _ = map_figures(figures, {"t.txt": text}, {"t.txt": "2016-06-02"})
    assert one(obs, indicator_id="oda_projects")["value"] == 9
    assert one(obs, indicator_id="oda_cumulative")["period"] == "2016-06-02"
    rates = obs[obs["indicator_id"] == "oda_loan_interest_rate"].sort_values("value")
    assert list(zip(rates["value"], rates["qualifier"], strict=True)) == [(1, "range_low"), (1.5, "range_high")]
    visit = obs[obs["indicator_id"] == "dated_event"].sort_values("period")
    assert list(visit["period"]) == ["2016-06-07", "2016-06-09"]
    assert one(obs, indicator_id="oda_loan_signing_date")["period"] == "2016-06-02"


# --- every row says why --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def raw_tables():
    return build_tables(RAW)


def test_every_observation_carries_its_evidence_partner_and_bases(raw_tables):
    from pipeline.sources import read_text

    obs = raw_tables["observations"]
    assert len(obs) > 100
    assert obs["partner"].astype(bool).all() and obs["evidence"].astype(bool).all() and obs["party_basis"].astype(bool).all()
    for document, rows in obs.groupby("document"):
        text = read_text(RAW / document).text
        assert all(text[s:e] == ev for s, e, ev in zip(rows["evidence_start"], rows["evidence_end"], rows["evidence"], strict=True))
    assert (obs["period_basis"].astype(bool) == obs["period"].astype(bool)).all()
    for name in ("observations", "unmapped"):
        outcome = validate_table(raw_tables[name], name)
        assert outcome.passed, outcome.summary


def test_every_figure_is_published_restated_or_reported(raw_tables):
    figures, obs, out = raw_tables["figures"], raw_tables["observations"], raw_tables["unmapped"]
    accounted = set(obs["figure_id"]) | set(out["figure_id"])
    assert not set(obs["figure_id"]) & set(out["figure_id"])
    missing = figures[~figures["figure_id"].isin(accounted)]
    # The rest state a fact again that an observation already cites (the repeated block of the page).
    assert len(missing) < 0.1 * len(figures)
    assert set(out["reason"]) <= {
        "no_measure",
        "no_event",
        "used_as_period",
        "parties_not_bound",
        "other_partner",
        "direction",
        "period_not_bound",
        "implausible",
        "restated",
    }


def test_the_readme_example_reads_as_the_readme_says():
    text = (
        "Mongolia's exports to Japan totalled USD 2.4 million in the first quarter of this year, "
        "a 31.2 percent drop compared to the same period of 2016."
    )
    obs, out = map_text(text, "2017-04-20")
    value = one(obs, rule_id="trade_value")
    assert (value["value"], value["flow"], value["period"], value["period_basis"], value["party_basis"], value["evidence"]) == (
        2.4e6,
        "exports_to_japan",
        "2017-Q1",
        "relative",
        "item",
        "exports",
    )
    growth = one(obs, rule_id="trade_growth")
    assert (growth["value"], growth["evidence"], growth["period"]) == (-31.2, "drop", "2017-Q1")
    assert one(out, quote="2016")["reason"] == "no_event"


def test_the_evidence_check_names_an_observation_whose_evidence_moved(raw_tables, tmp_path):
    from pipeline.validation import check_evidence

    assert check_evidence(raw_tables["observations"], RAW).passed
    moved = raw_tables["observations"].copy()
    moved.loc[moved.index[0], "evidence_start"] += 1
    outcome = check_evidence(moved, RAW)
    assert not outcome.passed and outcome.failures == 1
    assert outcome.sample.iloc[0]["observation_id"] == moved.iloc[0]["observation_id"]


# --- 7. lists: a party that one item names as its own source binds that item alone -----------------
_LIST_HEAD = (
    "As of June 30, 2020, the Mongolian government had received 1.7 billion USD in loans (41 concessional loans and 9 ordinary ones), "
)


def test_a_party_one_list_item_names_as_its_source_does_not_bind_the_other_items():
    text = _LIST_HEAD + "84.5 million USD in technical assistance, and 77.2 million USD in grant funding from the Government of Japan."
    row = one(published(text))
    assert (row["value"], row["partner"], row["aid_type"]) == (77.2e6, "Government of Japan", "grants")
    out = left_out(text)
    assert set(out[out["value"].isin([1.7e9, 84.5e6, 41, 9])]["reason"]) == {"parties_not_bound"}


def test_a_trust_fund_named_after_japan_is_the_banks_not_the_government_of_japan():
    text = (
        "The Asian Development Bank opened its resident mission in 2001. "
        + _LIST_HEAD
        + "84.5 million USD in technical assistance, and 77.2 million USD in grant funding from the Japan Fund for Poverty Reduction."
    )
    assert published(text).empty
    row = one(left_out(text), value=77.2e6)
    assert (row["reason"], row["other_partner"]) == ("other_partner", "a trust fund of a multilateral bank")


@pytest.mark.parametrize(
    "text",
    [
        # The words before the list's first figure are every item's, and so is a recipient after the last.
        "As of 2020, Japan had provided 1.7 billion USD in loans, 84.5 million USD in technical cooperation and 77.2 million USD in grants to Mongolia.",
        # A party after the list's finite verb is the whole list's.
        "As of 2020, loans of 1.7 billion USD, technical cooperation of 84.5 million USD and grants of 77.2 million USD had been provided to Mongolia by Japan.",
    ],
)
def test_a_party_the_whole_list_shares_binds_every_item(text):
    obs = published(text)
    assert sorted(obs["value"]) == [77.2e6, 84.5e6, 1.7e9] and set(obs["partner"]) == {"Japan"}


# --- 8. an event of one party's own is no Mongolia–Japan event ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Japan will hand the Mongolian air force a radar worth 2.1 billion yen, the first provision under Tokyo's security assistance programme launched in 2024.",
        "Japan's revised immigration law came into effect in 2019, and Mongolians may now apply.",
        "In 2021, Mongolia's new investment law was adopted, a Japanese embassy official noted.",
    ],
)
def test_an_event_whose_subject_one_party_owns_is_not_bilateral(text):
    assert "dated_event" not in set(published(text)["indicator_id"])
    assert "alone" in one(left_out(text), kind="date")["detail"]


@pytest.mark.parametrize(
    "text, period",
    [
        ("Mongolia's first state visit to Japan took place in 1990.", "1990"),
        ("Mongolia's foreign minister and Japan's ambassador signed the grant documents in 2017.", "2017"),
        ("Tokyo's programme for Mongolian engineers was launched with Ulaanbaatar in 2014.", "2014"),
    ],
)
def test_an_event_whose_subject_or_complement_names_both_parties_is_bilateral(text, period):
    assert one(published(text), indicator_id="dated_event")["period"] == period


# --- 9. a fiscal year dates an amount, never an event -----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "At the meeting held in Tokyo, Japan told Mongolia it would provide aid worth about 12,700 million yen for FY2003.",
        "At the meeting held in Tokyo, Japan and Mongolia reviewed the aid plan for fiscal year 2003.",
        "At the meeting held in Tokyo, Japan and Mongolia reviewed the aid plan for the 2003 fiscal year.",
    ],
)
def test_a_fiscal_year_is_no_event(text):
    assert "dated_event" not in set(published(text)["indicator_id"])
    row = one(left_out(text), kind="date")
    assert "fiscal year" in row["detail"] or row["reason"] == "used_as_period"


def test_a_year_with_an_event_word_and_both_parties_stays_an_event():
    assert one(published("At the meeting held in Tokyo in 2003, Japan and Mongolia reviewed the aid plan."))["period"] == "2003"


# --- 10. status, parts and conversions are kept apart ------------------------------------------------
@pytest.mark.parametrize(
    "text, status",
    [
        ("Japan is ready to render a soft loan of up to USD 640 million to Mongolia.", "pledged"),
        ("Japan rendered a soft loan of USD 640 million to Mongolia in 2019.", ""),
        ("A Japanese firm expects the solar plant in Mongolia, built with a JICA grant, to generate about 12,400 MWh a year.", "estimated"),
        ("The solar plant in Mongolia, built with a JICA grant, generated 12,400 MWh in 2022.", ""),
    ],
)
def test_offers_and_forecasts_keep_their_status(text, status):
    obs = published(text)
    row = one(obs[obs["indicator_id"].isin(["oda_loan_amount", "energy_quantity"])])
    assert row["status"] == status


def test_the_rate_of_a_part_of_a_loan_is_kept_apart_from_its_rate():
    text = "Japan will extend a loan of 61 billion yen to Mongolia. Interest rate: 0.4% per annum (0.02% for consulting services)."
    t = build_tables_from_text(text)
    rates = t["observations"][t["observations"]["indicator_id"] == "oda_loan_interest_rate"].sort_values("value")
    assert list(zip(rates["value"], rates["scope"], strict=True)) == [(0.02, "for consulting services"), (0.4, "")]
    assert t["conflicts"].empty


def test_a_sum_stated_again_in_another_currency_is_one_fact():
    text = "Japan To Lend $189Mln To Mongolia - Reports\n\nJapan will provide 20 billion yen (189.3 million) in emergency loans to Mongolia, the minister said."
    row = one(published(text))
    assert (row["value"], row["unit"], row["status"]) == (20e9, "JPY", "pledged")
    assert set(left_out(text)[lambda d: d["value"].isin([189e6, 189.3e6])]["reason"]) == {"restated"}


def test_a_conversion_the_text_writes_with_its_currency_is_the_texts_own_statement():
    obs = published("Japan will provide a grant of JPY 300 million (about USD 2.7 million) to Mongolia.")
    assert sorted(zip(obs["unit"], obs["value"], strict=True)) == [("JPY", 300e6), ("USD", 2.7e6)]


@pytest.mark.parametrize(
    "text, status",
    [
        # An agreement in the past is no plan, whatever the sentence plans next.
        ("Japan and Mongolia agreed in 1981 to exchange students, and Japan would later send teachers.", ""),
        ("The students came to Japan in 1906.[4] Japan and Mongolia agreed in 1981 to exchange students.", ""),
        ("Japan and Mongolia will sign the agreement in 2027.", "planned"),
    ],
)
def test_an_events_status_is_its_event_words_own(text, status):
    row = one(published(text), indicator_id="dated_event")
    assert row["status"] == status and row["event"].startswith("Japan and Mongolia")


# --- 11. countries named where a description says where a country lies are no parties ---------------
@pytest.mark.parametrize(
    "text",
    [
        "Japan has promised 3.1 billion yen in grant aid to Mongolia to help the key nation sandwiched between China and Russia build schools.",
        "Japan has promised 3.1 billion yen in grant aid to Mongolia, a landlocked country bordering Russia and China.",
        "Japan has promised 3.1 billion yen in grant aid to Mongolia, which lies between its two giant neighbours, Russia and China.",
    ],
)
def test_countries_in_a_geographic_description_bind_no_figure(text):
    row = one(published(text))
    assert (row["indicator_id"], row["partner"], row["value"]) == ("oda_grant", "Japan", 3.1e9)


def test_a_country_that_gives_or_receives_is_still_a_party():
    text = "Mongolia, sandwiched between China and Russia, received 3.1 billion yen in grant aid from Russia."
    assert published(text).empty and one(left_out(text))["other_partner"] == "Russia"


# --- 12. amounts that add up to a total stated before them are its parts -----------------------------
_GRANT = "Japan has promised 610 million yen in grant aid to Mongolia. The ministers met in Tokyo. "


def test_amounts_adding_up_to_a_grant_are_its_parts():
    text = (
        _GRANT
        + "The ministry said 330 million yen will be provided to deliver air monitors, while 280 million yen will go to sewerage equipment."
    )
    obs = published(text, "2025-01-10").sort_values("value")
    assert list(zip(obs["value"], obs["component"], obs["status"], strict=True)) == [
        (280e6, "part", "pledged"),
        (330e6, "part", "pledged"),
        (610e6, "total", "pledged"),
    ]
    assert set(obs["partner"]) == {"Japan"} and set(obs["indicator_id"]) == {"oda_grant"}


@pytest.mark.parametrize(
    "rest",
    [
        # They do not add up.
        "The ministry said 330 million yen will be provided to deliver air monitors, while 250 million yen will go to sewerage equipment.",
        # Another partner gives one of them.
        "Korea said 330 million yen will be provided to deliver air monitors, while 280 million yen will go to sewerage equipment.",
    ],
)
def test_amounts_that_do_not_add_up_or_belong_to_another_partner_are_no_parts(rest):
    obs = published(_GRANT + rest)
    assert list(obs["value"]) == [610e6] and obs["component"].iloc[0] == ""


# --- 13. a pledge of aid as one sum ---------------------------------------------------------------------
def test_a_pledge_of_assistance_is_a_pledge_and_a_pledged_loan_a_loan():
    row = one(
        published(
            "In Tokyo, the Government of Japan made a pledge to extend assistance of about 12,700 million yen to Mongolia for FY2003."
        )
    )
    assert (row["indicator_id"], row["status"], row["period"], row["value"]) == ("oda_pledge", "pledged", "2003", 12.7e9)
    row = one(published("Japan pledged to extend an ODA loan of 6,100 million yen to Mongolia."))
    assert (row["indicator_id"], row["status"]) == ("oda_loan_amount", "pledged")


def test_what_all_donors_pledge_together_is_no_japanese_pledge():
    text = "Pledge of Japan to Mongolia\n\nThe participating countries and international organizations pledged assistance of about 310 million US dollars to Mongolia."
    assert published(text).empty
    assert one(left_out(text), unit="USD")["reason"] == "other_partner"


# --- 14. technical cooperation personnel; a headline naming one party --------------------------------
def test_experts_and_volunteers_sent_are_technical_cooperation_personnel():
    text = "Official Development Assistance from Japan\n\nTechnical cooperation\n415 experts have been dispatched to Mongolia through 2005.\n61 senior volunteers have been sent to work in Mongolia through 2005."
    obs = published(text).sort_values("value")
    assert list(zip(obs["value"], obs["programme"], obs["period"], obs["partner"], obs["party_basis"], strict=True)) == [
        (61, "senior_volunteers", "2005", "Japan", "title"),
        (415, "experts", "2005", "Japan", "title"),
    ]
    row = one(published("JICA has sent a total of 530 volunteers to Mongolia over the years."))
    assert (row["indicator_id"], row["programme"], row["partner"]) == ("technical_cooperation_personnel", "volunteers", "JICA")


@pytest.mark.parametrize(
    "text",
    [
        # The sentence names neither party itself: a headline alone binds nothing.
        "Official Development Assistance from Japan\n\nTechnical cooperation\n415 experts have been dispatched through 2005.",
        # The headline names another partner too.
        "Official Development Assistance from Japan and Korea\n\nTechnical cooperation\n415 experts have been dispatched to Mongolia through 2005.",
        # Technical intern trainees are workers, not technical cooperation.
        "Official Development Assistance from Japan\n\nTechnical cooperation\nSome 1,200 technical intern trainees from Mongolia were dispatched through 2005.",
    ],
)
def test_a_headline_binds_only_the_party_the_figures_sentence_lacks(text):
    assert "technical_cooperation_personnel" not in set(published(text)["indicator_id"])


# --- 15. the last item of a list; visitors from Japan to Mongolia ------------------------------------
_TOURISTS = (
    "Mongolia welcomed more foreign tourists last year\n\n"
    "Tourists from Laos increased by 1210 (12.5 percent), tourists from Korea increased by 8,312 (14.2 percent) "
    "and tourists from Japan increased by 2,716 (11.9 percent)."
)


def test_and_before_the_last_item_of_a_list_ends_the_item_before_it():
    obs = published(_TOURISTS, "2024-01-20").sort_values("value")
    assert list(zip(obs["indicator_id"], obs["value"], obs["period"], obs["period_basis"], strict=True)) == [
        ("japanese_visitors_to_mongolia_growth", 11.9, "2023", "heading"),
        ("japanese_visitors_to_mongolia_change", 2716, "2023", "heading"),
    ]
    # "increased by 1210" counts a change; it is no year that could date the other figures.
    assert set(left_out(_TOURISTS, "2024-01-20")[lambda d: d["quote"] == "1210"]["reason"]) <= {"no_event", "no_measure"}


def test_and_between_words_of_one_item_cuts_nothing():
    row = one(published("Mongolia's exports of coal and copper to Japan reached USD 5.2 million in 2021."))
    assert (row["flow"], row["period"]) == ("exports_to_japan", "2021")


@pytest.mark.parametrize(
    "text",
    [
        # Mongolian tourists to Japan: the other direction, and a change is no share.
        "In 2018, Mongolian tourists to Japan increased by 9.8 percent.",
        "Foreign tourists to Mongolia\n\nIn 2018, tourists from Korea increased by 9,120 (21.4 percent).",
    ],
)
def test_changes_of_other_visitors_are_not_japanese_visitors_to_mongolia(text):
    obs = published(text)
    assert not set(obs["indicator_id"]) & {
        "japanese_visitors_to_mongolia_change",
        "japanese_visitors_to_mongolia_growth",
        "visitors_short_term_share",
    }


# --- 16. the capacity of a plant Japanese and Mongolian partners build -------------------------------
def test_the_capacity_of_a_plant_a_bilateral_partnership_builds_is_published():
    text = "Two Japanese firms and a Mongolian partner launched a partnership to build a solar power plant in Mongolia. The plant will have a capacity of 12MW."
    row = one(published(text))
    assert (row["indicator_id"], row["value"], row["unit"], row["status"]) == ("energy_capacity", 12, "MW", "planned")
    assert published(
        "Two Chinese firms launched a partnership to build a solar power plant in Mongolia. The plant will have a capacity of 12MW."
    ).empty


# --- 17. suspensions are events; the event's own phrase binds its parties first -----------------------
def test_a_suspension_bound_to_both_parties_in_its_own_phrase_is_an_event():
    text = "Japan had suspended yen loans to Mongolia in 2002 until Mongolia settled its old debts owed to Russia."
    row = one(published(text))
    assert (row["indicator_id"], row["period"], row["evidence"]) == ("dated_event", "2002", "suspended")


@pytest.mark.parametrize(
    "text",
    [
        "Russia had suspended its loans to Mongolia in 2002 until Mongolia settled its debts owed to Japan.",
        "Japan and Russia suspended their loans to Mongolia in 2002.",
    ],
)
def test_an_event_whose_own_phrase_names_another_partner_is_not_bilateral(text):
    assert published(text).empty


# --- 18. the base of a comparison ----------------------------------------------------------------------
def test_the_base_of_a_comparison_is_the_same_measure_at_its_own_period():
    text = "As of June 2022, there were 16,240 Mongolian citizens residing in Japan, according to the ministry, up from 3,115 in 2004."
    obs, _ = map_text(text)
    base = one(obs, value=3115)
    assert (base["indicator_id"], base["period"], base["rule_id"], base["evidence"]) == (
        "residents_total",
        "2004",
        "comparison_base",
        "up from",
    )
    assert text[base["evidence_start"] : base["evidence_end"]] == "up from"
    assert one(obs, value=16240)["period"] == "2022-06"


def test_the_period_of_a_comparison_base_is_not_the_period_of_the_figure_compared():
    obs = published("Mongolia's exports to Japan reached USD 5.1 million, up from USD 3.2 million in 2020.")
    assert list(zip(obs["value"], obs["period"], strict=True)) == [(3.2e6, "2020")]


def test_a_base_without_its_own_period_is_not_published():
    obs = published("As of June 2022, there were 16,240 Mongolian citizens residing in Japan, according to the ministry, up from 3,115.")
    assert list(obs["value"]) == [16240]


# --- 19. after the first held-out run: span clauses, totals stated again, volunteer workers, "the EPA" -
def test_a_date_in_a_clause_that_opens_a_span_is_no_period():
    row = one(
        published(
            "Since the country joined the programme in 2003, more than 380 Mongolian officials have studied in Japan on JDS scholarships."
        )
    )
    assert (row["value"], row["period"]) == (380, "")
    row = one(published("In 2003, more than 380 Mongolian officials studied in Japan on JDS scholarships."))
    assert row["period"] == "2003"


def test_parts_follow_a_total_stated_again_and_take_their_fiscal_years():
    text = (
        "The Government of Japan has decided to extend to the Government of Mongolia a grant aid of up to 290 million yen.\n"
        "Amount: 290 million yen\nFY2010: 90 million yen\nFY2011: 120 million yen\nFY2012: 80 million yen"
    )
    obs = published(text)
    parts = obs[obs["component"] == "part"].sort_values("period")
    assert list(zip(parts["period"], parts["value"], strict=True)) == [("2010", 90e6), ("2011", 120e6), ("2012", 80e6)]


def test_volunteer_workers_are_volunteers():
    row = one(published("JICA has sent a total of 640 volunteer workers to Mongolia over the years."))
    assert (row["indicator_id"], row["programme"]) == ("technical_cooperation_personnel", "volunteers")


def test_the_epa_refers_to_the_agreement_named_before():
    text = (
        "Mongolia's exports to Japan fell after the launch of the Mongolia-Japan Economic Partnership Agreement (EPA). "
        + "Officials met. " * 7
        + "The EPA launched on June 7, 2016."
    )
    row = one(published(text), indicator_id="dated_event")
    assert (row["period"], row["party_basis"]) == ("2016-06-07", "antecedent")


# --- 20. after the second held-out run ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # The Japanese language is no party.
        "In 1978, the State University of Mongolia established an elective course in Japanese language.",
        "In the 1990s, only 4-6 students a year enrolled in the single Japanese course of a Mongolian college.",
        # A writer's own visit.
        "I visited and met Mr. Batbayar at the Mongolian Embassy in Tokyo on 12th May 2012.",
        # A relative clause dated by its own verb ("took office"), not by the event word outside it.
        "Mongolia's Prime Minister, who took office in October 2016, visiting Japan for the first time, met JICA officials.",
        # "The two countries" of an earlier sentence are not the pair a sentence naming Korea speaks of.
        "Mongolia and Japan opened talks. Diplomatic relations between Mongol and the Republic of Korea were established in 1990 and the two countries have cooperated since.",
    ],
)
def test_languages_writers_relative_clauses_and_other_pairs_bind_no_event(text):
    obs = published(text)
    assert not set(obs["indicator_id"]) & {"dated_event", "students_in_japan"}


def test_a_year_inferred_across_other_years_dates_no_event():
    text = "On January 16, 1975, Mongolian and Japanese officials met in Tokyo. The two countries agreed on cooperation in 1976. The agreement was signed in Ulaanbaatar on March 17 by the ambassador of Japan and a Mongolian minister."
    obs = published(text)
    assert "1975-03-17" not in set(obs["period"])
    assert one(left_out(text), quote="March 17")["reason"] == "no_event"


def test_aid_from_mongolia_is_no_japanese_grant():
    text = "The Mongolian government donated 90,000,000 Yen to Japan after the earthquake. Thus the donation from Mongolia to the Japanese people totaled 250,000,000 Yen."
    assert published(text).empty
    assert one(left_out(text), value=250e6)["reason"] == "direction"


def test_a_package_of_loans_and_grants_signed_in_a_year_is_no_cumulative_sum():
    text = "A negotiation to provide Yen 3,410,000,000 in loans and grants to Mongolia was signed with Japan in 2009."
    assert "oda_cumulative" not in set(published(text)["indicator_id"])
    assert one(published("Japan has provided Yen 3,410,000,000 in loans and grants to Mongolia since 1991."))["aid_type"] == "total"


def test_the_span_of_aid_of_several_kinds_is_no_project_period():
    assert "project_period" not in set(
        published("Japan granted Mongolia loans and aid of US$1.1 billion between 1993 and 2006.")["indicator_id"]
    )


def test_imports_and_exports_together_are_turnover_and_mongolians_who_studied_in_japan_are_counted():
    row = one(
        published("In 2009, the two countries' imports/exports reached US$ 73 million, Mongolia and Japan said."),
        indicator_id="trade_value",
    )
    assert (row["flow"], row["period"]) == ("turnover", "2009")
    obs = published("Each year some 9,000 tourists come from Japan and approximately 650 Mongolians have studied in Japan.")
    assert list(zip(obs["indicator_id"], obs["value"], strict=True)) == [("students_in_japan", 650)]


def test_the_readme_loan_example_reads_as_the_readme_says():
    text = "Japan signed a loan of up to 30 billion yen with Mongolia for the new airport in 2008."
    obs, unmapped = map_text(text, "2009-01-01")
    loan = obs[obs["indicator_id"] == "oda_loan_amount"].iloc[0]
    assert (loan["rule_id"], loan["value"], loan["unit"], loan["qualifier"]) == ("oda_loan_amount", 30e9, "JPY", "under")
    assert (loan["period"], loan["partner"], loan["party_basis"], loan["evidence"]) == ("2008", "Japan", "item", "loan")
    assert text[loan["evidence_start"] : loan["evidence_end"]] == "loan"
    event = obs[obs["indicator_id"] == "dated_event"].iloc[0]
    assert (event["value"], event["evidence"]) == (2008, "signed")
    obs, unmapped = map_text(text.replace("Japan", "ADB"), "2009-01-01")
    assert obs.empty and set(unmapped["reason"]) == {"other_partner"}


# --- events bound in their own statement ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # A pair named three sentences back, with another country named between: no pair in view.
        "Japan and Mongolia opened embassies in 1973. Mongolia's ties with Kazakhstan grew closer after 1991. "
        "Their leaders meet often in Astana. The two countries signed a border trade agreement in 1995.",
        # The other party in another statement of the clause: Mongolia's own event.
        "Mongolia held its first free elections in 1990, and Japan soon became its largest donor.",
        "Japan and Mongolia agreed to cooperate, and Mongolia held its elections in 1990.",
    ],
)
def test_an_event_binds_both_parties_in_the_statement_of_its_date(text):
    assert set(published(text)["period"]) <= {"1973"}  # only the embassies opened by both


def test_an_event_of_a_shared_subject_or_a_named_thing_takes_the_parties_that_bind_it():
    obs = published("The trade agreement between Japan and Mongolia was signed in February 2015, and entered into force in June 2016.")
    assert set(obs["period"]) == {"2015-02", "2016-06"}
    obs = published("Japan and Mongolia signed a trade agreement in 2015; the agreement entered into force in 2016.")
    assert one(obs, period="2016")["party_basis"] == "antecedent"
    # "between A, ..., and B": the conjunction joins two names, not two statements.
    obs = published(
        "Notes were exchanged on March 3, 2008 in Tokyo between Mr. Aoki, Minister for Foreign Affairs of Japan, and Ms. Bat, Ambassador of Mongolia."
    )
    assert one(obs, period="2008-03-03")["partner"] == "Japan"
    # A chain of sentences that each speak of "the two countries" keeps the pair in view.
    obs = published(
        "Japan and Mongolia opened embassies in 1973. The two countries agreed on a cultural programme in 1976. In 1980, the two countries signed a trade agreement."
    )
    assert set(obs["period"]) == {"1973", "1976", "1980"}
    obs = published("Japan and Mongolia signed the agreement in 2015, and Mongolia's economy grew in 2016.")
    assert set(obs["period"]) == {"2015"}


# --- counts of people bound to their population ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Mongolia and Japan held an education fair on studying in Japan. Some 2,600 students of Ulaanbaatar schools attended the fair.",
        "Mongolia signed a memorandum on sending skilled workers to Japan. The ministry has trained 2,100 workers at its vocational centres.",
        "The Nippon Foundation of Japan will fund 700 Mongolian students at the Mongolian University of Life Sciences.",
    ],
)
def test_a_count_of_people_is_not_bound_to_a_place_named_outside_its_clause(text):
    assert published(text).empty


def test_a_count_of_people_takes_its_place_from_its_clause_or_the_sentence_it_continues():
    obs = published(
        "As of May 2022, 3,120 Mongolian students were studying in Japan. Out of these, 270 students were studying for doctoral degrees."
    )
    assert set(obs["value"]) == {3120, 270}
    assert one(obs, value=270)["level"] == "doctoral"
    obs = published("Mongolia and Japan signed a labour agreement. Right now, 27 Mongolian workers live and work in Obihiro City.")
    assert one(obs, value=27)["indicator_id"] == "workers_in_japan"


def test_parties_tried_at_word_boundaries_are_those_finditer_finds():
    from conftest import CORPUS

    from pipeline.indicators.context import _at_word_boundaries
    from pipeline.indicators.resources import load_lexicon

    pattern = load_lexicon().party_pattern
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts.append("the Government of Japan, JICA's office in Ulaanbaatar, Mongolian-Japanese ties, (Japan) and JapanMongolia.")
    for text in texts:
        expected = [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in _at_word_boundaries(pattern, text)] == expected
        assert expected


def test_stated_years_answer_as_a_walk_over_every_earlier_date_would():
    import random

    from pipeline.indicators.mapping import FigureRow, _StatedYears

    def walk(dates, start, year):  # the plain reading: every earlier date looked at
        earlier = [d for d in dates if d.start < start]
        source = next((i for i in range(len(earlier) - 1, -1, -1) if earlier[i].period[:4] == year and len(earlier[i].period) > 4), None)
        after = earlier[source + 1 :] if source is not None else earlier
        return any(d.period[:4] != year for d in after)

    rng = random.Random(5)
    for _ in range(300):
        dates = []
        for k in range(rng.randrange(0, 12)):
            year = rng.choice(["2019", "2020", "2021"])
            period = year + rng.choice(["", "-03", "-03-17"])
            dates.append(FigureRow(f"f{k}", "d", k * 10, k * 10 + 4, period, 0.0, "date", "exact", period, "date", ""))
        index = _StatedYears(dates)
        for start in range(0, 130, 5):
            year = rng.choice(["2019", "2020", "2021"])
            assert index.crossed(start, year) == walk(dates, start, year)
