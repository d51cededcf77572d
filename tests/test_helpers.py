"""Friendly errors of the helper package: a student's mistake gets a message that says what to do."""
import pytest

import partycorpus as pc


def test_unknown_id_lists_valid_ids_and_suggests_one():
    with pytest.raises(pc.UnknownTextError) as err:
        pc.lines("carr")
    message = str(err.value)
    assert "'carr'" in message and "Did you mean 'carr-1959-socialism-vol2'?" in message
    for text_id in pc.text_ids():
        assert text_id in message


def test_unknown_id_is_a_key_error():
    with pytest.raises(KeyError):
        pc.text("no-such-text")


@pytest.mark.parametrize("bad", [None, 3, ["tarov-1936-escape"]])
def test_wrong_type_of_id(bad):
    with pytest.raises(TypeError, match="text id is a string"):
        pc.lines(bad)


@pytest.mark.parametrize("start, end", [(0, 3), (5, 2), (1, 10_000)])
def test_line_range_outside_the_text(start, end):
    with pytest.raises(ValueError, match="has lines 1 to 28"):
        pc.passage("izhma-1926-exile-report", start, end)


def test_line_numbers_must_be_whole_numbers():
    with pytest.raises(TypeError, match="whole numbers"):
        pc.passage("izhma-1926-exile-report", "3")


@pytest.mark.parametrize("bad", ["tarov-1936-escape 29", "tarov-1936-escape:", "29", "tarov-1936-escape:x"])
def test_malformed_citation(bad):
    with pytest.raises(ValueError, match="is not a citation"):
        pc.parse_citation(bad)


def test_citation_round_trip():
    citation = pc.cite("tarov-1936-escape", 29, 31)
    assert pc.parse_citation(citation) == ("tarov-1936-escape", 29, 31)
    assert pc.quote(citation).split("\n")[0] == pc.lines("tarov-1936-escape")[28]


def test_line_numbers_match_a_text_editor():
    # The received file's line 129 is its last; a file split at newlines only has as many lines.
    raw = pc.text_path("tarov-1936-escape").read_bytes()
    assert len(pc.lines("tarov-1936-escape")) == raw.count(b"\n") + 1 == 129


def test_figure_without_labels_or_alt_text_is_refused():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="title and axis labels"):
        pc.show_figure(fig, alt="A single straight line rising steadily from 3 to 4.")
    pc.label_axes(ax, "Rise", "x", "y")
    with pytest.raises(ValueError, match="alt text"):
        pc.show_figure(fig, alt="")
    with pytest.raises(ValueError, match="only repeats the title"):
        pc.show_figure(fig, alt="Rise")
    shown = pc.show_figure(fig, alt="A single straight line rising steadily from 3 to 4.")
    assert 'alt="A single straight line rising steadily from 3 to 4."' in shown._repr_html_()
