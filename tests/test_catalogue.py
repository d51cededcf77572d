"""The received texts and their catalogue: every file listed, unchanged, described."""
import hashlib
import re

import pandas as pd
import pytest

import partycorpus as pc
from partycorpus.corpus import catalogue as catalogue_module
from partycorpus.corpus.catalogue import CATALOGUE_FIELDS

TABLE = pd.read_csv(pc.texts_dir() / "catalogue.csv", dtype=str, keep_default_na=False)
# Files in source_texts/ that are not received texts.
NOT_TEXTS = {"catalogue.csv", "segments.csv"}
# The kinds of source (source_texts/README.md); "primary or secondary" depends on the question, and notes says how.
SOURCE_TYPES = {"primary", "secondary", "derivative", "primary or secondary"}


def test_catalogue_has_every_field():
    assert list(TABLE.columns) == list(CATALOGUE_FIELDS)


def test_ids_unique_and_readable():
    assert TABLE["id"].is_unique
    for text_id in TABLE["id"]:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", text_id), text_id


@pytest.mark.parametrize("row", TABLE.to_dict("records"), ids=list(TABLE["id"]))
def test_row_complete(row):
    empty = [field for field in CATALOGUE_FIELDS if not row[field].strip()]
    assert not empty, f"{row['id']}: empty fields {empty} (write 'unknown' where nothing is known)"
    assert row["source_type"] in SOURCE_TYPES
    assert row["date"] == "unknown" or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["date"])


@pytest.mark.parametrize("row", TABLE.to_dict("records"), ids=list(TABLE["id"]))
def test_received_file_matches_checksum(row):
    data = (pc.texts_dir() / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["sha256"], f"{row['file']} is not the text that was received"


def test_every_text_file_is_listed():
    files = {p.name for p in pc.texts_dir().glob("*.txt")}
    assert files == set(TABLE["file"])


def test_adding_a_text_needs_only_a_file_and_a_row(tmp_path, monkeypatch):
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "letter-1927-test.txt").write_text("Dear comrades,\nwe protest.", encoding="utf-8")
    extra = {field: "unknown" for field in CATALOGUE_FIELDS}
    extra.update(id="letter-1927-test", file="letter-1927-test.txt", source_type="primary")
    pd.concat([TABLE, pd.DataFrame([extra])]).to_csv(folder / "catalogue.csv", index=False)
    monkeypatch.setenv("PARTYCORPUS_TEXTS", str(folder))
    catalogue_module._catalogue_cached.cache_clear()
    try:
        assert "letter-1927-test" in pc.text_ids()
        assert pc.quote("letter-1927-test:2") == "we protest."
    finally:
        monkeypatch.delenv("PARTYCORPUS_TEXTS")
        catalogue_module._catalogue_cached.cache_clear()


def _row(text_id):
    return TABLE.set_index("id").loc[text_id]


def test_a_text_whose_kind_depends_on_the_question_says_which_reading_answers_which():
    for text_id, row in TABLE.set_index("id").iterrows():
        if row["source_type"] == "primary or secondary":
            assert "primary source" in row["notes"] and "secondary source" in row["notes"], \
                f"{text_id}: say in notes which question makes it primary and which secondary"
    assert _row("thakor-2023-gulag-opinion")["source_type"] == "primary or secondary"


def test_trotskys_stalin_is_dated_by_its_publication_in_1946():
    row = _row("web-undated-stalin-trotsky")
    for field in ("author", "transmission", "rights"):
        assert "1946" in row[field] and "Harper" in row[field], f"{field}: Harper, New York, 1946"
    assert "published 1941" not in row["transmission"] and "printed by Harper in 1941 but withheld" in row["transmission"]
    readme = (pc.texts_dir() / "README.md").read_text(encoding="utf-8")
    assert "published in English in 1941" not in readme and "1946" in readme


def test_the_izhma_bulletin_is_a_layer_of_its_own():
    row = _row("izhma-1926-exile-report")
    assert "Letter from an Exile in Izhma" in row["transmission"]
    assert "seven people" in row["notes"] and "Seven Zionists" in row["notes"]
