"""Settings files the user names are untrusted too: special files, huge values, deep nesting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bounded import no_traceback, python, reader

pytestmark = pytest.mark.timeout(180)


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_user_dictionary_that_is_not_a_regular_file_is_a_warning(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        special = str(tmp_path / "words.fifo")
        os.mkfifo(special)  # no writer: reading it would block forever
    code = (
        "from pathlib import Path\n"
        "from corpus.text.userdict import user_words\n"
        f"words, warnings = user_words(Path({special!r}))\n"
        "print(len(words)); print(warnings[0])\n"
    )
    result = python(code, timeout=30, mem_mb=800)
    no_traceback(result)
    count, warning = result.stdout.decode().splitlines()
    assert count == "0" and "not a regular file" in warning


def test_a_huge_user_dictionary_is_refused_with_the_limit_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.text.userdict import user_words

    words = tmp_path / "words.txt"
    words.write_text("跨境电商\n" * 100_000, encoding="utf-8")  # ~1.3 MB
    monkeypatch.setenv("READER_MAX_FILE_MB", "1")
    found, warnings = user_words(words)
    assert found == [] and "READER_MAX_FILE_MB" in warnings[0]


def test_keywords_with_dev_zero_as_the_configured_dictionary(tmp_path: Path) -> None:
    config = Path(os.environ["READER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('user_dictionary = "/dev/zero"\n', encoding="utf-8")
    result = reader("keywords", "c02e2b4e-01", "--top", "3", timeout=90, mem_mb=1500)
    err = no_traceback(result)
    assert result.returncode == 0 and "not a regular file" in err


def _config(text: str | bytes) -> Path:
    config = Path(os.environ["READER_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    config.write_bytes(text)
    return config


@pytest.mark.parametrize(
    "content, words",
    [
        (b'theme = "' + b"x" * 60_000_000 + b'"\n', "too large"),  # a 60 MB theme
        (b'theme = "' + b"x" * 500_000 + b'"\n', "must be a theme name"),  # within the size limit, still no name
        (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
        (b"[keywords]\ncount = " + b"9" * 5000 + b"\n", "using defaults"),
    ],
    ids=["60MB-theme", "500KB-theme", "5000-nested", "5000-digits"],
)
@pytest.mark.parametrize("command", [["config", "show"], ["keywords", "c02e2b4e-01", "--top", "2"]],
                         ids=["config-show", "keywords"])
def test_a_hostile_config_is_one_warning_and_defaults(content: bytes, words: str, command: list[str]) -> None:
    _config(content)
    result = reader(*command, timeout=60, mem_mb=1500)
    err = no_traceback(result)
    assert result.returncode == 0, err
    warnings = [line for line in err.splitlines() if "config" in line]
    assert len(warnings) == 1 and words in warnings[0] and len(warnings[0]) < 400, err


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_glossary_that_is_not_a_regular_file_is_one_line_not_a_hang(tmp_path: Path, special: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    glossary = data / "glossary.json"
    if special == "fifo":
        os.mkfifo(glossary)  # no writer: reading it would block forever
    else:
        glossary.symlink_to(special)
    result = reader("glossary", "list", env={"READER_DATA_DIR": str(data)}, timeout=60, mem_mb=1500)
    err = no_traceback(result)
    assert "not a regular file" in err and len(err.strip().splitlines()) == 1, err
    assert glossary.is_symlink() or glossary.is_fifo()  # left as it was
