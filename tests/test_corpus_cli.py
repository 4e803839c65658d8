"""``reader list`` / ``show`` / ``index``: the JSON contract and error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    (root / "栏目").mkdir(parents=True)
    (root / "栏目" / "a.txt").write_text("第一篇标题\n\n本报记者 林晓峰 报道\n\n正文第一段。\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: 第二篇\ndate: 2024-03-01\nauthor: 程雨桐\n---\n\n正文。\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"")
    return root


def test_list_json_contract(runner: CliRunner, corpus_dir: Path) -> None:
    result = runner.invoke(cli, ["list", "-c", str(corpus_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"corpus", "documents", "errors"}
    assert data["corpus"] == str(corpus_dir)
    docs = data["documents"]
    assert [d["title"] for d in docs] == ["第二篇", "第一篇标题"]  # reading order: b.md, then 栏目/a.txt
    for d in docs:
        assert set(d) == {"id", "file", "section", "title", "authors", "date", "chars"}
        assert isinstance(d["authors"], list) and isinstance(d["chars"], int) and d["chars"] > 0
    assert docs[0]["date"] == "2024-03-01" and docs[0]["authors"] == ["程雨桐"]
    assert docs[1]["section"] == "栏目" and docs[1]["authors"] == ["林晓峰"]
    assert data["errors"] == [{"file": "bad.txt", "error": "empty file"}]


def test_list_json_is_the_same_warm(runner: CliRunner, corpus_dir: Path) -> None:
    cold = runner.invoke(cli, ["list", "-c", str(corpus_dir), "--json"]).output
    warm = runner.invoke(cli, ["list", "-c", str(corpus_dir), "--json"]).output
    assert cold == warm


def test_show_json_contract(runner: CliRunner, corpus_dir: Path) -> None:
    listing = json.loads(runner.invoke(cli, ["list", "-c", str(corpus_dir), "--json"]).output)
    doc_id = listing["documents"][1]["id"]
    result = runner.invoke(cli, ["show", doc_id, "-c", str(corpus_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"id", "file", "section", "title", "authors", "date", "source", "blocks"} <= set(data)
    assert data["id"] == doc_id and data["file"] == "栏目/a.txt"
    assert [b["type"] for b in data["blocks"]] == ["title", "byline", "paragraph"]
    for b in data["blocks"]:
        assert set(b) >= {"type", "text", "start", "end"} and b["end"] - b["start"] == len(b["text"])


def test_show_by_unique_prefix_and_human_output(runner: CliRunner, corpus_dir: Path) -> None:
    listing = json.loads(runner.invoke(cli, ["list", "-c", str(corpus_dir), "--json"]).output)
    doc_id = listing["documents"][0]["id"]
    result = runner.invoke(cli, ["show", doc_id[:6], "-c", str(corpus_dir)])
    assert result.exit_code == 0 and "正文。" in result.output


def test_show_unknown_id_fails_with_one_line(runner: CliRunner, corpus_dir: Path) -> None:
    result = runner.invoke(cli, ["show", "nope", "-c", str(corpus_dir)])
    assert result.exit_code != 0
    assert "no document with id 'nope'" in result.output
    assert "Traceback" not in result.output


def test_bad_corpus_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["list", "-c", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "no such file or folder" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_list_human_tree(runner: CliRunner, corpus_dir: Path) -> None:
    result = runner.invoke(cli, ["list", "-c", str(corpus_dir)])
    assert result.exit_code == 0
    for text in ("栏目", "第一篇标题", "林晓峰", "errors", "bad.txt", "empty file"):
        assert text in result.output


def test_index_counts(runner: CliRunner, corpus_dir: Path) -> None:
    result = runner.invoke(cli, ["index", "-c", str(corpus_dir)])
    assert result.exit_code == 0
    assert "indexed 2 documents in 2 sections" in result.output
    assert "bad.txt" in result.output
    data = json.loads(runner.invoke(cli, ["index", "-c", str(corpus_dir), "--json"]).output)
    assert data["documents"] == 2 and data["errors"][0]["file"] == "bad.txt"


def test_default_corpus_is_the_samples(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(cli, ["list", "--json"]).output)
    assert data["errors"] == [] and len(data["documents"]) >= 10
    assert any(d["file"].endswith(".html") for d in data["documents"])


def test_show_gives_pdf_pages(runner: CliRunner, tmp_path: Path) -> None:
    import format_fixtures as fx

    root = tmp_path / "pdf"
    root.mkdir()
    (root / "paper.pdf").write_bytes(fx.pdf_bytes(fx.newspaper_pdf, 2))
    (root / "note.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    listing = json.loads(runner.invoke(cli, ["list", "-c", str(root), "--json"]).output)
    by_file = {d["file"]: d["id"] for d in listing["documents"]}
    assert not listing["errors"]
    second = [d["id"] for d in listing["documents"] if d["file"] == "paper.pdf"][1]  # runs from page 1 onto 2
    data = json.loads(runner.invoke(cli, ["show", second, "-c", str(root), "--json"]).output)
    assert [b["page"] for b in data["blocks"]][0] == 1 and data["blocks"][-1]["page"] == 2
    text = json.loads(runner.invoke(cli, ["show", by_file["note.txt"], "-c", str(root), "--json"]).output)
    assert {b["page"] for b in text["blocks"]} == {None}  # unpaged sources
    # The paragraph running on from page 1 to page 2 is one block; its turns say where page 2 starts.
    ((turn, page),) = [b["turns"][0] for b in data["blocks"] if b["turns"]]
    running = next(b for b in data["blocks"] if b["turns"])
    assert page == 2 and running["page"] == 1 and running["start"] < turn < running["end"]
    assert all(len(b["turns"]) == 0 for b in data["blocks"] if b is not running)
    human = runner.invoke(cli, ["show", second, "-c", str(root)]).output
    assert "— p. 1 —" in human and "— pp. 1–2 —" in human
    assert human.index("— pp. 1–2 —") < human.index(running["text"][:10]) and "— p. 2 —" not in human
