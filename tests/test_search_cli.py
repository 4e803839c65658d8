"""`reader search` with the query language and `reader index` building the search index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import load_corpus
from index_fixtures import write_corpus
from reader.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "docs")


def test_index_builds_the_search_index_then_only_changes(root: Path) -> None:
    code, out, err = run("index", "-c", str(root), "--json")
    assert code == 0, err
    first = json.loads(out)["search_index"]
    assert first["indexed_files"] == 5 and first["rebuilt"]
    code, out, err = run("index", "-c", str(root), "--json")
    assert json.loads(out)["search_index"] == {"indexed_files": 0, "up_to_date": True}
    (root / "地方/ningbo.txt").write_text("宁波\n\n数字人民币试点。\n", encoding="utf-8")
    code, out, err = run("index", "-c", str(root))
    assert code == 0, err
    assert "search index: 1 file indexed, 0 removed, 4 unchanged" in out


def test_search_json_keeps_its_shape_and_adds_documents(root: Path) -> None:
    code, out, err = run("search", "跨境电商 NEAR/5 海外仓", "-c", str(root), "--json", "--sort", "order")
    assert code == 0, err
    data = json.loads(out)
    assert data["query"] == "跨境电商 NEAR/5 海外仓" and data["sort"] == "order"
    docs = {d.id: d for d in load_corpus(root).documents}
    assert data["total_docs"] == len(data["documents"]) == 3
    assert data["total_hits"] == len(data["hits"]) == sum(d["count"] for d in data["documents"])
    for hit in data["hits"]:
        assert set(hit) == {"id", "title", "start", "end", "snippet"}
        assert docs[hit["id"]].text[hit["start"] : hit["end"]] in ("跨境电商", "跨境電商", "海外仓", "海外倉")
    assert [d["id"] for d in data["documents"]] == [d.id for d in docs.values() if d.id in {x["id"] for x in data["documents"]}]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("储能 -外贸", set()),
        ("title:储能 OR section:地方", {"新型储能产业快速发展", "杭州跨境電商", "宁波外贸稳中有进"}),
        ('"综合 试验区" date:2022', {"综合 试验区 年度报告"}),
        ("author:王 跨境", {"跨境电商综试区建设提速"}),
    ],
)
def test_search_query_forms(root: Path, query: str, titles: set[str]) -> None:
    code, out, err = run("search", query, "-c", str(root), "--json")
    assert code == 0, err
    assert {d["title"] for d in json.loads(out)["documents"]} == titles


def test_search_limit_sort_and_human_output(root: Path) -> None:
    code, out, err = run("search", "跨境电商", "-c", str(root), "--json", "--limit", "2")
    assert code == 0, err
    assert len(json.loads(out)["hits"]) == 2
    code, out, err = run("search", "跨境电商", "-c", str(root), "--sort", "date")
    assert code == 0, err
    assert "hits for 跨境电商 in 4 documents (sorted by date)" in out
    assert out.index("综合 试验区 年度报告") < out.index("跨境电商综试区建设提速")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("跨境电商 (海外仓", "unbalanced parenthesis at 5"),
        ('"综合', "unterminated quote at 0"),
        ("a OR", "OR needs a term on each side at 2"),
        ("date:2023-13", "bad date '2023-13' at 5"),
    ],
)
def test_malformed_query_is_one_line_error(root: Path, query: str, message: str) -> None:
    code, out, err = run("search", query, "-c", str(root))
    assert code != 0 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
