"""Properties of the exports over generated texts and annotations (hypothesis)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.export import render
from annotations.model import Annotation, Target, make_selector
from corpus.model import Corpus, Document, join_blocks
from export_fixtures import read_inline

# Chinese, Markdown/HTML punctuation, spaces and digits: the characters escaping must survive.
ALPHABET = st.sampled_from(list("夜市跨境电商政策数据。，“”") + list("*_=#[]^<>&\\`|~$-+1. ") + ["\n"])
PARAGRAPH = st.text(ALPHABET, min_size=1, max_size=40).filter(
    lambda t: t.strip() and "\n\n" not in t and t == t.strip("\n")  # blocks never start or end with a break
)


@st.composite
def doc_and_anns(draw):
    paras = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    text, blocks = join_blocks([("title", "标题", 1)] + [("paragraph", p, 0) for p in paras])
    doc = Document(id="d0000001", file="p.txt", section="测试", title="标题", text=text, blocks=blocks)
    anns = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 30)))
        if not text[start:end].strip():
            continue
        anns.append(Annotation(
            id=f"{i:08x}-0000-4000-8000-000000000000",
            target=Target(doc.file, doc.id, doc.fingerprint, doc.section, doc.title),
            selector=make_selector(text, start, end),
            note=draw(st.text(ALPHABET, max_size=12)),
            tags=tuple(draw(st.lists(st.sampled_from(["甲", "乙 丙", "a#b"]), max_size=2, unique=True))),
            color=draw(st.integers(1, 6)),
            created="2024-01-01T00:00:00.000Z",
            modified="2024-01-02T00:00:00.000Z",
        ))
    return Corpus(root="/x", documents=[doc]), doc, anns


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_and_anns())
def test_inline_keeps_every_character_and_marks_exactly_the_annotations(case):
    corpus, doc, anns = case
    if not anns:
        return
    md = render("inline", anns, corpus)
    head, meta, rest = md.split("\n\n", 2)
    body = rest.split("\n\n[^1]: ")[0].rstrip("\n")
    text, lit, _refs = read_inline(body)
    assert text == doc.text
    want = {i for a in anns for i in range(a.selector.start, a.selector.end) if doc.text[i] != "\n"}
    assert lit == want


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.parts, self._sup = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._sup = self._sup or tag == "sup"

    def handle_endtag(self, tag):
        self._sup = self._sup and tag != "sup"

    def handle_data(self, data):
        if not self._sup:
            self.parts.append(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_and_anns())
def test_html_and_json_carry_every_note_exactly(case):
    corpus, _doc, anns = case
    page = _Text()
    page.feed(render("html", anns, corpus))
    shown = "".join(page.parts)
    assert "script" not in page.tags
    for a in anns:
        assert a.note in shown
    items = json.loads(render("json", anns, corpus)).get("first", {}).get("items", [])
    notes = sorted(b["value"] for i in items for b in i.get("body", []) if b["purpose"] == "commenting")
    assert notes == sorted(a.note for a in anns if a.note)
