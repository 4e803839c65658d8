"""The query language: every operator, fields, dates, and errors with positions."""

from __future__ import annotations

import pytest

from corpus.index.query import (
    And,
    DateRange,
    Near,
    Not,
    Or,
    QuerySyntaxError,
    Text,
    date_value,
    describe,
    parse_query,
    positive_texts,
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("跨境电商", "跨境电商"),
        ("跨境电商 海外仓", "(跨境电商 AND 海外仓)"),
        ("跨境电商 AND 海外仓", "(跨境电商 AND 海外仓)"),
        ("跨境电商 OR 外贸", "(跨境电商 OR 外贸)"),
        ("a b OR c d", "(a AND (b OR c) AND d)"),  # OR binds tighter than the implicit AND
        ("-杭州", "NOT 杭州"),
        ("NOT 杭州", "NOT 杭州"),
        ("跨境 -杭州", "(跨境 AND NOT 杭州)"),
        ("跨境 NOT (杭州 OR 宁波)", "(跨境 AND NOT (杭州 OR 宁波))"),
        ('"综合 试验区"', '"综合 试验区"'),
        ('"  前后 "', '"前后"'),  # leading/trailing spaces never count
        ("跨境电商 NEAR/10 海外仓", "(跨境电商 NEAR/10 海外仓)"),
        ("跨境电商 NEAR 海外仓", "(跨境电商 NEAR/10 海外仓)"),
        ('a NEAR/3 "b c"', '(a NEAR/3 "b c")'),
        ("a NEAR/2 b NEAR/4 c", "((a NEAR/2 b) AND (b NEAR/4 c))"),
        ("(跨境电商 OR 外贸) 海外仓", "((跨境电商 OR 外贸) AND 海外仓)"),
        ("((a))", "a"),
        ("title:跨境", "title:跨境"),
        ("Title:跨境", "title:跨境"),
        ('section:"地方 实践"', 'section:"地方 实践"'),
        ("author:王 file:2023/", "(author:王 AND file:2023/)"),
        ("title:(跨境 OR 外贸) 海外仓", "((title:跨境 OR title:外贸) AND 海外仓)"),
        ("-title:通知", "NOT title:通知"),
        ("date:2023", "date:20230000..20239999"),
        ("date:2023-08", "date:20230800..20230899"),
        ("date:2023-8-5", "date:20230805..20230805"),
        ("date:2023-08..2023-09", "date:20230800..20230999"),
        ("date:..2022", "date:0..20229999"),
        ("date:2024..", "date:20240000..99999999"),
        ("or and not near", "(or AND and AND not AND near)"),  # lower case: words
        ("COVID-19 10:30", "(COVID-19 AND 10:30)"),  # a hyphen inside a word, a colon after digits
        ("-", "-"),
        ("跨境（电商）", "跨境（电商）"),  # full-width parentheses are text
    ],
)
def test_parses(query: str, expected: str) -> None:
    assert describe(parse_query(query)) == expected


def test_tree_shapes_and_positions() -> None:
    node = parse_query('跨境 OR "外 贸" -title:杭州 a NEAR/5 b date:2023')
    assert isinstance(node, And)
    first, second, third, fourth = node.parts
    assert first == Or((Text("跨境", None, False, 0), Text("外 贸", None, True, 6)))
    assert second == Not(Text("杭州", "title", False, 13), 12)
    assert third == Near(Text("a", pos=22), Text("b", pos=31), 5, 24)
    assert fourth == DateRange(20230000, 20239999, 38)
    assert [t.text for t in positive_texts(node)] == ["跨境", "外 贸", "a", "b"]


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("跨境电商 (海外仓 OR 外贸", "unbalanced parenthesis", 5),
        ("跨境电商 海外仓) OR 外贸", "unbalanced parenthesis", 8),
        ("(a (b)", "unbalanced parenthesis", 0),
        ("a ()", "empty parentheses", 2),
        ('跨境 "综合试验区', "unterminated quote", 3),
        ('a ""', "empty phrase", 2),
        ('a "  "', "empty phrase", 2),
        ("OR a", "OR needs a term on each side", 0),
        ("a OR", "OR needs a term on each side", 2),
        ("a OR OR b", "OR needs a term on each side", 2),
        ("a AND", "AND needs a term on each side", 2),
        ("NOT", "NOT needs a term after it", 0),
        ("a NOT", "NOT needs a term after it", 2),
        ("a NEAR", "NEAR needs a word or phrase on each side", 2),
        ("NEAR a", "NEAR needs a term on each side", 0),
        ("a NEAR/x b", "NEAR/ needs a number of characters, like NEAR/10", 2),
        ("a NEAR/999999 b", "NEAR/999999 is too far (at most 100000 characters)", 2),
        ("a NEAR/3 (b OR c)", "NEAR needs a word or phrase on each side", 2),
        ("a NEAR/3 title:b", "NEAR needs a word or phrase on each side", 2),
        ("foo:bar", "unknown field 'foo'", 0),
        ("x title:", "title: needs a value right after the colon", 2),
        ("title: x", "title: needs a value right after the colon", 0),
        ("date:2023-13", "bad date '2023-13'", 5),
        ("date:2023-02-32", "bad date '2023-02-32'", 5),
        ("date:08/2023", "bad date '08/2023'", 5),
        ("date:2023-09..2023-08", "the date range '2023-09..2023-08' ends before it starts", 5),
        ("date:2023..x", "bad date 'x'", 11),
        ("date:..", "date: needs at least one end of the range", 5),
        ('date:"2023"', "date: needs a date, like date:2023-08 or date:2023-08..2023-09", 0),
        ("title:(a title:b)", "title: inside title:( … )", 9),
        ("", "the query is empty", 0),
        ("   ", "the query is empty", 0),
    ],
)
def test_errors_point_at_the_problem(query: str, message: str, position: int) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert info.value.message == message
    assert info.value.position == position
    assert str(info.value).startswith(f"{message} at {position}")
    assert "\n" not in str(info.value)


def test_bounds_on_untrusted_queries() -> None:
    with pytest.raises(QuerySyntaxError, match="too many terms"):
        parse_query(" ".join(["词"] * 100))
    with pytest.raises(QuerySyntaxError, match="nested too deeply"):
        parse_query("(" * 40 + "a" + ")" * 40)
    with pytest.raises(QuerySyntaxError, match="too long"):
        parse_query("a" * 5000)


@pytest.mark.parametrize(
    ("date", "value"),
    [("2023-08-13", 20230813), ("2023-08", 20230800), ("2023", 20230000), (None, None), ("", None), ("昨天", None)],
)
def test_date_values(date: str | None, value: int | None) -> None:
    assert date_value(date) == value
