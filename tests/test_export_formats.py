"""The five export formats: content, escaping, determinism (our own sample texts)."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from annotations.export import FORMATS, render
from annotations.export.csv_export import COLUMNS, read_rows
from export_fixtures import EVIL_NOTE, ann_on, make_doc, sample_annotations, sample_corpus
from corpus.model import Corpus

ANNO = "http://www.w3.org/ns/anno.jsonld"
UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
               "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging"}


@pytest.fixture
def corpus() -> Corpus:
    return sample_corpus()


@pytest.fixture
def anns(corpus):
    return sample_annotations(corpus)


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes_in_any_order(fmt, corpus, anns):
    first = render(fmt, anns, corpus)
    assert render(fmt, anns, corpus) == first
    shuffled = list(anns)
    random.Random(7).shuffle(shuffled)
    assert shuffled != anns
    assert render(fmt, shuffled, corpus).encode() == first.encode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_progress_reaches_total_and_works_without_corpus(fmt, corpus, anns):
    seen = []
    render(fmt, anns, corpus, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (len(anns), len(anns))
    assert all(d <= t for d, t in seen)
    # Without a corpus the exports use what the annotations store.
    out = render(fmt, anns, None)
    assert "物流时间从两周缩短到五天" in out or fmt == "json" and "物流时间" in json.loads(out)["first"]["items"][5]["target"]["selector"][0]["exact"]


def test_unknown_format_is_a_clear_error(corpus, anns):
    with pytest.raises(ValueError, match="unknown export format"):
        render("docx", anns, corpus)


# ---------------------------------------------------------------- JSON


def validate_web_annotation(ann: dict) -> None:
    """The W3C Web Annotation model's required fields, written out."""
    ctx = ann["@context"]
    assert ctx == ANNO or (isinstance(ctx, list) and ANNO in ctx), "context must be (or include) anno.jsonld"
    assert isinstance(ann["id"], str) and re.match(r"^[a-z][a-z0-9+.-]*:", ann["id"]), "id must be an IRI"
    assert ann["type"] == "Annotation"
    if "motivation" in ann:
        assert ann["motivation"] in MOTIVATIONS
    for key in ("created", "modified"):
        assert UTC.match(ann[key]), f"{key} must be UTC xsd:dateTime"
    target = ann["target"]
    assert isinstance(target, dict) and isinstance(target["source"], str) and target["source"]
    selectors = target["selector"]
    kinds = {s["type"] for s in selectors}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
    for s in selectors:
        if s["type"] == "TextQuoteSelector":
            assert isinstance(s["exact"], str) and s["exact"]
            assert isinstance(s["prefix"], str) and isinstance(s["suffix"], str)
        else:
            assert isinstance(s["start"], int) and isinstance(s["end"], int) and 0 <= s["start"] < s["end"]
    for body in ann.get("body", []):
        assert body["type"] == "TextualBody"
        assert isinstance(body["value"], str)
        assert body["purpose"] in MOTIVATIONS
        if body["purpose"] == "commenting":
            assert body["format"] == "text/markdown" and body["language"] == "zh"


def validate_collection(data: dict) -> list[dict]:
    assert data["@context"] == ANNO or ANNO in data["@context"]
    assert data["type"] == "AnnotationCollection"
    assert re.match(r"^[a-z][a-z0-9+.-]*:", data["id"])
    items = data["first"]["items"] if data["total"] else []
    if data["total"]:
        assert data["first"]["type"] == "AnnotationPage"
    assert data["total"] == len(items)
    for item in items:
        validate_web_annotation(item)
    return items


def test_json_export_validates_against_the_model(corpus, anns):
    items = validate_collection(json.loads(render("json", anns, corpus)))
    assert len(items) == len(anns)
    by_id = {i["id"]: i for i in items}
    for ann in anns:
        item = by_id[f"urn:uuid:{ann.id}"]
        quote, pos = item["target"]["selector"]
        assert (quote["exact"], quote["prefix"], quote["suffix"]) == (ann.selector.exact, ann.selector.prefix, ann.selector.suffix)
        assert (pos["start"], pos["end"]) == (ann.selector.start, ann.selector.end)
        assert item["target"]["source"] == ann.target.file
        notes = [b["value"] for b in item.get("body", []) if b["purpose"] == "commenting"]
        tags = [b["value"] for b in item.get("body", []) if b["purpose"] == "tagging"]
        assert notes == ([ann.note] if ann.note else []) and tuple(tags) == ann.tags
        ext = item["reader:ext"]
        assert (ext["doc_id"], ext["color"], ext["status"], ext["fingerprint"]) == (
            ann.target.doc_id, ann.color, ann.status, ann.target.fingerprint)


def test_empty_json_export_is_a_valid_collection(corpus):
    data = json.loads(render("json", [], corpus))
    validate_collection(data)
    assert data["total"] == 0


# ---------------------------------------------------------------- CSV


def test_csv_round_trip_with_the_csv_module(corpus, anns):
    text = render("csv", anns, corpus)
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(anns) + 1
    by_id = {r[0]: dict(zip(COLUMNS, r)) for r in rows[1:]}
    for ann in anns:
        row = by_id[ann.id]
        note = "'" + ann.note if ann.note.startswith(("=", "+", "-", "@")) else ann.note  # formula guard
        assert row["quote"] == ann.quote
        assert row["note"] == note
        assert row["tags"].split(";") == list(ann.tags) or (row["tags"] == "" and not ann.tags)
        assert (row["doc_id"], row["section"], row["title"]) == (ann.target.doc_id, ann.target.section, ann.target.title)
        assert (int(row["color"]), row["created"], row["modified"]) == (ann.color, ann.created, ann.modified)
    # read_rows undoes the formula guard exactly.
    back = {r["id"]: r for r in read_rows(text)}
    assert all(back[a.id]["note"] == a.note for a in anns)


def test_csv_quote_with_commas_quotes_and_newlines_survives(corpus):
    doc = make_doc("dddd0004", "x.txt", "测试", [("title", "标题", 1),
                   ("paragraph", '他说："好，很好"，\n然后, 又说 "再见"。', 0)])
    c = Corpus(root="/x", documents=[doc])
    quote = '"好，很好"，\n然后, 又说 "再见"'
    ann = ann_on(doc, quote, 9, note='a,b\r\n"c"')
    rows = list(csv.DictReader(io.StringIO(render("csv", [ann], c).removeprefix("\ufeff"), newline="")))
    assert rows[0]["quote"] == quote
    assert rows[0]["note"] == 'a,b\r\n"c"'


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "'=x", "''=y"])
def test_csv_formula_guard_is_reversible(cell, corpus):
    doc = corpus.documents[2]
    ann = ann_on(doc, "图书室", 10, note=cell)
    raw = list(csv.DictReader(io.StringIO(render("csv", [ann], corpus)[1:], newline="")))[0]["note"]
    assert raw.startswith("'")  # a spreadsheet shows text, never runs it
    assert read_rows(render("csv", [ann], corpus))[0]["note"] == cell


# ---------------------------------------------------------------- Markdown


def rendered_text(md: str) -> tuple[str, str]:
    """(HTML, its visible text) as a CommonMark renderer shows the Markdown."""
    page = MarkdownIt("commonmark").use(front_matter_plugin).render(md)

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    p = Text()
    p.feed(page)
    return page, "".join(p.parts)


def test_markdown_structure(corpus, anns):
    md = render("md", anns, corpus)
    assert md.startswith("---\n")
    front = md.split("---\n")[1]
    assert "count: 8" in front and "exported: '2024-05-" in front and "- 夜经济" in front
    assert md.index("## 经济") < md.index("### 城市夜间经济观察") < md.index("### 跨境电商的新变化") < md.index("## 文化")
    assert "- Authors: 李明" in md and "- Date: 2024\\-03\\-01" not in md  # dates are left readable
    assert "> 夜市重新热闹起来" in md
    assert "#夜经济 · #好开头 · yellow · aaaa0001" in md
    assert "#政策_建议" in md  # a tag with a space stays one tag


def test_markdown_note_with_script_is_inert_and_intact(corpus, anns):
    md = render("md", anns, corpus)
    assert "<script>" not in md
    page, text = rendered_text(md)
    assert "<script>" not in page
    assert EVIL_NOTE in text
    # Notes keep their own Markdown.
    assert "<li>第一点</li>" in page and "<strong>加粗</strong>" in page


def test_markdown_quotes_render_literally():
    doc = make_doc("eeee0005", "m.txt", "测试", [("title", "符号", 1),
                   ("paragraph", "正文有 *星号* 和 _下划线_，#井号 [^1] ==等号== <b>粗</b> & 符号", 0),
                   ("paragraph", "1. 不是列表\n- 也不是", 0)])
    c = Corpus(root="/x", documents=[doc])
    anns = [ann_on(doc, "*星号* 和 _下划线_，#井号 [^1] ==等号== <b>粗</b> & 符号", 11),
            ann_on(doc, "1. 不是列表\n- 也不是", 12)]
    page, text = rendered_text(render("md", anns, c))
    squash = re.sub(r"\s+", "", text)
    for a in anns:
        assert re.sub(r"\s+", "", a.quote) in squash
    assert "<b>" not in page and "<em>" not in page and "<ol>" not in page


# ---------------------------------------------------------------- HTML


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.paragraphs: list[dict] = []  # {"text", "marks": [(class, text)]}
        self._p = None
        self._mark = None
        self._sup = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._sup = self._sup or tag == "sup"
        self.attrs += attrs
        if tag == "p":
            self._p = {"class": dict(attrs).get("class"), "text": "", "marks": []}
        if tag == "mark":
            self._mark = [dict(attrs).get("class"), ""]

    def handle_endtag(self, tag):
        if tag == "sup":
            self._sup = False
        if tag == "p" and self._p is not None:
            self.paragraphs.append(self._p)
            self._p = None
        if tag == "mark" and self._mark is not None:
            if self._p is not None:
                self._p["marks"].append(tuple(self._mark))
            self._mark = None

    def handle_data(self, data):
        self.text.append(data)
        if self._mark is not None:
            self._mark[1] += data
        if self._p is not None and not self._sup:  # footnote numbers are not document text
            self._p["text"] += data


def test_html_is_self_contained_and_escaped(corpus, anns):
    page = render("html", anns, corpus)
    assert "<script" not in page.lower()
    p = PageParser()
    p.feed(page)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(p.tags)
    assert all(not (v or "").startswith(("http:", "https:", "//")) for k, v in p.attrs if k in ("src", "href"))
    assert all(not k.startswith("on") for k, _v in p.attrs)
    assert EVIL_NOTE in "".join(p.text)
    assert "<style>" in page


def test_html_highlights_sit_inside_their_paragraph(corpus, anns):
    p = PageParser()
    p.feed(render("html", anns, corpus))
    a = corpus.documents[0]
    block = a.blocks[2]  # the first body paragraph
    para = next(x for x in p.paragraphs if x["text"] == a.text[block.start : block.end])
    marked = "".join(t for _c, t in para["marks"])
    assert "夜市重新热闹起来" in marked and "客流比去年多了三成，周末尤其明显" in marked
    classes = {c for c, _t in para["marks"]}
    assert {"c1", "c3"} <= classes  # the overlap shows the inner (later) annotation's colour
    # The annotation across a heading and a paragraph lights up both.
    heading = next(x for x in p.paragraphs if x["text"] == "消费新场景")
    assert heading["marks"] == [("c4", "消费新场景")]


def test_html_orphan_is_shown_as_its_quote(corpus, anns):
    orphan = ann_on(corpus.documents[1], "直播带货", 20, note="找不到了", status="orphan")
    missing = orphan.with_changes(id="ffffffff-0000-4000-8000-000000000021",
                                  target=orphan.target.__class__("gone.txt", "gone0001", "", "旧栏目", "旧文章"))
    p = PageParser()
    p.feed(render("html", [orphan, missing], corpus))
    text = "".join(p.text)
    assert "orphan" in text and "找不到了" in text and "旧文章" in text and "旧栏目" in text


def test_every_export_takes_its_colours_from_the_one_colour_table(corpus: Corpus) -> None:
    from rich.style import Style

    from annotations.colors import COLOR_NAMES, COLOR_TABLE, color_name

    anns = sample_annotations(corpus)
    html = render("html", anns, corpus)
    md = render("md", anns, corpus)
    inline = render("inline", anns, corpus)
    for n, color in COLOR_TABLE.items():
        assert f"mark.c{n}{{background:{color.html}}}" in html
        Style.parse(f"on {color.terminal}")  # a colour the terminal media understand
        assert COLOR_NAMES[n] == color.name == color_name(n)
    used = {a.color for a in anns}
    for n in used:
        assert color_name(n) in md and color_name(n) in inline
    assert color_name(9) == "colour 9"


def test_markdown_location_names_the_pdf_page() -> None:
    parts = [("title", "版面标题", 1, 1), ("paragraph", "第一页的正文，讲春耕。", 0, 1), ("paragraph", "第二页的正文，讲秋收。", 0, 2)]
    paged = make_doc("pdf00001", "报纸/版面.pdf", "报纸", parts)
    plain = make_doc("txt00001", "文本.txt", "文本", [(t, s, lvl) for t, s, lvl, _ in parts])
    corpus = Corpus(root="/nonexistent", documents=[paged, plain])
    anns = [ann_on(paged, "秋收", 1), ann_on(paged, "春耕", 2), ann_on(plain, "秋收", 3)]
    out = render("md", anns, corpus)
    lines = [ln for ln in out.splitlines() if "–" in ln and " · " in ln]
    assert len(lines) == 3
    assert any(re.search(r"pdf00001 \d+–\d+, p\. 2 ·", ln) for ln in lines)
    assert any(re.search(r"pdf00001 \d+–\d+, p\. 1 ·", ln) for ln in lines)
    assert not any("txt00001" in ln and "p." in ln for ln in lines)
