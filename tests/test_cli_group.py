"""`reader` as a normal click group: typos, help, completion, options before the command, PATH,
a broken pipe, and the app refusing to start without a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from reader.cli import COMMANDS, EXIT_BROKEN_PIPE, app_cmds, cli, summary

#: The real entry point in a child process (what a shell runs).
READER = [sys.executable, "-c", "from reader.cli import main; main()"]


def invoke(*args: str, **kwargs: object) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="reader", **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("第一篇\n\n老人们吃上了热乎饭。\n", encoding="utf-8")
    return root


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The app replaced by a recorder, with a terminal: what would it have been started with?"""
    from reader import app as app_module

    started: list[dict[str, object]] = []

    class FakeApp:
        def __init__(self, corpus_path: Path | None, db_path: Path | None, config_path: Path | None) -> None:
            started.append({"corpus": corpus_path, "db": db_path, "config": config_path})

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "ReaderApp", FakeApp)
    monkeypatch.setattr(app_cmds, "has_terminal", lambda: True)
    return started


# --- typos and unknown words -------------------------------------------------------------


def test_a_typo_of_a_command_suggests_it() -> None:
    result = invoke("lsit")
    assert result.exit_code == 2
    assert 'did you mean "list"?' in result.stderr
    assert "no such file" not in result.stderr


def test_a_word_that_is_neither_command_nor_file_says_so() -> None:
    result = invoke("zzzqqq")
    assert result.exit_code == 2
    assert 'no such command or file "zzzqqq"' in result.stderr and "reader ./zzzqqq" in result.stderr


def test_an_unknown_option_is_reported_by_the_group_not_the_hidden_open() -> None:
    result = invoke("--bogus")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "--bogus" in result.stderr
    assert "open" not in result.stderr


def test_a_typo_in_a_subgroup_suggests_too() -> None:
    result = invoke("note", "shwo", "x")
    assert result.exit_code == 2 and "No such command" in result.stderr


# --- reader PATH and reader alone ---------------------------------------------------------


def test_reader_alone_and_reader_path_open_the_app(fake_app: list[dict[str, object]], corpus: Path) -> None:
    assert invoke().exit_code == 0
    assert invoke(str(corpus)).exit_code == 0
    db = corpus.parent / "mine.json"
    assert invoke("--db", str(db), str(corpus)).exit_code == 0
    assert invoke(str(corpus), "--db", str(db)).exit_code == 0
    assert fake_app == [
        {"corpus": None, "db": None, "config": None},
        {"corpus": corpus, "db": None, "config": None},
        {"corpus": corpus, "db": db, "config": None},
        {"corpus": corpus, "db": db, "config": None},
    ]


def test_a_path_shaped_word_that_does_not_exist_is_a_missing_file(fake_app: list[dict[str, object]]) -> None:
    for word in ("./nowhere", "nowhere.txt", "some/where"):
        result = invoke(word)
        assert result.exit_code == 1 and f"no such file or folder: {Path(word)}" in result.stderr
    assert fake_app == []


def test_an_existing_file_opens_even_without_a_path_shape(
    fake_app: list[dict[str, object]], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus.parent)
    assert invoke("corpus").exit_code == 0
    assert fake_app == [{"corpus": Path("corpus"), "db": None, "config": None}]


def test_a_command_name_wins_over_a_file_of_that_name(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    (corpus / "list").write_text("正文\n", encoding="utf-8")
    result = invoke("list", "--json", "-c", str(corpus))
    assert result.exit_code == 0 and "documents" in json.loads(result.stdout)


# --- help -------------------------------------------------------------------------------


def test_group_help_shows_the_options_that_apply_to_every_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("--db", "--config", "--color", "--no-color", "--no-pager", "--version"):
        assert option in result.stdout
    assert "[PATH | COMMAND [ARGS]...]" in result.stdout


def _all_commands() -> list[tuple[list[str], click.Command]]:
    found: list[tuple[list[str], click.Command]] = []

    def walk(path: list[str], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk([*path, name], sub)

    for command in COMMANDS:
        walk([command.name or ""], command)
    return found


def test_every_summary_in_help_is_the_whole_first_paragraph() -> None:
    """click cuts a long first sentence with "..."; every listed summary must be complete."""
    groups = [([], cli)] + [(p, c) for p, c in _all_commands() if isinstance(c, click.Group)]
    for path, group in groups:
        listing = " ".join(invoke(*path, "--help").stdout.split())
        assert "..." not in listing.split("Commands:", 1)[-1], (path, listing)
        assert isinstance(group, click.Group)
        for name, sub in group.commands.items():
            if sub.hidden:
                continue
            text = summary(sub)
            assert text and "\n" not in text, (path, name)
            assert f"{name} {text}" in listing, (path, name, listing)


def test_every_command_takes_the_output_options() -> None:
    for path, command in _all_commands():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--color", "--no-color"} <= opts, path


# --- options before the command ----------------------------------------------------------


def test_db_before_the_command_is_the_commands_database(corpus: Path, tmp_path: Path) -> None:
    mine = tmp_path / "elsewhere.json"
    doc = json.loads(invoke("list", "-c", str(corpus), "--json").stdout)["documents"][0]["id"]
    added = invoke("--db", str(mine), "note", "add", doc, "-c", str(corpus), "--quote", "热乎饭")
    assert added.exit_code == 0, added.output
    assert json.loads(invoke("--db", str(mine), "notes", "--json").stdout)["count"] == 1
    assert json.loads(invoke("notes", "--json").stdout)["count"] == 0  # the default one is untouched
    # The command's own --db wins over the one before it.
    assert json.loads(invoke("--db", str(mine), "notes", "--db", str(tmp_path / "x.json"), "--json").stdout)[
        "count"
    ] == 0


def test_config_before_the_command_is_the_commands_config(tmp_path: Path) -> None:
    mine = tmp_path / "my.toml"
    assert invoke("--config", str(mine), "config", "path").stdout.strip() == str(mine)
    assert invoke("--config", str(mine), "config", "init").exit_code == 0
    assert mine.is_file()
    mine.write_text('theme = "gruvbox"\n', encoding="utf-8")
    assert json.loads(invoke("--config", str(mine), "config", "show", "--json").stdout)["theme"] == "gruvbox"
    assert invoke("config", "path").stdout.strip() != str(mine)  # only for that run


# --- completion ---------------------------------------------------------------------------


def complete(words: str) -> list[tuple[str, str]]:
    """click's bash protocol: COMP_WORDS/COMP_CWORD in, "type,value" lines out."""
    cword = len(words.split(" ")) - 1
    result = invoke(env={"_READER_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert result.exit_code == 0, result.output
    return [tuple(line.split(",", 1)) for line in result.stdout.splitlines()]  # type: ignore[misc]


def test_completion_offers_the_commands() -> None:
    visible = {name for name, c in cli.commands.items() if not c.hidden}
    offered = complete("reader ")
    assert {value for kind, value in offered if kind == "plain"} == visible
    assert "open" not in visible
    assert complete("reader li") == [("plain", "list")]
    assert ("plain", "tags") in complete("reader ta")


def test_completion_offers_files_where_a_path_may_go() -> None:
    assert complete("reader ./co") == [("file", "./co")]
    assert complete("reader zzz") == [("file", "zzz")]


def test_completion_inside_commands_and_of_group_options() -> None:
    assert ("plain", "--highlight") in complete("reader notes --hi")
    assert {v for _k, v in complete("reader --color ")} == {"auto", "always", "never"}
    assert {v for _k, v in complete("reader note ")} >= {"add", "edit", "show", "rm"}


def test_completion_script_for_each_shell() -> None:
    for shell in ("bash", "zsh", "fish"):
        result = invoke(env={"_READER_COMPLETE": f"{shell}_source"})
        assert result.exit_code == 0 and "_READER_COMPLETE" in result.stdout, shell


def test_completion_through_the_real_entry_point() -> None:
    env = {**os.environ, "_READER_COMPLETE": "bash_complete", "COMP_WORDS": "reader no", "COMP_CWORD": "1"}
    out = subprocess.run([*READER], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["plain,note", "plain,notes"]


# --- a broken pipe and no terminal ------------------------------------------------------


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["notes"], ["show", "--no-pager", "x"]])
def test_a_broken_pipe_exits_141_quietly(args: list[str], corpus: Path) -> None:
    """`reader list | head`: the reader of our output went away before we wrote; like git, no message."""
    if args[0] == "show":
        doc = json.loads(invoke("list", "-c", str(corpus), "--json").stdout)["documents"][0]["id"]
        args = [*args[:-1], doc]
    proc = subprocess.Popen([*READER, *args, "-c", str(corpus)] if args[0] != "notes" else [*READER, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the child has even finished importing: its first write fails
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_BROKEN_PIPE, err
    assert err == ""


def test_the_app_without_a_terminal_refuses_in_one_line(tmp_path: Path) -> None:
    out = subprocess.run(READER, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "needs a terminal" in out.stderr


def test_the_app_without_a_terminal_in_process(corpus: Path) -> None:
    result = invoke(str(corpus))
    assert result.exit_code == 2 and "needs a terminal" in result.stderr
