"""Checks of the cited data files partycorpus/data/timeline.csv and places.csv.

Every citation must point at a received line that contains what the row says
it contains; every date must be a valid ISO date whose length matches its
precision; every place must have plausible coordinates or a note saying why
it has none.
"""
import re

import pandas as pd
import pytest

import partycorpus as pc
from partycorpus.coursedata.places import places, route
from partycorpus.coursedata.datafiles import read_data
from partycorpus.coursedata.timeline import PERIODS, PRECISIONS, date_span, timeline

TIMELINE_COLUMNS = ["event_id", "date", "precision", "end_date", "event", "actors", "kind", "citations",
                    "cite_keywords", "reference", "disagreement", "period", "label"]
TIMELINE_REQUIRED = ["event_id", "date", "precision", "event", "actors", "kind", "reference", "period", "label"]
LABEL_MAX = 36  # characters: a label must fit beside its bar in a figure on a laptop screen
KINDS = {
    "appointment", "arrest", "assassination", "birth", "campaign", "capitulation", "commemoration",
    "conference", "congress", "death", "declaration", "decree", "deportation", "document", "employment",
    "escape", "execution", "exile", "expulsion", "founding", "hunger_strike", "illness", "imprisonment",
    "journey", "meeting", "membership", "plenum", "policy", "protest", "publication", "purge",
    "recruitment", "rehabilitation", "removal", "renaming", "report", "resolution", "revolution",
    "robbery", "search", "sentence", "speech", "split", "trial", "violence", "vote",
}
PLACE_COLUMNS = ["place_id", "text_id", "name_in_text", "modern_name", "country_today", "latitude", "longitude",
                 "coord_basis", "role", "what_happened", "citations", "cite_keywords", "route_order",
                 "route_status", "identification", "note"]
PLACE_REQUIRED = ["place_id", "text_id", "name_in_text", "modern_name", "country_today", "coord_basis", "role",
                  "what_happened", "citations", "cite_keywords", "identification"]
IDENTIFICATIONS = {"certain", "probable", "uncertain", "unknown"}
# Generous latitude/longitude boxes for the countries that places with coordinates lie in.
COUNTRY_BOXES = {
    "Azerbaijan": (38, 42, 44, 51), "Finland": (59, 71, 20, 32), "France": (41, 52, -6, 10),
    "Georgia": (41, 44, 40, 47), "Georgia (Abkhazia)": (42, 44, 40, 42), "Germany": (47, 56, 5, 16),
    "Kazakhstan": (40, 56, 46, 88), "Kyrgyzstan": (39, 44, 69, 81), "Mexico": (14, 33, -119, -86),
    "Russia": (41, 82, 19, 180), "Turkmenistan": (35, 43, 52, 67), "Ukraine": (44, 53, 22, 41),
    "United Kingdom": (49, 61, -9, 2), "Uzbekistan": (37, 46, 55, 74),
}
# The places of arrest, exile, prison, transit and escape that Tarov and the Izhma report name.
REQUIRED_PLACES = {
    "tarov-1936-escape": ["Tiflis", "Kazakstan", "Kizil-Ordoo", "Akmolinsk", "Adbasar", "Semipalatinsk",
                          "Petropavlovsk", "Chemkent", "Arkhangelsk", "Western Siberia", "Verkhni-Uralsk",
                          "Frunze", "Uralsk", "Andijan", "Ashkabad"],
    "izhma-1926-exile-report": ["Izhma", "Ukhta", "Ussa", "Moscow"],
}
# Dates the corpus itself gives, and that the timeline must keep.
CORPUS_DATES = {
    "stalin-death": "1953-03-05", "drozdov-arrest": "1937-10-14", "drozdov-sentence": "1937-11-15",
    "drozdov-shot": "1937-11-21", "drozdov-rehabilitated": "1958", "tarov-arrest-1928": "1928-09-24",
    "tarov-exiled-kazakhstan": "1928-12", "akmolinsk-arrest-1931": "1931-01-22", "essayan-shot": "1931-04",
    "verkhneuralsk-hunger-strike": "1931", "verkhneuralsk-night-search": "1931-11-20",
    "jenny-son-born": "1933-05", "tarov-article": "1936-02-15", "izhma-report-dated": "1926-03-11",
    "izhma-bulletin": "1926-12", "stalin-birth": "1878-12-18", "lenin-death": "1924-01-21",
    "thirteenth-conference": "1924-01-16", "thirteenth-congress": "1924-05-23",
    "lessons-of-october": "1924-11-06", "trotsky-removed-war-commissariat": "1925-01-26",
    "socialism-in-one-country": "1924-12-20", "fourteenth-conference": "1925-04-27",
    "fourteenth-congress": "1925-12-18", "tiflis-expropriation": "1907-06-26",
}
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PROSE_CITATION = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)+):(\d+(?:-\d+)?)\b")


@pytest.fixture(scope="module")
def raw_timeline():
    return read_data("timeline.csv")


@pytest.fixture(scope="module")
def raw_places():
    return read_data("places.csv")


def _split(field):
    return [part.strip() for part in field.split(";") if part.strip()]


def _citation_problems(table, id_column):
    """Check every citation of a data table against the received line it points at."""
    problems = []
    for row in table.itertuples(index=False):
        row = row._asdict()
        cites, keys = _split(row["citations"]), _split(row["cite_keywords"])
        if len(cites) != len(keys):
            problems.append(f"{row[id_column]}: {len(cites)} citations, {len(keys)} keywords")
            continue
        for citation, keyword in zip(cites, keys):
            try:
                text_id, first, last = pc.parse_citation(citation)
            except (ValueError, KeyError, TypeError) as err:
                problems.append(f"{row[id_column]}: {citation}: {err}")
                continue
            received = "\n".join(pc.lines(text_id)[first - 1:last])
            if keyword.lower() not in received.lower():
                problems.append(f"{row[id_column]}: {keyword!r} is not in {citation}: {received[:100]!r}")
    return problems


# ---------------------------------------------------------------- timeline


def test_timeline_has_the_documented_columns(raw_timeline):
    assert list(raw_timeline.columns) == TIMELINE_COLUMNS


def test_every_event_row_is_complete(raw_timeline):
    for column in TIMELINE_REQUIRED:
        empty = raw_timeline.loc[raw_timeline[column].str.strip() == "", "event_id"].tolist()
        assert not empty, f"events with an empty {column}: {empty}"


def test_event_ids_are_unique_slugs(raw_timeline):
    ids = raw_timeline["event_id"]
    assert ids.is_unique, ids[ids.duplicated()].tolist()
    assert ids.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()


def test_dates_are_iso_and_match_their_precision(raw_timeline):
    for row in raw_timeline.itertuples():
        assert row.precision in PRECISIONS, row.event_id
        assert ISO.fullmatch(row.date), f"{row.event_id}: {row.date!r}"
        start, end, precision = date_span(row.date)  # raises on an impossible date such as 1925-02-30
        assert precision == row.precision, f"{row.event_id}: {row.date!r} is not of precision {row.precision}"
        if row.end_date:
            assert ISO.fullmatch(row.end_date), f"{row.event_id}: end_date {row.end_date!r}"
            assert date_span(row.end_date)[1] > end, f"{row.event_id}: end_date is not after date"


def test_labels_are_short_unique_and_in_words(raw_timeline):
    labels = raw_timeline["label"]
    assert labels.is_unique, labels[labels.duplicated()].tolist()
    too_long = raw_timeline.loc[labels.str.len() > LABEL_MAX, "event_id"].tolist()
    assert not too_long, f"labels longer than {LABEL_MAX} characters: {too_long}"
    slugs = raw_timeline.loc[labels.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+"), "event_id"].tolist()
    assert not slugs, f"labels that are ids, not words: {slugs}"


def test_kinds_and_periods_come_from_the_vocabulary(raw_timeline):
    assert set(raw_timeline["kind"]) <= KINDS, set(raw_timeline["kind"]) - KINDS
    assert set(raw_timeline["period"]) <= set(PERIODS), set(raw_timeline["period"]) - set(PERIODS)


def test_each_event_overlaps_the_band_of_its_period():
    tl = timeline()
    for row in tl.itertuples():
        first, last = (pd.Timestamp(d) for d in PERIODS[row.period])
        assert row.start <= last and row.end >= first, f"{row.event_id} ({row.date}) is outside {row.period}"


def test_enough_events_from_1922_to_1940_and_later():
    tl = timeline()
    assert len(tl) >= 35
    years = set(tl["start"].dt.year) | set(tl["end"].dt.year)
    missing = [year for year in range(1922, 1941) if year not in years]
    assert not missing, f"no event in {missing}"
    assert (tl["start"].dt.year > 1940).sum() >= 3, "the later events the corpus mentions are missing"


def test_the_dates_the_corpus_gives_are_kept():
    tl = timeline()
    for event_id, date in CORPUS_DATES.items():
        assert event_id in tl.index, f"missing event {event_id}"
        assert tl.loc[event_id, "date"] == date, f"{event_id}: {tl.loc[event_id, 'date']} != {date}"


def test_every_event_carries_a_citation_or_a_dated_reference(raw_timeline):
    for row in raw_timeline.itertuples():
        assert _split(row.citations) or row.reference, row.event_id
        # A named published reference carries its year of publication, or says it is undated.
        assert re.search(r"\b1[89]\d\d\b|\b20\d\d\b|\bundated\b", row.reference), \
            f"{row.event_id}: reference has no year"


def test_timeline_citations_point_at_lines_with_their_keyword(raw_timeline):
    problems = _citation_problems(raw_timeline, "event_id")
    assert not problems, "\n".join(problems)


def test_every_text_is_cited_in_the_timeline(raw_timeline):
    cited = {pc.parse_citation(c)[0] for field in raw_timeline["citations"] for c in _split(field)}
    assert cited >= set(REQUIRED_PLACES) | {"carr-1959-socialism-vol2", "web-undated-stalin-trotsky",
                                            "thakor-2023-gulag-opinion"}


def test_citations_in_the_prose_are_valid(raw_timeline, raw_places):
    prose = list(raw_timeline["disagreement"]) + list(raw_timeline["event"]) + list(raw_places["note"])
    for text in prose:
        for text_id, lines in PROSE_CITATION.findall(text):
            if text_id in pc.text_ids():
                pc.parse_citation(f"{text_id}:{lines}")


def test_timeline_loader_sorts_by_date_and_keeps_precision():
    tl = timeline()
    assert tl["start"].is_monotonic_increasing
    assert (tl["end"] >= tl["start"]).all()
    assert tl.loc["tarov-escape", "precision"] == "year"


# ---------------------------------------------------------------- places


def test_places_have_the_documented_columns(raw_places):
    assert list(raw_places.columns) == PLACE_COLUMNS


def test_every_place_row_is_complete_and_unique(raw_places):
    for column in PLACE_REQUIRED:
        empty = raw_places.loc[raw_places[column].str.strip() == "", "place_id"].tolist()
        assert not empty, f"places with an empty {column}: {empty}"
    assert raw_places["place_id"].is_unique
    assert set(raw_places["text_id"]) <= set(pc.text_ids())
    assert set(raw_places["identification"]) <= IDENTIFICATIONS


def test_coordinates_are_plausible_or_explained():
    pl = places()
    for row in pl.itertuples():
        has_lat, has_lon = pd.notna(row.latitude), pd.notna(row.longitude)
        assert has_lat == has_lon, f"{row.place_id}: only one coordinate"
        if has_lat:
            assert row.country_today in COUNTRY_BOXES, f"{row.place_id}: add a box for {row.country_today!r}"
            south, north, west, east = COUNTRY_BOXES[row.country_today]
            assert south <= row.latitude <= north and west <= row.longitude <= east, \
                f"{row.place_id}: {row.latitude}, {row.longitude} is not in {row.country_today}"
        else:
            assert row.coord_basis == "no coordinates", row.place_id
            assert len(row.note) > 20, f"{row.place_id}: say why there are no coordinates"


def test_uncertain_identifications_are_explained(raw_places):
    for row in raw_places.itertuples():
        if row.identification != "certain":
            assert row.note, f"{row.place_id}: explain the identification"


def test_place_citations_point_at_lines_with_their_keyword(raw_places):
    problems = _citation_problems(raw_places, "place_id")
    assert not problems, "\n".join(problems)


def test_each_place_is_spelled_as_in_a_cited_line(raw_places):
    for row in raw_places.itertuples():
        cited = [pc.quote(c).lower() for c in _split(row.citations)]
        assert cited, f"{row.place_id} has no citation"
        assert any(row.name_in_text.lower() in line for line in cited), \
            f"{row.place_id}: {row.name_in_text!r} is not in its cited lines"


def test_the_places_of_tarov_and_the_izhma_report_are_all_present(raw_places):
    for text_id, names in REQUIRED_PLACES.items():
        present = set(raw_places.loc[raw_places["text_id"] == text_id, "name_in_text"])
        missing = [name for name in names if name not in present]
        assert not missing, f"{text_id}: missing {missing}"


def test_tarov_route_is_ordered_and_marks_inferred_steps():
    tarov = route("tarov-1936-escape")
    assert tarov["route_order"].tolist() == list(range(1, len(tarov) + 1))
    assert set(tarov["route_status"]) <= {"stated", "inferred"}
    assert tarov.loc["tarov-andijan", "route_status"] == "inferred"
    assert tarov.iloc[0]["place_id"] == "tarov-arrest-1928"
    assert tarov.iloc[-1]["place_id"] == "tarov-foreign-shore"


# ---------------------------------------------------------------- corrections of issue 15
# Each correction is held here by what a test can hold: a row's date and precision, what its cited line carries,
# and the disagreement it must keep visible.

CARR = "carr-1959-socialism-vol2"
CARR_VOLUME_ENDS = 1926  # Carr's volume tells the years 1924-1926; later events need a line that names their year
IZHMA_LETTER = "Letter from an Exile in Izhma"  # the original letter, in the Kate Sharpley Library's translation


def _event(raw_timeline, event_id):
    found = raw_timeline[raw_timeline["event_id"] == event_id]
    assert len(found) == 1, f"no single row {event_id}"
    return found.iloc[0]


def test_izhma_events_are_dated_from_the_original_letter(raw_timeline):
    removed = _event(raw_timeline, "izhma-exiles-removed")
    assert (removed["date"], removed["precision"]) == ("1926-03-09", "day")
    visit = _event(raw_timeline, "izhma-drozdov-visit")
    assert (visit["date"], visit["precision"], visit["end_date"]) == ("1926-02", "month", "1926-03-09")
    for row in (visit, removed):
        assert IZHMA_LETTER in row["reference"], f"{row['event_id']}: name the original letter as the reference"


def test_izhma_events_tell_what_the_letter_says_and_keep_the_bulletins_version_apart(raw_timeline):
    removed = _event(raw_timeline, "izhma-exiles-removed")
    assert "Seven" in removed["event"] and "Zionist" not in removed["event"], \
        "the letter says 'seven people'; 'Seven Zionists' is the bulletin's and belongs in the disagreement"
    assert "seven people" in removed["disagreement"] and "Seven Zionists" in removed["disagreement"]
    visit = _event(raw_timeline, "izhma-drozdov-visit")
    assert "according to his own discretion" in visit["disagreement"]
    assert "most unjust manner" in visit["disagreement"]


def test_a_carr_line_cited_for_an_event_after_his_volume_carries_the_events_year():
    tl = timeline()
    late = tl[tl["start"].dt.year > CARR_VOLUME_ENDS]
    for event_id, row in late.iterrows():
        for citation in _split(row["citations"]):
            text_id, first, last = pc.parse_citation(citation)
            if text_id == CARR:
                cited = " ".join(pc.lines(text_id)[first - 1:last])
                assert str(row["start"].year) in cited, \
                    f"{event_id}: {citation} does not name {row['start'].year}; Carr's volume ends in {CARR_VOLUME_ENDS}"


def test_trotskys_exile_to_alma_ata_is_not_cited_to_a_footnote_of_1928():
    row = _event(read_data("timeline.csv"), "trotsky-to-alma-ata")
    assert f"{CARR}:2791" not in _split(row["citations"])
    assert f"{CARR}:2791" in row["disagreement"], "say what Carr's one line on Alma-Ata is (a footnote on a letter)"
    assert "Deutscher" in row["reference"] and (row["date"], row["precision"]) == ("1928-01-17", "day")


def test_essayans_shooting_keeps_tarovs_month_and_the_militants_order_of_events(raw_timeline):
    row = _event(raw_timeline, "essayan-shot")
    assert (row["date"], row["precision"], row["end_date"]) == ("1931-04", "month", "1931-11-14")
    assert "forcible feeding" in row["disagreement"] and "14 November 1931" in row["disagreement"]
    assert "tarov-1936-escape:121" in row["disagreement"], "cite Tarov's 'fed us by force', which puts him there"


def test_the_expulsion_of_trotsky_and_zinoviev_records_the_other_date(raw_timeline):
    row = _event(raw_timeline, "trotsky-zinoviev-expelled")
    assert (row["date"], row["precision"]) == ("1927-11-14", "day")
    assert "12 November" in row["disagreement"]


def test_first_propounded_is_cited_where_carr_says_it(raw_timeline):
    row = _event(raw_timeline, "socialism-in-one-country")
    assert f"{CARR}:1521-1522" in _split(row["citations"])
    line_1521, line_1522 = pc.lines(CARR)[1520:1522]
    assert line_1521.split()[-2:] == ["Stalin", "first"] and line_1522.startswith("propounded")


def test_jennys_son_may_have_been_seen_by_tarov(raw_timeline):
    row = _event(raw_timeline, "jenny-son-born")
    assert "tarov-1936-escape:41" in row["disagreement"], "the three-year sentence of line 41 may put Tarov there"


def test_trotskys_stalin_is_dated_by_its_publication_in_1946():
    data = [read_data("timeline.csv"), read_data("places.csv")]
    fields = [value for table in data for value in table.to_numpy().ravel()]
    about_the_book = [f for f in fields if "Appraisal of the Man" in f]
    assert about_the_book, "the timeline should still name Trotsky's Stalin where it uses it"
    for field in about_the_book:
        assert "1946" in field and not re.search(r"Influence \(1941\)", field), field
