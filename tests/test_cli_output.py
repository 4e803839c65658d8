"""How the CLI writes: colour (--color, --no-color, NO_COLOR), no wrapping into pipes, the pager,
the editor for notes, the renamed highlight option, and the small things (plurals, headers,
an empty export)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from annotations.store import AnnotationStore
from reader.cli import cli

READER = [sys.executable, "-c", "from reader.cli import main; main()"]
#: An SGR sequence that sets a foreground or background colour (bold, dim, reverse are not colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
LONG = "老人们吃上了热乎饭，" * 40 + "大家都很满意。"  # one paragraph of 407 characters


def invoke(*args: str, **kwargs: object) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="reader", **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "民生").mkdir(parents=True)
    (root / "民生" / "食堂.txt").write_text(f"社区食堂要办得长久\n\n{LONG}\n\n成本高、客流少。\n", encoding="utf-8")
    return root


@pytest.fixture
def doc(corpus: Path) -> str:
    return str(json.loads(invoke("list", "-c", str(corpus), "--json").stdout)["documents"][0]["id"])


def run_in_pty(args: list[str], env: dict[str, str], timeout: float = 120) -> tuple[int, str, str]:
    """Run with stdin and stdout on a 100-column terminal (stderr piped); status, terminal text, stderr."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child side closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    return proc.wait(timeout=10), b"".join(chunks).decode("utf-8", "replace"), err


def terminal_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER", "READER_PAGER")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", **extra}


# --- colour -------------------------------------------------------------------------------


def test_colour_on_a_terminal_and_no_color_there(corpus: Path) -> None:
    args = [*READER, "list", "-c", str(corpus)]
    status, out, err = run_in_pty(args, terminal_env())
    assert status == 0, err
    assert COLOUR.search(out), repr(out)
    status, out, _ = run_in_pty(args, terminal_env(NO_COLOR="1"))
    assert status == 0 and "食堂" in out
    assert not COLOUR.search(out), repr(out)
    for flags in (["--no-color"], ["--color", "never"], ["--color=never"]):
        status, out, _ = run_in_pty([*READER, *flags, "list", "-c", str(corpus)], terminal_env())
        assert status == 0 and "食堂" in out and "\x1b[" not in out, (flags, repr(out))
        status, out, _ = run_in_pty([*args, *flags], terminal_env())  # after the command too
        assert status == 0 and "食堂" in out and "\x1b[" not in out, (flags, repr(out))


def test_always_colours_a_pipe_and_beats_no_color(corpus: Path) -> None:
    assert "\x1b[" not in invoke("list", "-c", str(corpus)).stdout
    assert COLOUR.search(invoke("--color", "always", "list", "-c", str(corpus)).stdout)
    assert COLOUR.search(invoke("list", "-c", str(corpus), "--color=always", env={"NO_COLOR": "1"}).stdout)
    # The last word wins, wherever it was said.
    assert "\x1b[" not in invoke("--color", "always", "list", "-c", str(corpus), "--no-color").stdout


def test_a_bad_colour_mode_is_a_usage_error(corpus: Path) -> None:
    result = invoke("--color", "sometimes", "list")
    assert result.exit_code == 2 and "sometimes" in result.stderr


def test_the_colour_setting_ends_with_the_run(corpus: Path) -> None:
    from reader.cli.corpus_cmds import list_cmd

    assert invoke("--color", "always", "list", "-c", str(corpus)).exit_code == 0
    alone = CliRunner().invoke(list_cmd, ["-c", str(corpus)])
    assert alone.exit_code == 0 and "\x1b[" not in alone.stdout


# --- wrapping -----------------------------------------------------------------------------


def test_show_into_a_pipe_keeps_each_paragraph_on_one_line(corpus: Path, doc: str) -> None:
    result = invoke("show", doc, "-c", str(corpus))
    assert result.exit_code == 0
    assert LONG in result.stdout.splitlines()


def test_a_note_into_a_pipe_is_not_wrapped(corpus: Path, doc: str) -> None:
    nid = invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高", "--note", LONG).stdout.strip()
    assert LONG in invoke("note", "show", nid).stdout.splitlines()


# --- the pager ----------------------------------------------------------------------------


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager command that keeps what it was given in a file."""
    script = tmp_path / "pager.py"
    kept = tmp_path / "paged.txt"
    script.write_text(
        "import os, sys\n"
        "data = sys.stdin.buffer.read()\n"
        "open(sys.argv[1], 'wb').write(data + ('|LESS=' + os.environ.get('LESS', '')).encode())\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script} {kept}", kept


def test_show_on_a_terminal_goes_through_the_pager(corpus: Path, doc: str, pager: tuple[str, Path]) -> None:
    command, kept = pager
    status, out, err = run_in_pty([*READER, "show", doc, "-c", str(corpus)], terminal_env(PAGER=command))
    assert status == 0, err
    paged = kept.read_text(encoding="utf-8")
    assert "社区食堂要办得长久" in paged and "成本高" in paged
    assert paged.endswith("|LESS=FRX")  # git's defaults for less, unless the user set LESS
    assert "成本高" not in out


def test_reader_pager_wins_and_less_settings_are_the_users(corpus: Path, doc: str, pager: tuple[str, Path]) -> None:
    command, kept = pager
    env = terminal_env(PAGER="false", READER_PAGER=command, LESS="-S")
    status, _out, err = run_in_pty([*READER, "show", doc, "-c", str(corpus)], env)
    assert status == 0, err
    assert kept.read_text(encoding="utf-8").endswith("|LESS=-S")


@pytest.mark.parametrize("where", ["after", "before"])
def test_no_pager(corpus: Path, doc: str, pager: tuple[str, Path], where: str) -> None:
    command, kept = pager
    args = ["show", doc, "-c", str(corpus), "--no-pager"] if where == "after" else ["--no-pager", "show", doc,
                                                                                   "-c", str(corpus)]
    status, out, err = run_in_pty([*READER, *args], terminal_env(PAGER=command))
    assert status == 0, err
    assert not kept.exists() and "成本高" in out


@pytest.mark.parametrize("value", ["", "cat"])
def test_an_empty_or_cat_pager_means_none(corpus: Path, doc: str, value: str) -> None:
    status, out, err = run_in_pty([*READER, "show", doc, "-c", str(corpus)], terminal_env(PAGER=value))
    assert status == 0 and "成本高" in out, err


def test_a_missing_pager_prints_directly_with_a_warning(corpus: Path, doc: str) -> None:
    env = terminal_env(PAGER="no-such-pager-anywhere -R")
    status, out, err = run_in_pty([*READER, "show", doc, "-c", str(corpus)], env)
    assert status == 0 and "成本高" in out
    assert "pager 'no-such-pager-anywhere' not found" in err


def test_no_pager_into_a_pipe(corpus: Path, doc: str, pager: tuple[str, Path]) -> None:
    command, kept = pager
    out = subprocess.run([*READER, "show", doc, "-c", str(corpus)], capture_output=True, text=True, timeout=120,
                         env=terminal_env(PAGER=command))
    assert out.returncode == 0 and "成本高" in out.stdout
    assert not kept.exists()


# --- the editor ---------------------------------------------------------------------------


def editor(tmp_path: Path, body: str) -> str:
    """An EDITOR command running ``body`` with ``path`` the file to edit."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n" + body, encoding="utf-8")
    return f"{sys.executable} {script}"


@pytest.fixture
def note(corpus: Path, doc: str) -> str:
    result = invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高", "--note", "旧笔记")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_note_edit_without_options_opens_the_editor(tmp_path: Path, note: str) -> None:
    seen = tmp_path / "seen.txt"
    cmd = editor(tmp_path, f"Path({str(seen)!r}).write_text(path.read_text('utf-8'), 'utf-8')\n"
                           "path.write_text('新的笔记\\n\\n第二段\\n', 'utf-8')\n")
    result = invoke("note", "edit", note[:8], env={"EDITOR": cmd, "VISUAL": ""})
    assert result.exit_code == 0, result.output
    assert seen.read_text(encoding="utf-8") == "旧笔记\n"
    assert AnnotationStore().get(note).note == "新的笔记\n\n第二段"


def test_visual_comes_before_editor(tmp_path: Path, note: str) -> None:
    visual = editor(tmp_path, "path.write_text('视觉', 'utf-8')\n")
    result = invoke("note", "edit", note, env={"VISUAL": visual, "EDITOR": "false"})
    assert result.exit_code == 0, result.output
    assert AnnotationStore().get(note).note == "视觉"


@pytest.mark.parametrize(("body", "message"), [
    ("pass\n", "the note is unchanged; nothing saved"),
    ("path.write_text('  \\n', 'utf-8')\n", "the note is empty; nothing saved"),
])
def test_an_unchanged_or_empty_note_saves_nothing(tmp_path: Path, note: str, body: str, message: str) -> None:
    before = AnnotationStore().get(note)
    result = invoke("note", "edit", note, env={"EDITOR": editor(tmp_path, body), "VISUAL": ""})
    assert result.exit_code == 1 and message in result.stderr
    assert AnnotationStore().get(note) == before


def test_a_failing_editor_saves_nothing_and_keeps_the_text(tmp_path: Path, note: str) -> None:
    cmd = editor(tmp_path, "path.write_text('写了一半', 'utf-8')\nsys.exit(3)\n")
    result = invoke("note", "edit", note, env={"EDITOR": cmd, "VISUAL": ""})
    assert result.exit_code == 1 and "exited with status 3; nothing saved" in result.stderr
    draft = Path(result.stderr.rsplit("your text is in ", 1)[1].strip())
    assert draft.read_text(encoding="utf-8") == "写了一半"
    draft.unlink()
    assert AnnotationStore().get(note).note == "旧笔记"


def test_a_note_changed_meanwhile_is_not_overwritten(tmp_path: Path, note: str) -> None:
    cmd = editor(tmp_path, "from annotations.store import AnnotationStore\n"
                           f"AnnotationStore().update({note!r}, note='别处的修改')\n"
                           "path.write_text('我的修改', 'utf-8')\n")
    result = invoke("note", "edit", note, env={"EDITOR": cmd, "VISUAL": ""})
    assert result.exit_code == 1 and "changed while you were editing" in result.stderr
    draft = Path(result.stderr.rsplit("your text is in ", 1)[1].strip())
    assert draft.read_text(encoding="utf-8") == "我的修改"
    draft.unlink()
    assert AnnotationStore().get(note).note == "别处的修改"


def test_no_editor_and_no_terminal_says_what_to_do(note: str) -> None:
    result = invoke("note", "edit", note, env={"EDITOR": "", "VISUAL": ""})
    assert result.exit_code == 1
    assert "neither VISUAL nor EDITOR is set" in result.stderr and "--note -" in result.stderr


def test_the_drafts_are_removed_after_a_save(tmp_path: Path, note: str, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    monkeypatch.setenv("TMPDIR", str(drafts))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    cmd = editor(tmp_path, "path.write_text('新', 'utf-8')\n")
    assert invoke("note", "edit", note, env={"EDITOR": cmd, "VISUAL": ""}).exit_code == 0
    assert list(drafts.iterdir()) == []


# --- --highlight, the old --color ---------------------------------------------------------


def test_highlight_sets_and_filters_the_colour(corpus: Path, doc: str) -> None:
    a = invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高", "--highlight", "4").stdout.strip()
    b = invoke("note", "add", doc, "-c", str(corpus), "--quote", "客流少").stdout.strip()
    assert AnnotationStore().get(a).color == 4 and AnnotationStore().get(b).color == 1
    listed = json.loads(invoke("notes", "--highlight", "4", "--json").stdout)["annotations"]
    assert [n["id"] for n in listed] == [a]
    assert invoke("note", "edit", b, "--highlight", "6").exit_code == 0
    assert AnnotationStore().get(b).color == 6
    bad = invoke("notes", "--highlight", "7")
    assert bad.exit_code == 2 and "7" in bad.stderr


def test_the_old_color_number_still_works_with_a_warning(corpus: Path, doc: str) -> None:
    added = invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高", "--color", "3")
    assert added.exit_code == 0
    assert "deprecated" in added.stderr and "--highlight" in added.stderr
    nid = added.stdout.strip()
    assert AnnotationStore().get(nid).color == 3
    listed = invoke("notes", "--color", "3", "--json")
    assert json.loads(listed.stdout)["count"] == 1 and "deprecated" in listed.stderr
    assert json.loads(invoke("notes", "--color", "2", "--json").stdout)["count"] == 0
    edited = invoke("note", "edit", nid, "--color", "5")
    assert edited.exit_code == 0 and AnnotationStore().get(nid).color == 5
    # The new name wins when both are given.
    assert invoke("note", "edit", nid, "--color", "2", "--highlight", "4").exit_code == 0
    assert AnnotationStore().get(nid).color == 4


def test_color_on_the_note_commands_also_takes_a_mode(corpus: Path, doc: str) -> None:
    invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高", "--highlight", "2")
    plain = invoke("notes", "--color", "never")
    assert plain.exit_code == 0 and "deprecated" not in plain.stderr and "\x1b[" not in plain.stdout
    assert COLOUR.search(invoke("notes", "--color", "always").stdout)
    assert invoke("notes", "--color", "9").exit_code == 2


# --- the small ones -----------------------------------------------------------------------


def test_counts_are_singular_for_one(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # a terminal's width says nothing about a pipe
    index = invoke("index", "-c", str(corpus)).stdout
    assert "1 document in 1 section" in index and "documents" not in index and "sections" not in index
    listing = invoke("list", "-c", str(corpus)).stdout
    assert listing.splitlines()[0] == f"{corpus} · 1 document"  # a long path is not cut into a pipe either
    search = invoke("search", "客流少", "-c", str(corpus)).stdout
    assert "1 hit for 客流少 in 1 document" in " ".join(search.split())


def test_the_notes_table_names_every_column(corpus: Path, doc: str) -> None:
    invoke("note", "add", doc, "-c", str(corpus), "--quote", "成本高")
    header = re.findall(r"\w+", invoke("notes").stdout.splitlines()[0])
    assert header == ["id", "doc", "quote", "note", "tags", "date", "status"]


@pytest.mark.parametrize("fmt", ["md", "inline"])
def test_an_empty_markdown_export_is_valid_and_says_so(fmt: str) -> None:
    result = invoke("export", "-f", fmt)
    assert result.exit_code == 0
    assert result.stderr.strip() == "no notes"
    front = yaml.safe_load(result.stdout.split("---\n")[1])
    assert "exported" not in front and (front.get("count", front.get("annotations")) == 0)


def test_an_empty_export_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    result = invoke("export", "-f", "json", "-o", str(out), "--tag", "无")
    assert result.exit_code == 0
    assert "no notes match the filters" in result.stderr and "wrote 0 notes" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 0
