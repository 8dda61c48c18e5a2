"""The start-up cache gives exactly what computing gives, and never gets in the way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.util import load_language_data, registry

from svdocs.linter.nlp import lemmatizer, phrases, startup_cache
from svdocs.linter.nlp.pipeline import build_pipeline

PHRASES = ["reasonable endeavours", "Apprenticeships", "seek to", "work closely with", "SMEs"]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(startup_cache.ENV, str(folder))
    return folder


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _lemmatize(nlp: Language) -> Any:
    return nlp.get_pipe("svdocs_lemmatizer")


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVDOCS_CACHE_DIR", "/somewhere/else")
    assert startup_cache.cache_dir() == Path("/somewhere/else")
    for off in ("off", "", "0", "OFF"):
        monkeypatch.setenv("SVDOCS_CACHE_DIR", off)
        assert startup_cache.cache_dir() is None
    monkeypatch.delenv("SVDOCS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert startup_cache.cache_dir() == Path("/xdg/svdocs")


@pytest.mark.parametrize("attr", ["LEMMA", "LOWER"])
def test_cached_phrase_keys_are_the_computed_ones(
    cache: Path, nlp: Language, attr: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = phrases.compute_phrase_keys(nlp, PHRASES, _lemmatize(nlp), attr)
    assert phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), attr) == expected  # miss: stored
    assert len(list(cache.glob("phrase-keys-*.marshal"))) == 1

    def no_compute(*args: object) -> None:
        raise AssertionError("computed again although cached")

    monkeypatch.setattr(phrases, "compute_phrase_keys", no_compute)
    assert phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), attr) == expected  # hit


def test_other_phrases_or_attribute_miss(cache: Path, nlp: Language) -> None:
    first = phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA")
    other = phrases.phrase_keys(nlp, [*PHRASES, "social value"], _lemmatize(nlp), "LEMMA")
    lower = phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LOWER")
    assert other[: len(first)] == first and len(other) == len(first) + 1
    assert lower != first  # "Apprenticeships" lemmatised vs lower-cased
    assert len(list(cache.glob("phrase-keys-*.marshal"))) == 3


def test_a_damaged_entry_is_recomputed_and_rewritten(
    cache: Path, nlp: Language
) -> None:
    expected = phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA")
    (entry,) = cache.glob("phrase-keys-*.marshal")
    for damage in (b"", b"\x00garbage", entry.read_bytes()[:10]):
        entry.write_bytes(damage)
        assert phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA") == expected
        assert entry.read_bytes() != damage
    # the right format but the wrong shape (a list of the wrong length)
    import marshal

    entry.write_bytes(marshal.dumps([[1, 2]]))
    assert phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA") == expected


def test_an_unusable_folder_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(startup_cache.ENV, str(blocker / "svdocs"))
    expected = phrases.compute_phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA")
    assert phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA") == expected
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_turned_off_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    monkeypatch.setenv(startup_cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    phrases.phrase_keys(nlp, PHRASES, _lemmatize(nlp), "LEMMA")
    assert list(tmp_path.iterdir()) == []


def test_old_entries_are_pruned(cache: Path) -> None:
    for n in range(startup_cache.KEEP_PER_KIND + 5):
        startup_cache.store("demo", f"key{n}", [n])
        stamp = 1_000_000_000 + n
        os.utime(cache / f"demo-key{n}.marshal", ns=(stamp * 10**9, stamp * 10**9))
    kept = sorted(cache.glob("demo-*.marshal"))
    assert len(kept) == startup_cache.KEEP_PER_KIND
    assert cache / f"demo-key{startup_cache.KEEP_PER_KIND + 4}.marshal" in kept
    assert not list(cache.glob(".*.tmp"))


def test_cached_lemma_table_is_the_installed_one(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_language_data(registry.lookups.get("en")["lemma_lookup"])
    monkeypatch.setattr(lemmatizer, "_TABLE", None)
    assert lemmatizer.lemma_table() == expected  # read and stored
    assert len(list(cache.glob("lemma-table-*.marshal"))) == 1
    monkeypatch.setattr(lemmatizer, "_TABLE", None)
    monkeypatch.setattr(lemmatizer, "load_language_data", None)  # must not be needed now
    assert lemmatizer.lemma_table() == expected
