"""Output: nothing from data drives the terminal, and a failed write to stdout is one honest line."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bounded import no_traceback, reader

pytestmark = pytest.mark.timeout(300)

EVIL_NOTE = (
    "evil \x1b]52;c;cm0gLXJmIH4=\x07 osc8 \x9d52;c;xx\x9c csi \x1b[2J c1 \x9b31m "
    "nul \x00 bidi \u202egnp.exe\u202c end"
)
EVIL_TAG = "t\x1b[31mred\u202e"
# Bytes a terminal acts on: C0 (tab, newline kept; CR only where the format needs it), DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _unsafe(out: bytes) -> list[str]:
    return UNSAFE.findall(out.decode("utf-8"))


@pytest.fixture
def evil_note() -> str:
    """A note with every kind of escape in its text and tag, added from the command line."""
    result = reader("note", "add", "c02e2b4e-02", "--quote", "社区食堂", "--occurrence", "1",
                    "--note", EVIL_NOTE.replace("\x00", ""), "--tag", EVIL_TAG)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode().strip()


@pytest.mark.parametrize(
    "args",
    [
        ["notes"],
        ["note", "show", "{id}"],
        ["tags"],
        ["export"],
        ["export", "-f", "inline"],
        ["export", "-f", "html"],
        ["export", "-f", "csv"],
        ["export", "-f", "json"],
        ["notes", "--json"],
        ["note", "show", "{id}", "--json"],
        ["tags", "--json"],
    ],
)
def test_notes_and_tags_never_print_escapes(evil_note: str, args: list[str]) -> None:
    result = reader(*[a.format(id=evil_note) for a in args])
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert _unsafe(result.stdout) == []
    text = result.stdout.decode()
    assert "52;c;" not in text.replace("\\u001b]52;c;", "").replace("\\u009d52;c;", "")  # no debris outside JSON


def test_the_stored_note_stays_as_the_user_wrote_it(evil_note: str) -> None:
    result = reader("note", "show", evil_note, "--json")
    data = json.loads(result.stdout)  # escaped in the JSON text, the same characters once parsed
    assert data["note"] == EVIL_NOTE.replace("\x00", "")


@pytest.mark.parametrize(
    "args",
    [["list"], ["index"], ["list", "--json"], ["show", "c02e2b4e-02"], ["notes"], ["tags"], ["note", "show", "{id}"],
     ["export"], ["export", "-f", "json"], ["keywords", "c02e2b4e-02"]],
)
def test_a_full_disk_on_stdout_is_one_line_that_blames_stdout(evil_note: str, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = reader(*[a.format(id=evil_note) for a in args], stdout=full)
    err = no_traceback(result)
    assert result.returncode == 1
    assert err.strip().splitlines() == ["reader: cannot write to standard output: No space left on device"]


def test_a_closed_pipe_is_quiet(evil_note: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `reader list | head -0`: nobody reads
    try:
        with os.fdopen(write_end, "wb") as pipe:
            result = reader("list", stdout=pipe)
    finally:
        pass
    assert no_traceback(result) == ""
    assert result.returncode == 141


def test_config_show_prints_no_escapes_and_warns_about_an_unknown_theme(tmp_path: Path) -> None:
    config = Path(os.environ["READER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('theme = "nope"\n[watch]\n"\\u001b]0;PWNED\\u0007词" = "\\u001b[2Jred"\n'
                      '[keymap]\n"\\u009d52;c;xx\\u009c" = ""\n', encoding="utf-8")
    result = reader("config", "show")
    err = no_traceback(result)
    assert _unsafe(result.stdout) == [] and _unsafe(result.stderr) == []
    assert "unknown theme 'nope'" in err
    config.write_text('theme = "\\u001b]0;PWNED\\u0007"\n', encoding="utf-8")
    result = reader("config", "show")
    assert _unsafe(result.stdout) == [] and _unsafe(result.stderr) == []
    assert "must be a theme name" in no_traceback(result)


LINKS = "[x](javascript:alert(1)) [y](JaVa\\Script:alert(2)) ![i](http://evil.example/pixel.png) [ok](https://example.com)"


@pytest.mark.parametrize("fmt", ["md", "inline", "html"])
def test_javascript_links_and_remote_images_in_notes_are_not_live(fmt: str) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    added = reader("note", "add", "c02e2b4e-02", "--quote", "社区食堂", "--occurrence", "1", "--note", LINKS)
    assert added.returncode == 0, added.stderr
    out = reader("export", "-f", fmt).stdout.decode()
    html = out if fmt == "html" else MarkdownIt("commonmark").use(footnote_plugin).render(out)
    assert "<img" not in html
    assert not re.search(r'href="(?!https://example\.com|#)', html), html
    if fmt != "html":
        assert '<a href="https://example.com">ok</a>' in html  # safe links stay links
