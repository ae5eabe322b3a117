"""The two start-up caches: the bank snapshot and the generated-code cache. Neither may ever serve stale data."""

from __future__ import annotations

import builtins
import json
import os
import shutil
from pathlib import Path

import pytest

from kerasq.content.bank import QUESTIONS_DIR, read_bank
from kerasq.content.errors import QuestionFileError
from kerasq.lsp import bankindex
from kerasq.lsp.bankindex import IndexLoader, index_from_bank, read_index
from kerasq.lsp.codecache import CodeCache


@pytest.fixture()
def questions(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, folder)
    monkeypatch.setenv("KERASQ_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def snapshot(tmp_path: Path) -> Path:
    (found,) = (tmp_path / "cache").glob("lsp-bank-*.json")
    return found


def test_snapshot_matches_the_validated_bank_and_is_reused(questions, tmp_path, monkeypatch) -> None:
    first = read_index(questions)
    assert first.entries == index_from_bank(read_bank(questions)).entries
    assert snapshot(tmp_path).exists()
    monkeypatch.setattr("kerasq.content.bank.read_bank", lambda *_: pytest.fail("the snapshot was not used"))
    assert read_index(questions).entries == first.entries


def test_an_edited_question_file_invalidates_the_snapshot(questions) -> None:
    read_index(questions)
    path = next(questions.glob("009-*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "The Dense layer', 'title: "EDITED The Dense layer', 1), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    assert read_index(questions).get(9).title.startswith("EDITED")


def test_an_added_invalid_file_is_an_error_not_a_stale_snapshot(questions) -> None:
    read_index(questions)
    (questions / "070-broken.md").write_text("---\nid: 70\n---\n", encoding="utf-8")
    with pytest.raises(QuestionFileError):
        read_index(questions)


@pytest.mark.parametrize("damage", ["{not json", json.dumps({"format": 1, "version": "0.0.0", "fingerprint": [], "entries": []}), '{"format": 1}', "[]"])
def test_a_damaged_or_foreign_snapshot_is_ignored(questions, tmp_path, damage: str) -> None:
    expected = read_index(questions).entries
    snapshot(tmp_path).write_text(damage, encoding="utf-8")
    assert read_index(questions).entries == expected


def test_an_unwritable_cache_folder_only_costs_time(questions, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("KERASQ_CACHE_DIR", str(blocker / "cache"))
    assert read_index(questions).get(9) is not None


def test_loader_reports_a_broken_bank_as_a_message(tmp_path) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "001-x.md").write_text("no front matter", encoding="utf-8")
    loader = IndexLoader(folder)
    assert loader.get(timeout=30) is None
    assert loader.ready and loader.error and "001-x.md" in loader.error


def test_questions_dir_is_found_without_importing_the_loader(monkeypatch) -> None:
    monkeypatch.delenv("KERASQ_QUESTIONS_DIR", raising=False)
    assert bankindex.questions_dir() == QUESTIONS_DIR.resolve()


ATTRS_NAME = "<attrs generated init example.Point>"


def test_code_cache_serves_identical_code_and_restores_compile(tmp_path, monkeypatch) -> None:
    path = tmp_path / "code.marshal"
    source = "def __init__(self, x):\n    self.x = x\n"
    original = builtins.compile
    writer = CodeCache(path)
    writer.install()
    try:
        fresh = compile(source, ATTRS_NAME, "exec")
        assert compile("x = 1", "<string>", "exec") is not None  # other code is compiled as usual
    finally:
        writer.uninstall()
    assert builtins.compile is original
    assert len(writer.added) == 1
    monkeypatch.setattr("kerasq.lsp.codecache.MIN_NEW_ENTRIES", 1)
    writer.save()
    reader = CodeCache(path)
    reader.load()
    reader.install()
    try:
        cached = compile(source, ATTRS_NAME, "exec")
        changed = compile(source.replace("x", "y"), ATTRS_NAME, "exec")
    finally:
        reader.uninstall()
    assert cached == fresh and cached is reader.known[next(iter(reader.known))]
    assert reader.added and changed != fresh  # a different source is compiled, not served
    namespace: dict = {}
    exec(cached, namespace)
    point = type("Point", (), {"__init__": namespace["__init__"]})(3)
    assert point.x == 3


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3not marshal"])
def test_a_damaged_code_cache_is_ignored(tmp_path, damage: bytes) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(damage)
    cache = CodeCache(path)
    cache.load()
    assert cache.known == {}


def test_code_cache_is_rewritten_only_for_many_misses_and_keeps_only_what_was_used(tmp_path) -> None:
    path = tmp_path / "code.marshal"
    first = CodeCache(path)
    first.install()
    try:
        for number in range(60):
            compile(f"x = {number}", f"<attrs generated init example.C{number}>", "exec")
    finally:
        first.uninstall()
    first.save()
    assert path.exists()
    second = CodeCache(path)
    second.load()
    second.install()
    try:
        for number in range(30):  # half of it is still used; a few sources are new
            compile(f"x = {number}", f"<attrs generated init example.C{number}>", "exec")
        for number in range(5):
            compile(f"y = {number}", f"<attrs generated init example.D{number}>", "exec")
    finally:
        second.uninstall()
    before = path.stat().st_mtime_ns
    second.save()  # five misses: not worth rewriting 1 MB on every start
    assert path.stat().st_mtime_ns == before and len(second.known) == 60
    second.added.update({bytes([n]) * 16: compile("z = 1", "<x>", "exec") for n in range(60)})
    second.save()
    third = CodeCache(path)
    third.load()
    assert len(third.known) == 30 + 65  # the 30 used, plus everything compiled anew
