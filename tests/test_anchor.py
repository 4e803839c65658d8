"""Re-anchoring case table: every way a document's text changes under a note."""

from __future__ import annotations

import pytest

from annotations.anchor import anchor, reanchor_document, reanchored
from annotations.model import Annotation, make_selector, new_annotation
from annotations.store import AnnotationStore
from corpus.model import Block, Document

P1 = "今年以来，我市外贸进出口总体保持稳定，跨境电商综合试验区建设取得积极进展，新增备案企业一百二十家。"
P2 = "与此同时，港口吞吐能力持续提升，集装箱航线新开通三条，物流成本明显下降。"
P3 = "下一步，我们将继续优化营商环境，支持企业开拓多元市场，推动贸易高质量发展。"
TEXT = "\n".join([P1, P2, P3])
QUOTE = "跨境电商综合试验区建设取得积极进展"


def make(text: str, quote: str, nth: int = 0) -> Annotation:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    doc = Document(id="d", file="f.txt", section="经济", title="t", text=text, blocks=[Block("paragraph", 0, len(text))])
    return new_annotation(doc, start, start + len(quote), note="备注")


def found(text: str, sel) -> str:
    return text[sel.start : sel.end]


def test_unchanged_text_is_anchored_in_place():
    ann = make(TEXT, QUOTE)
    sel, status = anchor(ann, TEXT)
    assert status == "anchored" and sel == ann.selector


CASES = [
    # (name, new text, expected quote found, expected status)
    ("text inserted before", "新华社讯 本报记者报道。\n" + TEXT, QUOTE, "moved"),
    ("context edited", TEXT.replace("总体保持稳定", "稳中有进").replace("新增备案企业", "新登记企业"), QUOTE, "moved"),
    ("quote edited by a few chars", TEXT.replace(QUOTE, "跨境电商综试区建设取得积极进展"), "跨境电商综试区建设取得积极进展", "moved"),
    ("quote moved to another paragraph", "\n".join([P1.replace("跨境电商综合试验区建设取得积极进展，", ""), P2, P3 + "此外，" + QUOTE + "。"]), QUOTE, "moved"),
    ("quote deleted", "\n".join([P1.replace("跨境电商综合试验区建设取得积极进展，", ""), P2, P3]), None, "orphan"),
    ("quote and context edited and shifted", "（一）" + TEXT.replace(QUOTE, "跨境电商综合试验区的建设取得了积极进展").replace("我市", "本市"), "跨境电商综合试验区的建设取得了积极进展", "moved"),
]


@pytest.mark.parametrize("name,new_text,expected,status", CASES, ids=[c[0] for c in CASES])
def test_reanchoring_cases(name, new_text, expected, status):
    ann = make(TEXT, QUOTE)
    sel, got = anchor(ann, new_text)
    assert got == status
    if expected is None:
        assert sel is None
    else:
        assert found(new_text, sel) == expected
        assert sel.exact == expected
        assert sel == make_selector(new_text, sel.start, sel.end)


def test_repeated_quote_is_disambiguated_by_context():
    text = "第一部分：改革开放以来，农业发展很快。第二部分：改革开放以来，工业发展更快。"
    ann = make(text, "改革开放以来", nth=1)  # the one before 工业
    new = "前言。\n" + text.replace("第一部分", "第一章节")
    sel, status = anchor(ann, new)
    assert status == "moved"
    assert new[sel.end : sel.end + 3] == "，工业"
    # and the other one stays with its own context
    first = make(text, "改革开放以来", nth=0)
    sel1, _ = anchor(first, new)
    assert new[sel1.end : sel1.end + 3] == "，农业"


def test_short_quote_at_old_position_with_foreign_context_is_rechecked():
    text = "甲说：好。乙说：不好。"
    ann = make(text, "好", nth=1)  # the 好 in 不好, at offset 9
    new = "甲说：好。丙丁说：好。乙说：不好。"
    assert new[9] == "好"  # the old offset now holds a different 好
    sel, status = anchor(ann, new)
    assert new[sel.start - 1 : sel.end] == "不好" and status == "moved"


def test_too_many_edits_is_orphan_not_a_guess():
    ann = make(TEXT, QUOTE)
    garbled = TEXT.replace(QUOTE, "跨境物流枢纽项目推进比预期要慢一些")
    sel, status = anchor(ann, garbled)
    assert (sel, status) == (None, "orphan")


def test_fuzzy_work_is_bounded_on_a_long_document():
    filler = "".join(f"第{i}段，经济运行总体平稳，市场预期持续改善。" for i in range(5000))
    ann = make(TEXT, QUOTE)
    new = filler + TEXT.replace(QUOTE, "跨境电商综试区建设取得积极进展") + filler
    sel, status = anchor(ann, new)
    assert status == "moved" and found(new, sel) == "跨境电商综试区建设取得积极进展"


def doc_of(text: str, doc_id: str = "d") -> Document:
    return Document(id=doc_id, file="f.txt", section="经济", title="t", text=text, blocks=[Block("paragraph", 0, len(text))])


def test_reanchor_document_updates_store_and_keeps_orphans():
    store = AnnotationStore(memory=True)
    old = doc_of(TEXT)
    keep = store.add(new_annotation(old, TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE), note="a"))
    gone_q = "集装箱航线新开通三条"
    gone = store.add(new_annotation(old, TEXT.index(gone_q), TEXT.index(gone_q) + len(gone_q), note="b"))
    new_text = "导语。\n" + TEXT.replace("集装箱航线新开通三条，", "")
    new = doc_of(new_text)
    out = reanchor_document(store, new)
    assert [a.id for a in out] == [keep.id, gone.id] or {a.id for a in out} == {keep.id, gone.id}
    k, g = store.get(keep.id), store.get(gone.id)
    assert k.status == "moved" and found(new_text, k.selector) == QUOTE
    assert k.target.fingerprint == new.fingerprint and k.modified == keep.modified
    assert g.status == "orphan" and g.selector.exact == gone_q and g.note == "b"
    # Running again changes nothing (fingerprints now match).
    assert reanchor_document(store, new) == sorted(store.for_document("d"), key=lambda a: a.selector.start)


def test_reanchored_keeps_moved_until_reviewed():
    ann = make(TEXT, QUOTE).with_changes(status="moved")
    assert reanchored(ann, doc_of(TEXT)).status == "moved"


def test_reanchor_corpus_follows_a_note_whose_document_was_resplit():
    from annotations.anchor import reanchor_corpus
    from corpus.model import Corpus

    store = AnnotationStore(memory=True)
    old = doc_of(TEXT, "file-01")
    moved = store.add(new_annotation(old, TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE)))
    same = store.add(new_annotation(doc_of(P2, "other"), 0, 4))
    # The file is now split into two documents with new ids; "other" is unchanged.
    first, second = doc_of(P1, "file-a"), doc_of(P2 + "\n" + P3, "file-b")
    corpus = Corpus(root="/c", documents=[first, second, doc_of(P2, "other")])
    counts = reanchor_corpus(store, corpus)
    got = store.get(moved.id)
    assert got.target.doc_id == "file-a" and found(P1, got.selector) == QUOTE and got.status == "moved"
    assert store.get(same.id) == same
    assert counts["unchanged"] == 1 and counts["moved"] == 1


SENTENCES = [
    "今年以来，我市外贸进出口总体保持稳定，跨境电商综合试验区建设取得积极进展。",
    "港口吞吐能力持续提升，集装箱航线新开通三条，物流成本明显下降。",
    "下一步将继续优化营商环境，支持企业开拓多元市场，推动贸易高质量发展。",
    "社区食堂开到了家门口，老人们吃上了热乎饭，这是一件暖心的好事。",
    "数据显示，全年新增市场主体一万两千户，同比增长百分之八点五。",
]


def long_text(rng) -> str:
    """About 20,000 characters of my sentences' characters in random order: few long repeats."""
    chars = sorted(set("".join(SENTENCES)) - set("，。"))
    out = []
    for _ in range(1000):
        out.append("".join(rng.choice(chars) for _ in range(rng.randint(8, 30))))
        out.append(rng.choice("，，，。\n"))
    return "".join(out)


def test_long_edited_quotes_are_found_at_their_place():
    import random

    rng = random.Random(11)
    text = long_text(rng)
    d = doc_of(text)
    for _ in range(40):
        length = rng.choice([30, 60, 120, 200])
        start = rng.randrange(0, len(text) - length)
        ann = new_annotation(d, start, start + length)
        cut = sorted(rng.sample(range(start + 1, start + length - 1), 2))  # two characters of the quote go
        new = "导语。" + text[:cut[0]] + text[cut[0] + 1 : cut[1]] + text[cut[1] + 1 :]
        sel, status = anchor(ann, new)
        assert status == "moved", (start, length)
        assert abs(sel.start - (start + 3)) <= 1 and abs(sel.end - (start + length + 1)) <= 1


def test_edited_quote_at_its_place_beats_the_same_words_elsewhere():
    quote = "跨境电商综合试验区建设取得积极进展"
    text = f"第一段：关于开放，{quote}，令人鼓舞。第二段：另据报道，外省{quote}，值得借鉴。"
    ann = make(text, quote, nth=0)
    edited = text.replace(f"关于开放，{quote}", "关于开放，跨境电商综试区建设取得积极进展", 1)
    sel, status = anchor(ann, edited)
    assert status == "moved" and sel.exact == "跨境电商综试区建设取得积极进展"
