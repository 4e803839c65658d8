"""The analysis screen's plain parts: the request, the filter line, dispersion, the charts."""

from __future__ import annotations

import pytest
from analysis_fixtures import corpus, doc

from corpus.analysis.scope import Scope, ScopeError
from reader.analysis_work import AnalysisRequest, cycle, dispersion, parse_filter, split_terms
from reader.screens.analysis_export import export_table
from reader.charts import bars, rebin, shade_strip
from reader.widgets.analysis_charts import heat


def test_terms_and_filter_line() -> None:
    assert split_terms("跨境电商, 海外仓，综试区、 ") == ("跨境电商", "海外仓", "综试区")
    scope, tag = parse_filter("section:外贸观察 since:2025-09 tag:政策/财政")
    assert scope == Scope(section="外贸观察", since="2025-09") and tag == "政策/财政"
    assert parse_filter("") == (Scope(), None)
    with pytest.raises(ScopeError, match="not a filter"):
        parse_filter("colour:red")
    with pytest.raises(ScopeError, match="not a date"):
        parse_filter("until:yesterday")


def test_request_cycles_and_describes() -> None:
    assert cycle(("doc", "date", "1L"), "1L") == "doc" and cycle(("a", "b"), "zzz") == "a"
    r = AnalysisRequest(terms=("跨境电商", "海外仓"))
    assert r.term == "跨境电商"
    assert r.describe("trends") == "跨境电商 · 海外仓 per month · whole corpus"
    assert r.but(tag="政策").describe("keyness") == "key words of tag 政策"


def test_dispersion_bins_over_the_whole_corpus() -> None:
    from corpus.analysis.occurrences import find

    c = corpus(doc("a", "t" + "x" * 98 + "t"), doc("b", "t" + "y" * 49 + "t" + "y" * 49))
    d = dispersion(c, {"t": find(c, "t"), "z": find(c, "z")}, bins=4)
    # Offsets 0, 99, 100, 150 of 200 characters in 4 bins of 50.
    assert d.rows == [("t", [1, 1, 1, 1], 4), ("z", [0, 0, 0, 0], 0)]


def test_chart_pieces() -> None:
    assert rebin([1, 2, 3, 4], 2) == [3, 7]
    assert rebin([5], 3) == [5, 0, 0]
    assert shade_strip([0, 1, 4]) == " ░█"
    assert bars([0.0, 1.0, 2.0], 3) == "·▄█"
    assert bars([], 5) == ""
    assert heat(0, 5).plain == "·" and heat(5, 5).plain.strip() == "5"


def test_export_tables_have_headers() -> None:
    class Table:
        def columns(self) -> list[str]:
            return ["word", "freq"]

        def rows(self) -> list[list[object]]:
            return [["海外仓", 3]]

    assert export_table(Table()) == (["word", "freq"], [["海外仓", 3]])
