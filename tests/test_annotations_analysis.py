"""Notes as codes: tag × section, tag × document, co-occurrence, roll-up, passages."""

from __future__ import annotations

import pytest
from analysis_fixtures import doc

from annotations.analysis import ancestors, by_document, by_section, cooccurrence, expand, matrix, passages
from annotations.model import new_annotation

X = doc("x", "一二三四五六七八九十", section="要闻", title="X 文")
Y = doc("y", "甲乙丙丁戊己庚辛壬癸子丑", section="专题", title="Y 文")


def notes() -> list:
    n1 = new_annotation(X, 0, 5, tags=["政策/财政", "民生"])
    n2 = new_annotation(X, 3, 8, tags=["政策/税收"])
    n3 = new_annotation(Y, 0, 4, tags=["政策/财政"])
    n4 = new_annotation(Y, 10, 12, tags=["民生"]).with_changes(status="orphan")
    return [n1, n2, n3, n4]


def test_hierarchy() -> None:
    assert ancestors("政策/财政/税收") == ["政策", "政策/财政", "政策/财政/税收"]
    assert ancestors(" 政策 // 财政 ") == ["政策", "政策/财政"]
    assert expand(["政策/财政", "政策/税收"]) == ["政策", "政策/财政", "政策/税收"]
    assert expand(["政策/财政"], rollup=False) == ["政策/财政"]


def test_tag_by_section_rolls_up() -> None:
    m = by_section(notes(), order=["要闻", "专题"])
    assert m.cols == ["要闻", "专题"]
    assert m.rows == ["政策", "政策/税收", "政策/财政", "民生"]
    assert m.table_rows() == [["政策", 2, 1], ["政策/税收", 1, 0], ["政策/财政", 1, 1], ["民生", 1, 1]]
    flat = by_section(notes(), rollup=False)
    assert "政策" not in flat.rows
    assert flat.get("政策/财政", "专题") == 1


def test_section_follows_the_corpus_when_known() -> None:
    m = by_section(notes(), section_of=lambda d: "新栏目" if d == "y" else None)
    assert m.get("政策", "新栏目") == 1 and m.get("政策", "要闻") == 2


def test_tag_by_document() -> None:
    m = by_document(notes())
    assert m.cols == ["x", "y"]
    assert m.columns() == ["tag", "X 文", "Y 文"]
    assert m.get("政策", "x") == 2 and m.get("民生", "y") == 1


def test_cooccurrence_on_notes_and_overlapping_passages() -> None:
    m = cooccurrence(notes())
    # Diagonal: notes with the tag.
    assert [m.get(t, t) for t in ("政策", "政策/财政", "政策/税收", "民生")] == [3, 2, 1, 2]
    # 政策–民生: on n1 together, and n1 overlaps n2 (政策). Never a tag with its own parent.
    assert m.get("政策", "民生") == 2 and m.get("民生", "政策") == 2
    assert m.get("政策/财政", "民生") == 1
    assert m.get("政策/财政", "政策/税收") == 1  # n1 and n2 overlap at 3..5
    assert m.get("民生", "政策/税收") == 1
    assert m.get("政策", "政策/财政") == 0
    only_notes = cooccurrence(notes(), overlap=False)
    assert only_notes.get("政策", "民生") == 1 and only_notes.get("政策/财政", "政策/税收") == 0


def test_passages_of_a_tag_skip_orphans() -> None:
    assert passages(notes(), "政策") == {"x": [(0, 5), (3, 8)], "y": [(0, 4)]}
    assert passages(notes(), "政策", rollup=False) == {}
    assert passages(notes(), "民生") == {"x": [(0, 5)]}


def test_matrix_by_name_and_json() -> None:
    data = matrix("section", notes()).to_dict()
    assert data["matrix"] == "section"
    assert data["rows"][0] == {"tag": "政策", "counts": [1, 2]}  # columns by name: 专题, 要闻
    with pytest.raises(ValueError):
        matrix("colour", notes())
