"""The cache on disk of cleaned texts (partycorpus.cleaning.disk_cache, issue 13.6).

What comes out of the cache is what cleaning makes; a changed text or changed code is cleaned again; two
processes writing the same entry at once never leave half a file for a reader; a cache that cannot be written
or is switched off changes nothing but the time; a damaged entry is cleaned again.
"""
from __future__ import annotations

import multiprocessing
import os
import stat

import pytest

from partycorpus.cleaning import disk_cache
from partycorpus.cleaning.pipeline import _clean_text, _cleaned, _from_entry, _to_entry, cache_inputs, profile
from partycorpus.corpus.catalogue import received_text
from partycorpus.corpus.segments import spans

CARR = "carr-1959-socialism-vol2"


def carr():
    """What cleaning Carr's book depends on, besides the code: the received text, its profile and its segments."""
    return CARR, received_text(CARR), profile(CARR), spans(CARR)


def key(text_id, received, kind, rows):
    return cache_inputs(received, kind, rows)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTYCORPUS_CACHE", str(tmp_path / "cache"))
    _cleaned.cache_clear()
    yield tmp_path / "cache"
    _cleaned.cache_clear()


def test_an_entry_gives_back_what_cleaning_makes(cache):
    made = _clean_text(*carr())
    assert made.changes, "Carr's book is cleaned: the check would prove nothing on an unchanged text"
    first = _cleaned(*carr())                  # cleans, and stores
    assert list(cache.glob("clean-*.json")), "nothing was stored"
    _cleaned.cache_clear()
    second = _cleaned(*carr())                 # from the disk
    assert first == made and second == made and _from_entry(_to_entry(made)) == made


def test_a_changed_text_profile_segment_or_code_is_cleaned_again(cache, monkeypatch):
    text_id, received, kind, rows = carr()
    disk_cache.store(CARR, key(*carr()), _to_entry(_clean_text(*carr())))
    assert disk_cache.load(CARR, key(*carr())) is not None
    assert disk_cache.load(CARR, key(text_id, received + "\nA new last line.", kind, rows)) is None
    assert disk_cache.load(CARR, key(text_id, received, "plain", rows)) is None
    assert disk_cache.load(CARR, key(text_id, received, kind, rows[:-1])) is None
    monkeypatch.setattr(disk_cache, "code_version", lambda: "another-version")
    assert disk_cache.load(CARR, key(*carr())) is None


def test_the_pipeline_stores_under_the_key_the_test_computes(cache):
    _cleaned(*carr())
    assert disk_cache.load(CARR, key(*carr())) is not None


def test_a_damaged_entry_is_cleaned_again(cache):
    _cleaned(*carr())
    (entry,) = cache.glob("clean-*.json")
    entry.write_text('{"text_id": "carr-1959-socialism-vol2", "raw": [', encoding="utf-8")
    _cleaned.cache_clear()
    assert _cleaned(*carr()) == _clean_text(*carr())


def test_off_or_unwritable_changes_nothing_but_the_time(tmp_path, monkeypatch):
    received = received_text(CARR)
    monkeypatch.setenv("PARTYCORPUS_CACHE", "off")
    assert disk_cache.store(CARR, received, {"text_id": CARR}) is False
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("PARTYCORPUS_CACHE", str(locked / "cache"))
    if os.geteuid() != 0:   # root writes anywhere: the permission cannot be tested as root
        assert disk_cache.store(CARR, received, {"text_id": CARR}) is False
    monkeypatch.setenv("PARTYCORPUS_CACHE", str(tmp_path / "file-not-folder"))
    (tmp_path / "file-not-folder").write_text("x")
    assert disk_cache.store(CARR, received, {"text_id": CARR}) is False
    _cleaned.cache_clear()
    assert _cleaned(*carr()) == _clean_text(*carr())
    _cleaned.cache_clear()


def _writer(folder: str, rounds: int) -> None:
    os.environ["PARTYCORPUS_CACHE"] = folder
    entry = {"text_id": "t", "profile": "web", "raw": ["x" * 1000] * 2000, "text": [], "stream": [], "changes": []}
    for _ in range(rounds):
        assert disk_cache.store("t", "received", entry)


def test_two_writers_at_once_never_leave_half_a_file(cache):
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(cache), 40)) for _ in range(2)]
    for writer in writers:
        writer.start()
    seen = 0
    while any(w.is_alive() for w in writers):
        entry = disk_cache.load("t", "received")
        if entry is not None:
            assert len(entry["raw"]) == 2000
            seen += 1
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert disk_cache.load("t", "received") is not None
    assert not list(cache.glob(".writing-*")), "a temporary file was left behind"
