"""The TOML config: defaults, validation with clear messages, comment-preserving writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from corpus.paths import config_path
from reader.config import Config, ConfigError, load_config, remove_watch_word, save_theme, save_watch_word


def write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_path_follows_env(tmp_path: Path) -> None:
    assert config_path() == Path(os.environ["READER_CONFIG"])


def test_missing_file_gives_defaults_without_warnings() -> None:
    config, warnings = load_config()
    assert warnings == []
    assert (config.theme, config.keyword_count, config.keyword_method, config.watch, config.keymap) == (
        None, 10, "tfidf", {}, {})


def test_full_config_is_read() -> None:
    write(
        'theme = "gruvbox"\nuser_dictionary = "~/words.txt"\n'
        '[keywords]\ncount = 7\nmethod = "textrank"\n'
        '[keymap]\n"app.quit" = "q,ctrl+q"\n"main.stats" = ["s", "f5"]\n'
        '[watch]\n"跨境电商" = "red"\n"新质生产力" = "green"\n'
    )
    config, warnings = load_config()
    assert warnings == []
    assert config.theme == "gruvbox"
    assert config.keyword_count == 7 and config.keyword_method == "textrank"
    assert config.keymap == {"app.quit": "q,ctrl+q", "main.stats": "s,f5"}
    assert config.watch == {"跨境电商": "red", "新质生产力": "green"}
    assert config.user_dictionary == Path("~/words.txt").expanduser()


@pytest.mark.parametrize(
    "text, line",
    [
        ('theme = "x"\n[keywords]\ncount = = 3\n', "line 3"),
        ('[watch]\n"跨境电商" = red\n', "line 2"),
        ('theme = "a"\ntheme = "b"\n', "line 2"),
    ],
)
def test_broken_toml_names_the_line_and_falls_back(text: str, line: str) -> None:
    write(text)
    config, warnings = load_config()
    assert len(warnings) == 1 and line in warnings[0] and "using defaults" in warnings[0]
    assert config == Config(path=config_path())


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[keywords]\ncount = -1\n", "keywords.count"),
        ("[keywords]\ncount = true\n", "keywords.count"),
        ('[keywords]\nmethod = "bm25"\n', "keywords.method"),
        ("theme = 3\n", "theme"),
        ('[keymap]\n"app.quit" = 3\n', "keymap.app.quit"),
        ('[watch]\n"词" = 1\n', "watch.词"),
        ('colour = "red"\n', "colour: unknown setting"),
        ('watch = "跨境电商"\n', "watch: must be a table"),
    ],
)
def test_bad_values_are_reported_and_ignored(text: str, fragment: str) -> None:
    write(text)
    config, warnings = load_config()
    assert len(warnings) == 1 and fragment in warnings[0], warnings
    assert config.keyword_count == 10 and config.keyword_method == "tfidf"


def test_not_utf8_is_reported() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes('theme = "红"\n'.encode("gb18030"))
    _, warnings = load_config()
    assert warnings and "UTF-8" in warnings[0]


def test_save_watch_word_keeps_comments_and_order() -> None:
    path = write("# my reader settings\ntheme = \"nord\"  # dark\n\n[keywords]\ncount = 5\n")
    save_watch_word("跨境电商", "red")
    save_watch_word("綜試區", "green")
    save_watch_word("跨境电商", "blue")  # recolour
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my reader settings\ntheme = \"nord\"  # dark\n")
    config, warnings = load_config()
    assert warnings == []
    assert config.watch == {"跨境电商": "blue", "綜試區": "green"}
    assert config.keyword_count == 5
    assert remove_watch_word("綜試區") is True
    assert remove_watch_word("不存在") is False
    assert load_config()[0].watch == {"跨境电商": "blue"}
    assert not list(path.parent.glob("*.tmp"))


def test_save_theme_into_file_with_tables() -> None:
    write("[watch]\n\"词语\" = \"red\"\n")
    save_theme("gruvbox")
    config, warnings = load_config()
    assert warnings == [] and config.theme == "gruvbox" and config.watch == {"词语": "red"}


def test_saving_refuses_to_overwrite_a_broken_file() -> None:
    path = write("[watch\n")
    with pytest.raises(ConfigError):
        save_watch_word("词语")
    assert path.read_text(encoding="utf-8") == "[watch\n"


def test_cli_config_path_and_show() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["config", "path"])
    assert result.exit_code == 0 and result.output.strip() == str(config_path())
    result = runner.invoke(cli, ["config", "path", "--json"])
    assert json.loads(result.output) == {"path": str(config_path()), "exists": False}
    write("[keywords]\ncount = 4\n[watch]\n\"跨境电商\" = \"red\"\n")
    result = runner.invoke(cli, ["config", "show", "--json"])
    data = json.loads(result.output)
    assert data["keywords"] == {"count": 4, "method": "tfidf"} and data["watch"] == {"跨境电商": "red"}
    assert data["warnings"] == []


def test_cli_config_init_writes_a_valid_example_once() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["config", "init"])
    assert result.exit_code == 0 and result.output.strip() == str(config_path())
    config, warnings = load_config()
    assert warnings == [] and config.keyword_count == 10 and config.watch == {}
    again = runner.invoke(cli, ["config", "init"])
    assert again.exit_code != 0 and "already exists" in again.output
    # The example takes watch words from the app without losing its comments.
    save_watch_word("跨境电商")
    text = config_path().read_text(encoding="utf-8")
    assert "# reader configuration" in text and load_config()[0].watch == {"跨境电商": "red"}


def test_open_with_a_config_passes_it_on_as_a_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`reader --config FILE`: the app gets FILE and the words file beside it; the environment is left alone."""
    from corpus.text import userdict
    from reader import app as app_module
    from reader.cli import app_cmds

    started: list[tuple[Path | None, Path]] = []

    class FakeApp:
        def __init__(self, corpus_path: Path | None, db_path: Path | None, config_path: Path | None) -> None:
            started.append((config_path, userdict.user_dict_path()))

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "ReaderApp", FakeApp)
    monkeypatch.setattr(app_cmds, "has_terminal", lambda: True)
    monkeypatch.delenv("READER_WORDS", raising=False)
    before = dict(os.environ)
    mine = tmp_path / "elsewhere" / "my.toml"
    for args in (["--config", str(mine), str(tmp_path)], [str(tmp_path), "--config", str(mine)]):
        started.clear()
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert started == [(mine, mine.parent / "words.txt")]
        assert dict(os.environ) == before
        # Only for that run: the next command reads the usual words file again.
        assert userdict.user_dict_path() == config_path().parent / "words.txt"
