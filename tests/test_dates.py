"""The date finder of lesson 07 (pc.find_dates, partycorpus.stats.dates): forms found, normalisation, citations, damage, friendly errors."""
import pytest

import partycorpus as pc
from partycorpus.stats.dates import COLUMNS, ORDINALS, dates_in_lines, find_dates


def found(line, years=True):
    return [(row.as_written, row.iso, row.end_iso, row.precision)
            for row in dates_in_lines([(1, line)], years=years).itertuples()]


@pytest.mark.parametrize("line, expected", [
    ("On September 24, 1928, I was arrested", [("September 24, 1928", "1928-09-24", "", "day")]),
    ("Arrested October 14 1937.", [("October 14 1937", "1937-10-14", "", "day")]),
    ("who died on March 5th, 1953.", [("March 5th, 1953", "1953-03-05", "", "day")]),
    ("dated 11 March 1926 and signed", [("11 March 1926", "1926-03-11", "", "day")]),
    ("in April 1931, a guard fired", [("April 1931", "1931-04", "", "month")]),
    ("probably late in March, or early in April, 1926", [("April, 1926", "1926-04", "", "month")]),
    ("See the New Militant, Jan. 25th and Feb. 8th.", [("Jan. 25th", "XXXX-01-25", "", "day"),
                                                       ("Feb. 8th", "XXXX-02-08", "", "day")]),
    ("whether it was on November 20 or 21", [("November 20 or 21", "XXXX-11-20", "XXXX-11-21", "day")]),
    ("the session of April 6 to 9", [("April 6 to 9", "XXXX-04-06", "XXXX-04-09", "day")]),
    ("on the twelfth of June [, in", [("the twelfth of June", "XXXX-06-12", "", "day")]),
    ("After the coup of June third,he led", [("June third", "XXXX-06-03", "", "day")]),
    ("came to an end on April twenty-seventh.", [("April twenty-seventh", "XXXX-04-27", "", "day")]),
    ("the purges of 1935-1936 resulted", [("1935-1936", "1935", "1936", "year")]),
    ("In 1930 many capitulated", [("1930", "1930", "", "year")]),
])
def test_the_forms_of_the_corpus_are_found_and_normalised(line, expected):
    assert found(line) == expected


@pytest.mark.parametrize("line", [
    "you may 1933 times",            # a month name must be capitalised
    "arrested in March, 19808.",     # Thakor's garbled year: five digits are not a year
    "February 31, 1926",             # no such day
    "Union Congress of Soviets in May I925",  # OCR damage: found only after repair
    "in June, the majority",         # a month alone cannot be placed
])
def test_what_is_not_a_date_is_not_found(line):
    assert found(line, years=False) == []


@pytest.mark.parametrize("line", [
    "our village used 1,500 cows and 12,000 sheep",  # numbers with a thousands separator
    "during the 1930's and the 1930s",  # decades are not years
    "a rate of 1925.5 per cent",      # a decimal
    "arrested in March, 19808.",
])
def test_numbers_that_are_not_years_are_not_found(line):
    assert found(line) == []


def test_years_standing_alone_can_be_left_out():
    assert found("In 1930, on September 24, 1928", years=False) == [("September 24, 1928", "1928-09-24", "", "day")]


def test_the_ordinals_cover_every_day_of_a_month():
    assert sorted(ORDINALS.values()) == list(range(1, 32))


def test_find_dates_keeps_citations_that_resolve():
    table = find_dates("tarov-1936-escape")
    assert list(table.columns) == COLUMNS
    for citation, written in zip(table["citation"], table["as_written"]):
        assert written.lower() in pc.quote(citation).lower()


def test_repair_finds_what_ocr_damage_hides():
    repaired = find_dates("carr-1959-socialism-vol2", "chapter-16", years=False)
    assert "1925-10-28" in set(repaired["iso"])  # received line 4797 reads 'October z8, 1925'
    received = pc.lines("carr-1959-socialism-vol2")
    numbers = [number for number, _ in pc.clean("carr-1959-socialism-vol2", "chapter-16").lines]
    damaged = dates_in_lines([(n, received[n - 1]) for n in numbers], "carr-1959-socialism-vol2", years=False)
    assert len(damaged) < len(repaired)
    assert "1925-10-28" not in set(damaged["iso"])


def test_the_web_essay_has_only_dates_in_words():
    table = find_dates("web-undated-stalin-trotsky")
    assert len(table) >= 4 and table["in_words"].all() and table["iso"].str.startswith("XXXX").all()


def test_find_dates_names_a_bad_text_id_first():
    with pytest.raises(pc.UnknownTextError, match="Did you mean 'tarov-1936-escape'"):
        find_dates("tarov")


def test_dates_in_lines_explains_a_string():
    with pytest.raises(TypeError, match="not a string"):
        dates_in_lines("On September 24, 1928")
