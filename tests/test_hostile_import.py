"""``reader import`` of hostile files: one line each, the database untouched; escapes cleaned on the way in."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from bounded import no_traceback, reader
from click.testing import CliRunner

import corpus.paths
from reader.cli import cli

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A notes database with one note (on the bundled samples)."""
    path = tmp_path / "notes.json"
    added = reader("note", "add", "c02e2b4e-02", "--quote", "社区食堂", "--occurrence", "1", "--note", "原有",
                   "--db", str(path))
    assert added.returncode == 0, added.stderr
    return path


def _one_annotation(start: str) -> str:
    return ('[{"type": "Annotation", "target": {"source": "x.txt", "selector": '
            f'{{"type": "TextPositionSelector", "start": {start}, "end": 3}}}}}}]')


HOSTILE = {
    "nested-200000": "[" * 200_000 + "]" * 200_000,
    "infinity": _one_annotation("Infinity"),
    "nan": _one_annotation("NaN"),
    "huge-float": _one_annotation("1e999"),
    "5000-digits": _one_annotation("9" * 5000),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_import_is_one_line_and_the_database_is_untouched(tmp_path: Path, db: Path, name: str) -> None:
    before = db.read_bytes()
    bad = tmp_path / f"{name}.json"
    bad.write_text(HOSTILE[name], encoding="utf-8")
    result = reader("import", str(bad), "--db", str(db), timeout=60, mem_mb=1500)
    err = no_traceback(result)
    assert result.returncode == 1
    assert len(err.strip().splitlines()) == 1 and "not usable JSON" in err, err
    assert db.read_bytes() == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EDQUOT])
@pytest.mark.parametrize("target", ["current", "old-schema"])
def test_a_full_disk_during_import_is_one_line_and_the_database_is_untouched(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch, code: int, target: str
) -> None:
    exported = reader("export", "-f", "json", "--db", str(db))
    backup = tmp_path / "backup.json"
    backup.write_bytes(exported.stdout)
    other = tmp_path / "other.json"
    if target == "old-schema":  # opening migrates it: the first write happens while opening
        other.write_text('{"_default": {}}', encoding="utf-8")
        verb = "open"
    else:
        other.write_bytes(db.read_bytes())  # a current database whose note is then deleted
        note_id = json.loads(reader("notes", "--json", "--db", str(other)).stdout)["annotations"][0]["id"]
        assert reader("note", "rm", note_id, "--db", str(other)).returncode == 0
        verb = "write"
    before = other.read_bytes()

    def disk_full(fd: int, parts: object) -> None:
        raise OSError(code, __import__("os").strerror(code))

    monkeypatch.setattr(corpus.paths, "_write_all", disk_full)
    result = CliRunner().invoke(cli, ["import", str(backup), "--db", str(other)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.output.strip().splitlines() == [
        f"Error: cannot {verb} the annotations database: {__import__('os').strerror(code)}"
    ]
    assert other.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temp file left behind"


def test_imported_text_is_cleaned_and_counted(tmp_path: Path, db: Path) -> None:
    exported = json.loads(reader("export", "-f", "json", "--db", str(db)).stdout)
    item = exported["first"]["items"][0]
    item["body"][0]["value"] = "clip \x1b]52;c;cm0gLXJmIH4=\x07 \u202eevil \x9b2J"
    item["body"].append({"type": "TextualBody", "purpose": "tagging", "value": "t\x1b[31mred"})
    item["modified"] = "2099-01-01T00:00:00.000Z"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    result = reader("import", str(hostile), "--db", str(db))
    err = no_traceback(result)
    assert result.returncode == 0, err
    assert "1 note had control characters or escape sequences, removed on import" in err
    stored = json.loads(reader("notes", "--json", "--db", str(db)).stdout)["annotations"][0]
    assert stored["note"] == "clip  evil " and stored["tags"] == ["tred"]
