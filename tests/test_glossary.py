"""The personal glossary: entries, safety of its file, TSV/CSV in and out."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from corpus.lexicon.glossary import (
    Glossary,
    GlossaryError,
    GlossaryLocked,
    GlossaryUnreadable,
    export_table,
    make_entry,
    parse_table,
    terms,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "glossary.json"


def test_add_update_remove(path: Path) -> None:
    g = Glossary(path)
    assert g.entries() == []
    entry, new = g.add("新质生产力", "xīnzhì shēngchǎnlì", "new quality productive forces", "2023 term")
    assert new and entry.created
    again, new = g.add("新质生产力", "xīnzhì shēngchǎnlì", "new-quality productive forces")
    assert not new and again.created == entry.created and again.note == ""
    g.add("以旧换新", "yǐ jiù huàn xīn", "trade-in")
    assert [e.term for e in Glossary(path).entries()] == ["新质生产力", "以旧换新"]
    assert Glossary(path).get("新质生产力").gloss == "new-quality productive forces"  # type: ignore[union-attr]
    assert g.remove("新质生产力") and not g.remove("新质生产力")
    assert [e.term for e in g] == ["以旧换新"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "reader-glossary" and data["entries"][0]["term"] == "以旧换新"
    assert "以旧换新" in path.read_text(encoding="utf-8")  # Chinese as is, readable


@pytest.mark.parametrize(
    ("term", "message"),
    [("", "empty"), ("两个 词", "without spaces"), ("长" * 51, "too long")],
)
def test_bad_terms_are_refused(path: Path, term: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        Glossary(path).add(term, gloss="x")
    assert not path.exists()


def test_control_characters_and_escapes_never_stored(path: Path) -> None:
    entry, _ = Glossary(path).add("综\x1b[31m试区", "zōng\x07shìqū", "pilot\x1b]0;title\x07 zone", "a\x00b\nc")
    assert entry.term == "综试区" and entry.pinyin == "zōngshìqū"
    assert entry.gloss == "pilot zone" and entry.note == "ab\nc"


def test_unreadable_file_is_kept_and_never_overwritten(path: Path) -> None:
    path.parent.mkdir(parents=True)
    damaged = b'{"format": "reader-glossary", "version": 1, "entries": [{"term": "x"'
    path.write_bytes(damaged)
    g = Glossary(path)
    with pytest.raises(GlossaryUnreadable) as info:
        g.entries()
    assert "invalid JSON" in str(info.value) and info.value.copy is not None
    assert info.value.copy.read_bytes() == damaged
    with pytest.raises(GlossaryUnreadable):
        g.add("综试区", gloss="pilot zone")
    with pytest.raises(GlossaryUnreadable):
        g.remove("x")
    assert path.read_bytes() == damaged  # untouched
    assert len(list(path.parent.glob("glossary.json.corrupt-*"))) == 1  # one copy, however often it is read
    # The segmenter goes on without the glossary's terms and says why.
    found, _stamp, warning = terms(path)
    assert found == () and warning and "invalid JSON" in warning


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"[1, 2]", "not a reader glossary"),
        (b'{"format": "reader-glossary", "version": 9, "entries": []}', "newer"),
        (b'{"format": "reader-glossary", "version": 1, "entries": [{"term": 5}]}', "entry 1"),
        (b'{"format": "reader-glossary", "version": 1, "entries": [{"term": "a b"}]}', "entry 1"),
    ],
)
def test_reasons_a_person_can_act_on(path: Path, content: bytes, reason: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(GlossaryUnreadable, match=reason):
        Glossary(path).entries()


def test_lock_held_elsewhere_is_a_clear_error(path: Path) -> None:
    from filelock import FileLock

    Glossary(path).add("综试区")
    with FileLock(f"{path}.lock"):
        with pytest.raises(GlossaryLocked, match="locked"):
            Glossary(path, lock_timeout=0.1).add("以旧换新")


def _add_many(path: str, prefix: str, n: int) -> None:
    g = Glossary(Path(path))
    for i in range(n):
        g.add(f"{prefix}{i}", gloss=f"{prefix} {i}")


def test_two_processes_never_lose_each_others_entries(path: Path) -> None:
    Glossary(path).add("起点")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_add_many, args=(str(path), p, 15)) for p in ("甲", "乙")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert len(Glossary(path).entries()) == 31


def test_a_read_only_glossary_is_not_replaced(path: Path) -> None:
    Glossary(path).add("综试区")
    os.chmod(path, 0o444)
    try:
        with pytest.raises(PermissionError):
            Glossary(path).add("以旧换新")
        assert [e.term for e in Glossary(path).entries()] == ["综试区"]
    finally:
        os.chmod(path, 0o644)


# --------------------------------------------------------------------------- TSV / CSV


def test_tsv_and_csv_round_trip(path: Path) -> None:
    g = Glossary(path)
    g.add("综试区", "zōngshìqū", "pilot zone; for cross-border e-commerce", "多行\n备注")
    g.add("以旧换新", "yǐjiùhuànxīn", "=HYPERLINK(\"x\")", "tab\there")
    for fmt in ("tsv", "csv"):
        text = export_table(g.entries(), fmt)
        back, warnings = parse_table(text, fmt)
        assert warnings == []
        assert [(e.term, e.pinyin) for e in back] == [("综试区", "zōngshìqū"), ("以旧换新", "yǐjiùhuànxīn")]
        assert back[1].gloss == '=HYPERLINK("x")'  # our own formula guard is undone on import
    tsv = export_table(g.entries(), "tsv")
    assert tsv.splitlines()[0] == "term\tpinyin\tgloss\tnote"
    assert "'=HYPERLINK" in tsv and "tab here" in tsv and "多行 备注" in tsv
    csv_text = export_table(g.entries(), "csv")
    assert csv_text.startswith("\ufeffterm,pinyin,gloss,note\r\n") and '"多行\n备注"' in csv_text


def test_import_merges_and_reports_bad_rows(path: Path) -> None:
    g = Glossary(path)
    g.add("综试区", "zōngshìqū", "old gloss")
    rows, warnings = parse_table("综试区\tzōngshìqū\tnew gloss\n\t\tno term\n以旧换新\tyǐjiùhuànxīn\ttrade-in\n两 个\tx\ty\n")
    assert len(rows) == 2 and len(warnings) == 2 and warnings[0].startswith("row 2")
    assert g.merge(rows) == (1, 1, 0)
    assert g.merge(rows) == (0, 0, 2)
    assert g.get("综试区").gloss == "new gloss"  # type: ignore[union-attr]


def test_make_entry_bounds() -> None:
    with pytest.raises(GlossaryError, match="too long"):
        make_entry("词", gloss="x" * 3000)
