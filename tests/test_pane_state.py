"""The app's plain state and services, without a running app: PaneState and HighlightService.

The sentences are written for these tests.
"""

from __future__ import annotations

from corpus.model import Document, Span, join_blocks
from reader.services.highlights import HighlightService, KeywordResult
from reader.widgets.pane_state import PaneState

PARAS = [
    ("title", "河边的早晨"),
    ("paragraph", "老人在河边打太极。孩子们跑来跑去！"),
    ("heading", "集市"),
    ("paragraph", "早市上人很多，蔬菜很新鲜。"),
]


def make_doc() -> Document:
    text, blocks = join_blocks((t, s, 1 if t == "title" else 2 if t == "heading" else 0) for t, s in PARAS)
    return Document(id="d1", file="river.txt", section="测试", title="河边的早晨", text=text, blocks=blocks)


def test_counts_repeat_the_next_motion_and_zero_only_continues_a_count() -> None:
    state = PaneState()
    doc = make_doc()
    state.load(doc, 0)
    assert not state.add_count_digit("0")  # a lone 0 is not a count
    assert state.add_count_digit("2") and state.add_count_digit("0")
    assert state.prompt() == ("", "20", "  then a motion (j k w b e ( ) { } [ ] n N)")
    assert state.start_command() and state.repeat == 20 and state.count == 0
    state.repeat = 2
    second = state.motion_target("sentence_forward")
    assert doc.text[second:].startswith("孩子们")  # two sentences on from the title: 老人…, then 孩子们…


def test_marks_pending_keys_and_escape_order() -> None:
    state = PaneState()
    doc = make_doc()
    state.load(doc, 0, marks={"a": 5, "bad": 3, "b": True, "c": 10**9})  # type: ignore[dict-item]
    assert state.marks == {"a": 5, "c": len(doc.text)}  # malformed saved marks are dropped, clamped
    state.begin_pending("mark")
    assert state.prompt() == ("mark: ", "", "  press a letter")
    assert state.take_pending() == "mark" and state.pending is None
    state.cursor = 12
    assert not state.set_mark("1") and state.set_mark("x") and state.mark_target("x") == 12
    state.toggle_selection()
    state.search.hits = [(0, 2)]
    state.pending = "view"
    assert [state.cancel(), state.cancel(), state.cancel(), state.cancel()] == ["selection", "search", "pending", None]


def test_selection_after_a_forward_motion_stops_before_the_next_unit() -> None:
    state = PaneState()
    doc = make_doc()
    start = doc.text.index("老人")
    state.load(doc, start)
    state.toggle_selection()
    state.cursor = state.motion_target("sentence_forward")
    state.sel_exclusive = True
    assert state.selected_text() == "老人在河边打太极。"
    assert state.annotate_range() == (start, start + len("老人在河边打太极。"))


def test_registered_layers_show_hide_and_sit_beside_keywords_and_watch_words() -> None:
    doc = make_doc()
    service = HighlightService()
    service.keyword_results[doc.id] = KeywordResult([], [Span(0, 2, "keyword", 0.5)])
    service.register("glossary", lambda d: [Span(d.text.index("太极"), d.text.index("太极") + 2, "glossary")])
    layers = service.layers_for(doc)
    assert layers["keyword"] == [Span(0, 2, "keyword", 0.5)] and layers["watch"] == []
    assert [doc.text[s.start : s.end] for s in layers["glossary"]] == ["太极"]
    assert service.toggle("glossary") is False and service.layers_for(doc)["glossary"] == []
    assert service.toggle("keyword") is False and service.layers_for(doc)["keyword"] == []
    service.forget_documents()
    assert service.keyword_results == {} and service.needs_tokens(doc)
