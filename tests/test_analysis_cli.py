"""`reader kwic/collocates/ngrams/trend/entities/keyness`: JSON shapes, CSV, errors,
and agreement with `reader search`."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.cli.analysis_cmds import collocates_cmd, entities_cmd, keyness_cmd, kwic_cmd, ngrams_cmd, trend_cmd
from reader.charts import bars, dispersion_text, trend_text


def run(command: click.Command, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(command, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug, not a user error: show it
    return result.exit_code, result.output


def data(command: click.Command, *args: str) -> dict:
    code, out = run(command, *args, "--json")
    assert code == 0, out
    return json.loads(out)


def test_kwic_json_and_agreement_with_search() -> None:
    got = data(kwic_cmd, "跨境电商")
    code, out = run(cli, "search", "跨境电商", "--sort", "order", "--json")
    found = json.loads(out)
    hits = found["hits"]
    assert got["term"] == "跨境电商" and got["total"] == found["total_hits"] == len(hits) == 16
    assert [(ln["id"], ln["start"], ln["end"]) for ln in got["lines"]] == [(h["id"], h["start"], h["end"]) for h in hits]
    show = data(cli, "show", got["lines"][0]["id"])
    text = show["blocks"]  # text[start:end] is the match: check against the block holding it
    ln = got["lines"][0]
    block = next(b for b in text if b["start"] <= ln["start"] and ln["end"] <= b["end"])
    assert block["text"][ln["start"] - block["start"] : ln["end"] - block["start"]] == ln["match"]
    limited = data(kwic_cmd, "跨境电商", "--limit", "3", "--sort", "date")
    assert limited["total"] == 16 and len(limited["lines"]) == 3
    assert [ln["date"] for ln in limited["lines"]] == ["2025-09-16"] * 3


def test_kwic_filters() -> None:
    assert data(kwic_cmd, "跨境电商", "--section", "外贸观察")["total"] == 11
    assert data(kwic_cmd, "跨境电商", "--since", "2026")["total"] == 8
    assert data(kwic_cmd, "跨境電商", "--until", "2025-12")["total"] == 8


def test_collocates_and_ngrams_json() -> None:
    got = data(collocates_cmd, "跨境电商", "--top", "5")
    assert got["term"] == "跨境电商" and len(got["collocates"]) == 5
    assert set(got["collocates"][0]) >= {"word", "freq", "ll", "mi"}
    assert got["collocates"] == sorted(got["collocates"], key=lambda c: -c["ll"])
    by_mi = data(collocates_cmd, "跨境电商", "--measure", "mi", "--min", "3")
    assert all(c["freq"] >= 3 for c in by_mi["collocates"])
    grams = data(ngrams_cmd, "跨境电商", "--n", "3")
    assert all(g["n"] == 3 for g in grams["ngrams"])
    assert {"ngram": "通过 跨境电商 平台", "words": ["通过", "跨境电商", "平台"], "n": 3, "freq": 2, "docs": 2} in grams["ngrams"]


def test_trend_json() -> None:
    got = data(trend_cmd, "跨境电商", "海外仓", "--by", "month")
    assert got["by"] == "month"
    assert [s["term"] for s in got["series"]] == ["跨境电商", "海外仓"]
    first = got["series"][0]["points"][0]
    assert first == {"period": "2025-09", "count": 5, "docs": 1, "per10k": pytest.approx(148.368, abs=1e-3)}
    assert sum(p["count"] for p in got["series"][0]["points"]) + got["series"][0]["undated"]["count"] == 16


def test_entities_json_and_show() -> None:
    got = data(entities_cmd, "--kind", "place", "--top", "5")
    assert len(got["entities"]) == 5 and {e["kind"] for e in got["entities"]} == {"place"}
    assert set(got["entities"][0]) >= {"name", "kind", "count", "docs"}
    one = data(entities_cmd, "--show", "杭州市")
    assert one["name"] == "杭州" and len(one["mentions"]) == one["count"] == 2
    code, out = run(entities_cmd, "--show", "火星")
    assert code == 1 and "no entity named '火星'" in out


def test_keyness_json() -> None:
    got = data(keyness_cmd, "--section", "外贸观察", "--top", "3")
    # The two words the section is about come first (the rest of the samples may grow).
    assert [k["word"] for k in got["keywords"]][:2] == ["海外仓", "跨境电商"]
    assert [k["ll"] for k in got["keywords"]] == sorted((k["ll"] for k in got["keywords"]), reverse=True)
    assert got["keywords"][0]["log_ratio"] > 0
    dated = data(keyness_cmd, "--since", "2025-09", "--until", "2025-12")
    assert dated["part_docs"] == 2


def test_keyness_of_a_tag(tmp_path: Path) -> None:
    code, out = run(cli, "note", "add", "d5c68792", "--quote", "通关和结汇手续进一步简化", "--tag", "政策/便利化")
    assert code == 0, out
    code, out = run(cli, "note", "add", "66ba2ca9", "--quote", "提醒企业关注目的地的税收和数据合规要求", "--tag", "政策/风险")
    assert code == 0, out
    got = data(keyness_cmd, "--tag", "政策", "--min", "1", "--top", "50")
    assert got["target"] == "tag 政策" and got["part_docs"] == 2
    code, out = run(keyness_cmd, "--tag", "没有")
    assert code == 1 and "no anchored notes tagged" in out


def test_csv_export(tmp_path: Path) -> None:
    target = tmp_path / "kwic.csv"
    code, _ = run(kwic_cmd, "跨境电商", "--csv", str(target))
    assert code == 0
    raw = target.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert rows[0] == ["id", "title", "date", "start", "end", "left", "match", "right"]
    assert len(rows) == 17
    code, out = run(kwic_cmd, "跨境电商", "--csv", str(target))
    assert code == 1 and "already exists" in out
    assert run(kwic_cmd, "跨境电商", "--csv", str(target), "--force")[0] == 0
    code, out = run(trend_cmd, "跨境电商", "--csv", "-")
    assert code == 0 and out.startswith("\ufeffterm,period,count,docs,per10k")


def test_csv_neutralises_formulas() -> None:
    from reader.tables import to_csv

    out = to_csv(["word"], [["=HYPERLINK(1)"], ["+1"], ["正常"], [1.5]])
    assert out.splitlines()[1:] == ["'=HYPERLINK(1)", "'+1", "正常", "1.5"]


def test_errors_are_one_line() -> None:
    for command, args, message in [
        (kwic_cmd, ["  "], "the term is empty"),
        (kwic_cmd, ["x", "--section", "nope"], "no section named 'nope'"),
        (kwic_cmd, ["x", "--since", "2025-13"], "not a date"),
        (ngrams_cmd, ["x", "--n", "1-9"], "between 2 and 5"),
        (keyness_cmd, [], "give exactly one of"),
        (keyness_cmd, ["--section", "外贸观察", "--tag", "x"], "give exactly one of"),
    ]:
        code, out = run(command, *args)
        assert code == 1, (args, out)
        assert message in out and "Traceback" not in out
        assert len(out.strip().splitlines()) == 1


def test_human_output_mentions_counts() -> None:
    code, out = run(kwic_cmd, "跨境电商", "--width", "10")
    assert code == 0 and out.startswith("16 occurrences of 跨境电商 in 4 documents")
    code, out = run(trend_cmd, "跨境电商")
    assert code == 0 and "2025-09" in out
    assert out.splitlines()[-2].split() == ["跨境电商", "█··▆·▅▁", "16"]  # the chart: one bar per month
    code, out = run(kwic_cmd, "跨境电商", "--limit", "1")
    strip = out.splitlines()[1]  # where in the corpus: a dispersion strip above the lines
    assert strip.startswith("跨境电商 ") and strip.split()[-1] == "16" and set(strip.split()[1]) <= set("░▒▓█ ")


def test_bars_and_charts() -> None:
    assert bars([0, 1, 2, 4]) == "·▂▄█"
    assert bars([]) == "" and bars([0, 0]) == "··"
    assert bars([1, 4], 4) == "▂▂██"  # stretched: each value keeps its columns
    trend = trend_text(["2025-01", "2025-02", "2025-03"], [("甲", [0.0, 2.0, 4.0], 6), ("乙", [1.0, 0.0, 0.0], 1)], 80)
    assert trend.plain.splitlines() == ["甲 ·▄█      6", "乙 █··      1", "   2025-01 → 2025-03"]
    strip = dispersion_text([("甲", [0, 1, 0, 4], 5)], 30).plain.splitlines()
    # 4 bins placed over 30 - 3 - 8 = 19 cells (bin i at cell i * 19 // 4), shaded by count.
    assert strip[0] == "甲 " + "    ░" + " " * 9 + "█" + " " * 4 + "      5"


def test_svg_images_of_what_is_printed(tmp_path: Path) -> None:
    target = tmp_path / "trend.svg"
    code, out = run(trend_cmd, "跨境电商", "海外仓", "--svg", str(target))
    assert code == 0 and "16 in all" not in out and f"wrote {target}" in out
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "2025-09" in svg and "跨境电商" in svg
    assert "█" in svg  # the bars, not only the table
    assert "@font-face" in svg and "url(\"http" not in svg and "cdnjs" not in svg  # no web fonts fetched
    # An existing file is refused before any work is printed; --force replaces it.
    code, out = run(trend_cmd, "跨境电商", "--svg", str(target))
    assert code == 1 and out.strip().splitlines() == [f"Error: {target} already exists (use --force to replace it)"]
    assert run(trend_cmd, "跨境电商", "--svg", str(target), "--force")[0] == 0
    assert "海外仓" not in target.read_text(encoding="utf-8")
    code, out = run(kwic_cmd, "跨境电商", "--json", "--svg", str(tmp_path / "k.svg"))
    assert code == 1 and "cannot go with --json" in out and not (tmp_path / "k.svg").exists()
    code, _ = run(kwic_cmd, "跨境电商", "--limit", "2", "--svg", str(tmp_path / "k.svg"))
    kwic = (tmp_path / "k.svg").read_text(encoding="utf-8")
    assert code == 0 and "corpus&#160;start" in kwic and kwic.count("跨境电商") >= 3  # header, strip, lines


def test_commands_are_listed() -> None:
    code, out = run(cli, "--help")
    for name in ("kwic", "collocates", "ngrams", "trend", "entities", "keyness"):
        assert name in out


def test_tags_matrix() -> None:
    for doc_id, quote, tags in [("d5c68792", "通关和结汇手续进一步简化", ["政策/便利化", "跨境电商"]),
                                ("66ba2ca9", "提醒企业关注目的地的税收和数据合规要求", ["政策/风险", "跨境电商"]),
                                ("fdf068bd", "课程每学期都会更新", ["人才"])]:
        code, out = run(cli, "note", "add", doc_id, "--quote", quote, *[x for t in tags for x in ("--tag", t)])
        assert code == 0, out
    got = data(cli, "tags", "--matrix", "section")
    assert [c["key"] for c in got["columns"]] == ["地方实践", "外贸观察"]
    rows = {r["tag"]: r["counts"] for r in got["rows"]}
    assert rows == {"人才": [1, 0], "政策": [0, 2], "政策/便利化": [0, 1], "政策/风险": [0, 1], "跨境电商": [0, 2]}
    flat = data(cli, "tags", "--matrix", "section", "--no-rollup")
    assert "政策" not in {r["tag"] for r in flat["rows"]}
    co = data(cli, "tags", "--matrix", "cooccur")
    tags = [r["tag"] for r in co["rows"]]
    assert co["rows"][tags.index("政策")]["counts"][tags.index("跨境电商")] == 2
    code, out = run(cli, "tags", "--matrix", "doc", "--csv", "-")
    assert code == 0 and out.splitlines()[0].startswith("\ufefftag,")
    code, out = run(cli, "tags", "--matrix", "section")
    assert code == 0 and "政策" in out and "便利化" in out
    assert data(cli, "tags")["tags"]["跨境电商"] == 2  # the plain list still works
    image = Path(tempfile.mkdtemp()) / "heat.svg"
    code, out = run(cli, "tags", "--matrix", "section", "--svg", str(image))
    assert code == 0 and "便利化" in image.read_text(encoding="utf-8")
