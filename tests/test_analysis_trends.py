"""Trends over time: periods, counts, documents and rates per 10,000 characters."""

from __future__ import annotations

import pytest
from analysis_fixtures import corpus, doc

from corpus.analysis.scope import Scope
from corpus.analysis.trends import period_of, period_range, trend


def dated() -> object:
    return corpus(
        doc("a", "水果水果价格", date="2024-01-15"),  # 6 characters, 2 × 水果
        doc("b", "价格" * 10, date="2024-01-31"),  # 20 characters, none
        doc("c", "水果" + "。" * 48, date="2024-03-02"),  # 50 characters, 1
        doc("u", "水果与苹果", date=None),  # undated, 5 characters
    )


def test_period_labels() -> None:
    assert period_of("2024-01-15", "day") == "2024-01-15"
    assert period_of("2024-01-15", "week") == "2024-W03"
    assert period_of("2021-01-03", "week") == "2020-W53"  # ISO weeks cross the new year
    assert period_of("2024-01-15", "month") == "2024-01"
    assert period_of("2024-01-15", "year") == "2024"
    assert period_of("2024-02", "month") == "2024-02"
    assert period_of(None, "month") is None and period_of("someday", "month") is None
    with pytest.raises(ValueError):
        period_of("2024-01-01", "decade")


def test_period_ranges_fill_the_gaps() -> None:
    assert period_range("2024-01-15", "2024-03-02", "month") == ["2024-01", "2024-02", "2024-03"]
    assert period_range("2020-12-30", "2021-01-05", "week") == ["2020-W53", "2021-W01"]
    assert period_range("2023-11-30", "2024-01-01", "year") == ["2023", "2024"]
    assert period_range("2024-02-27", "2024-03-01", "day") == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]


def test_monthly_trend_by_hand() -> None:
    t = trend(dated(), ["水果"], by="month")
    assert [(p.period, p.docs, p.chars) for p in t.periods] == [("2024-01", 2, 26), ("2024-02", 0, 0),
                                                               ("2024-03", 1, 50)]
    (s,) = t.series
    assert [(p.period, p.count, p.docs) for p in s.points] == [("2024-01", 2, 1), ("2024-02", 0, 0),
                                                              ("2024-03", 1, 1)]
    # 2 × 10,000 / 26 characters; 1 × 10,000 / 50
    assert s.points[0].per10k == pytest.approx(769.2307692307693, rel=1e-12)
    assert s.points[1].per10k == 0.0
    assert s.points[2].per10k == 200.0
    assert (s.undated.count, s.undated.docs, s.undated.per10k) == (1, 1, 2000.0)
    assert s.total == 4


def test_several_terms_and_weeks() -> None:
    t = trend(dated(), ["水果", "价格"], by="week")
    assert [s.term for s in t.series] == ["水果", "价格"]
    assert t.periods[0].period == "2024-W03" and t.periods[-1].period == "2024-W09"
    assert len(t.periods) == 7
    price = {p.period: p.count for p in t.series[1].points}
    assert price["2024-W03"] == 1 and price["2024-W05"] == 10
    data = t.to_dict()
    assert data["by"] == "week"
    assert set(data["series"][0]["points"][0]) >= {"period", "count", "docs", "per10k"}


def test_trend_in_a_scope() -> None:
    t = trend(dated(), ["水果"], by="year", scope=Scope(since="2024-02"))
    assert [(p.period, p.count, p.docs) for p in t.series[0].points] == [("2024", 1, 1)]
    assert t.series[0].undated.count == 0  # undated documents are outside any date range


def test_trend_needs_terms() -> None:
    with pytest.raises(ValueError):
        trend(dated(), [], by="month")
    with pytest.raises(ValueError):
        trend(dated(), ["水果"], by="fortnight")


def test_trend_of_an_undated_corpus() -> None:
    t = trend(corpus(doc("x", "水果")), ["水果"], by="month")
    assert t.periods == [] and t.series[0].points == [] and t.series[0].undated.count == 1
