"""The CLI's shape: every command is a module-level click command, added to ``reader`` by name,
and the store opens the same way (one error line) for every command."""

from __future__ import annotations

import importlib
import json
import re
import pkgutil
from pathlib import Path

import click
from click.testing import CliRunner

import reader.cli
from reader.cli import COMMANDS, cli
from reader.cli.corpus_cmds import list_cmd
from reader.cli.notes_cmds import notes_cmd


def test_every_command_module_command_is_registered() -> None:
    """A command defined in a ``*_cmds`` module but not listed in COMMANDS would silently vanish."""
    defined = set()
    for info in pkgutil.iter_modules(reader.cli.__path__):
        if not info.name.endswith("_cmds"):
            continue
        module = importlib.import_module(f"reader.cli.{info.name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and getattr(value.callback, "__module__", None) == module.__name__:
                defined.add(value)
    top_level = {c for c in defined if not any(c in getattr(g, "commands", {}).values() for g in defined)}
    assert top_level == set(COMMANDS)
    assert set(cli.commands.values()) == set(COMMANDS)


def test_a_command_runs_on_its_own(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(list_cmd, ["-c", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert [d["title"] for d in json.loads(result.output)["documents"]] == ["标题"]


def test_a_damaged_database_is_the_same_line_for_every_writing_command(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    db.write_text("{ not json", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    messages = set()
    for args in (["note", "rm", "abc"], ["tags", "rename", "a", "b"], ["import", str(empty)]):
        result = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        # The message, with the backup's timestamped name taken out.
        messages.add(re.sub(r"; a copy was kept at \S+", "", result.output))
    assert len(messages) == 1, messages
    assert "reader doctor --repair" in messages.pop()


def test_notes_command_alone_reads_the_given_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(notes_cmd, ["--db", str(tmp_path / "none.json"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["count"] == 0
