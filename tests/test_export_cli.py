"""``reader export`` and ``reader import`` end to end (our own small corpus on disk)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.model import new_annotation
from annotations.store import AnnotationStore
from corpus import load_corpus
from reader.cli import cli

NIGHT = "城市夜间经济观察\n\n夜市重新热闹起来，小吃摊前排起长队。摊主说，今年的客流比去年多了三成，周末尤其明显。\n\n专家认为，夜间消费要兼顾居民休息，管理要细，服务要暖。\n"
TRADE = "跨境电商的新变化\n\n跨境电商平台开始在海外建仓，物流时间从两周缩短到五天。卖家更关心退货成本。\n"


@pytest.fixture
def setup(tmp_path: Path):
    root = tmp_path / "corpus"
    (root / "经济").mkdir(parents=True)
    (root / "经济" / "夜经济.txt").write_text(NIGHT, encoding="utf-8")
    (root / "外贸").mkdir()
    (root / "外贸" / "跨境.txt").write_text(TRADE, encoding="utf-8")
    corpus = load_corpus(root, use_cache=False)
    db = tmp_path / "notes.json"
    night = next(d for d in corpus.documents if "夜经济" in d.file)
    trade = next(d for d in corpus.documents if "跨境" in d.file)

    def at(doc, quote, **kw):
        i = doc.text.index(quote)
        return new_annotation(doc, i, i + len(quote), **kw)

    anns = [
        at(night, "夜市重新热闹起来", note="<script>alert(1)</script> \"&<>", tags=["夜经济"], color=1),
        at(night, "管理要细，服务要暖", note="政策", tags=["政策", "夜经济"], color=2),
        at(trade, "物流时间从两周缩短到五天", note="快, \"很快\"\n真的", tags=["跨境"], color=3),
    ]
    with AnnotationStore(db) as store:
        store.put_many(anns)
    return {"root": root, "db": db, "anns": anns, "corpus": corpus, "tmp": tmp_path}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def base(setup) -> list[str]:
    return ["--db", str(setup["db"]), "-c", str(setup["root"])]


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "html", "inline"])
def test_export_to_stdout_is_deterministic(setup, fmt):
    first = run("export", "-f", fmt, *base(setup))
    assert first.exit_code == 0, first.output
    assert first.output == run("export", "-f", fmt, *base(setup)).output
    assert "物流时间从两周缩短到五天" in first.output or fmt == "md" and "物流时间从两周缩短到五天" in first.output


def test_filters_select_the_notes(setup):
    out = run("export", "-f", "csv", "--tag", "政策", *base(setup)).stdout
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert [r["quote"] for r in rows] == ["管理要细，服务要暖"]
    out = run("export", "-f", "csv", "--highlight", "3", "--highlight", "1", *base(setup)).stdout
    assert len(list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))) == 2
    out = run("export", "-f", "json", "-q", "tag:夜经济 政策", *base(setup)).stdout
    assert json.loads(out)["total"] == 1
    out = run("export", "-f", "json", "--section", "外贸", *base(setup)).stdout
    assert json.loads(out)["total"] == 1
    out = run("export", "-f", "json", "--orphans", *base(setup)).stdout
    assert json.loads(out)["total"] == 0
    trade = next(d for d in setup["corpus"].documents if "跨境" in d.file)
    out = run("export", "-f", "json", "--doc", trade.id[:5], *base(setup)).stdout
    assert json.loads(out)["total"] == 1
    out = run("export", "-f", "json", "--since", "2999-01-01", *base(setup)).stdout
    assert json.loads(out)["total"] == 0
    out = run("export", "-f", "json", "--any-tag", "政策", "--any-tag", "跨境", *base(setup)).stdout
    assert json.loads(out)["total"] == 2
    out = run("export", "-f", "json", "--not-tag", "夜经济", *base(setup)).stdout
    assert json.loads(out)["total"] == 1


def test_saved_filter(setup):
    with AnnotationStore(setup["db"]) as store:
        store.save_filter("政策类", "tag:政策")
    out = run("export", "-f", "json", "--saved", "政策类", *base(setup)).output
    assert json.loads(out)["total"] == 1
    res = CliRunner().invoke(cli, ["export", "--saved", "无此名", *base(setup)])
    assert res.exit_code != 0 and "no saved filter" in res.output


def test_progress_bar_on_a_terminal_gives_the_same_export(setup, monkeypatch):
    from reader.cli import export_cmds

    anns = setup["anns"]
    plain = export_cmds.render_with_progress("md", anns, setup["corpus"])
    monkeypatch.setattr(export_cmds, "PROGRESS_THRESHOLD", 1)
    monkeypatch.setattr(export_cmds.sys.stderr, "isatty", lambda: True)
    assert export_cmds.render_with_progress("md", anns, setup["corpus"]) == plain


def test_bad_filter_is_one_line_error(setup):
    res = CliRunner().invoke(cli, ["export", "--since", "yesterday", *base(setup)])
    assert res.exit_code != 0 and "not a date" in res.output and "Traceback" not in res.output


def test_output_file_not_overwritten_without_force(setup):
    out = setup["tmp"] / "notes.md"
    res = run("export", "-o", str(out), "--json", *base(setup))
    assert res.exit_code == 0
    assert json.loads(res.output) == {"format": "md", "count": 3, "path": str(out)}
    first = out.read_bytes()
    out.write_text("my own file", encoding="utf-8")
    res = CliRunner().invoke(cli, ["export", "-o", str(out), *base(setup)])
    assert res.exit_code != 0 and "already exists" in res.output
    assert out.read_text(encoding="utf-8") == "my own file"
    res = run("export", "-o", str(out), "--force", *base(setup))
    assert res.exit_code == 0 and out.read_bytes() == first
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_export_never_writes_over_the_database(setup):
    before = setup["db"].read_bytes()
    res = CliRunner().invoke(cli, ["export", "-f", "json", "-o", str(setup["db"]), "--force", *base(setup)])
    assert res.exit_code != 0 and "database" in res.output
    assert setup["db"].read_bytes() == before


def test_json_flag_needs_an_output_file(setup):
    res = CliRunner().invoke(cli, ["export", "--json", *base(setup)])
    assert res.exit_code != 0 and "-o" in res.output


def test_export_then_import_into_an_empty_database(setup):
    out = setup["tmp"] / "export.json"
    assert run("export", "-f", "json", "-o", str(out), *base(setup)).exit_code == 0
    fresh = setup["tmp"] / "fresh.json"
    args = ["--db", str(fresh), "-c", str(setup["root"])]
    res = run("import", str(out), *args, "--json")
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert (report["added"], report["updated"], report["unchanged"], report["orphaned"]) == (3, 0, 0, 0)
    with AnnotationStore(fresh, read_only=True) as store:
        got = sorted((a.to_record() for a in store.all()), key=lambda r: r["id"])
    want = sorted((a.to_record() for a in setup["anns"]), key=lambda r: r["id"])
    assert got == want
    again = run("import", str(out), *args)
    assert "0 added, 0 updated, 3 unchanged" in again.output


def test_import_from_stdin(setup):
    data = run("export", "-f", "json", *base(setup)).output
    fresh = setup["tmp"] / "fresh.json"
    res = run("import", "-", "--db", str(fresh), "-c", str(setup["root"]), input=data)
    assert "3 added" in res.output


@pytest.mark.parametrize("content, message", [(b"{oops", "not valid JSON"), (b"\xff\xfe\x00bad", "not UTF-8"),
                                              (b'{"type": "Person"}', "no Web Annotations")])
def test_import_of_a_bad_file_is_one_line_error(setup, content, message):
    bad = setup["tmp"] / "bad.json"
    bad.write_bytes(content)
    res = CliRunner().invoke(cli, ["import", str(bad), *base(setup)])
    assert res.exit_code != 0 and message in res.output and "Traceback" not in res.output
    with AnnotationStore(setup["db"], read_only=True) as store:
        assert len(store.all()) == 3  # nothing lost


def test_import_of_a_missing_file(setup):
    res = CliRunner().invoke(cli, ["import", str(setup["tmp"] / "nope.json"), *base(setup)])
    assert res.exit_code != 0 and "no such file" in res.output


def test_corrupt_database_is_a_clear_error_and_untouched(setup):
    setup["db"].write_text("{ not json", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", "-", *base(setup)], input="[]")
    assert res.exit_code != 0 and "cannot read annotations database" in res.output
    assert setup["db"].read_text(encoding="utf-8") == "{ not json"


def test_import_against_the_wrong_corpus_warns(setup, tmp_path):
    out = setup["tmp"] / "export.json"
    run("export", "-f", "json", "-o", str(out), *base(setup))
    other = tmp_path / "other"
    other.mkdir()
    (other / "别的.txt").write_text("完全不同的一篇文章。\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", str(out), "--db", str(tmp_path / "x.json"), "-c", str(other)])
    assert res.exit_code == 0
    assert "3 orphaned" in res.stdout and "is -c the right corpus" in res.stderr
