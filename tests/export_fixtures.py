"""Sample documents and annotations for the export/import tests (our own sentences)."""

from __future__ import annotations

import html
import re

from corpus.model import Corpus, Document, join_blocks
from annotations.model import Annotation, Target, make_selector

DOC_A_PARTS = [
    ("title", "城市夜间经济观察", 1),
    ("byline", "本报记者 李明", 0),
    ("paragraph", "夜市重新热闹起来，小吃摊前排起长队。摊主说，今年的客流比去年多了三成，周末尤其明显。", 0),
    ("heading", "消费新场景", 2),
    ("paragraph", "不少商场延长营业时间，书店、影院和健身房也加入“夜经济”。有人担心噪音，有人看到机会。", 0),
    ("paragraph", "专家认为，夜间消费要兼顾居民休息，管理要细，服务要暖。", 0),
]
DOC_B_PARTS = [
    ("title", "跨境电商的新变化", 1),
    ("paragraph", "跨境电商平台开始在海外建仓，物流时间从两周缩短到五天。卖家更关心退货成本。", 0),
    ("paragraph", "有企业尝试用直播带货打开新市场，效果因地而异。", 0),
]
DOC_C_PARTS = [
    ("title", "乡村图书室的一天", 1),
    ("paragraph", "清晨六点，图书室的灯就亮了。管理员王阿姨把报纸一份份夹好，等孩子们放学来读书。", 0),
]


def make_doc(doc_id: str, file: str, section: str, parts, **kw) -> Document:
    text, blocks = join_blocks(parts)
    return Document(id=doc_id, file=file, section=section, title=parts[0][1], text=text, blocks=blocks, **kw)


def sample_corpus() -> Corpus:
    docs = [
        make_doc("aaaa0001", "经济/夜经济.txt", "经济", DOC_A_PARTS, authors=["李明"], date="2024-03-01", source="本报"),
        make_doc("bbbb0002", "经济/跨境.txt", "经济", DOC_B_PARTS, date="2024-03-02"),
        make_doc("cccc0003", "文化/图书室.txt", "文化", DOC_C_PARTS),
    ]
    return Corpus(root="/nonexistent/sample", documents=docs)


def ann_on(doc: Document, quote: str, n: int, *, note: str = "", tags=(), color: int = 1,
           occurrence: int = 0, status: str = "anchored") -> Annotation:
    """An annotation of the ``occurrence``-th ``quote`` in ``doc`` with a fixed id and dates."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(quote, start + 1)
    return Annotation(
        id=f"{n:08x}-0000-4000-8000-{n:012x}",
        target=Target.of(doc),
        selector=make_selector(doc.text, start, start + len(quote)),
        note=note,
        tags=tuple(tags),
        color=color,
        created=f"2024-04-{n % 28 + 1:02d}T08:00:00.000Z",
        modified=f"2024-05-{n % 28 + 1:02d}T09:30:00.000Z",
        status=status,
    )


EVIL_NOTE = '注意 <script>alert(1)</script> 和 "&<>'


def sample_annotations(corpus: Corpus) -> list[Annotation]:
    a, b, c = corpus.documents
    return [
        ann_on(a, "夜市重新热闹起来", 1, note="开头很有画面感", tags=["夜经济", "好开头"], color=1),
        ann_on(a, "客流比去年多了三成", 2, note=EVIL_NOTE, tags=["数据"], color=2),
        # Overlaps the previous one and crosses nothing else.
        ann_on(a, "多了三成，周末尤其明显", 3, note="重叠的批注", color=3),
        # Spans two blocks (heading into paragraph).
        ann_on(a, "消费新场景\n\n不少商场", 4, tags=["结构"], color=4),
        ann_on(a, "管理要细，服务要暖", 5, note="- 第一点\n- 第二点\n\n**加粗**", tags=["政策 建议"], color=5),
        ann_on(b, "物流时间从两周缩短到五天", 6, note='含逗号, 引号 "这样" 和\n换行', tags=["跨境", "物流"], color=6),
        ann_on(b, "直播带货", 7),  # highlight only: no note, no tags
        ann_on(c, "图书室的灯就亮了", 8, note="=SUM(A1:A2) 看起来像公式", tags=["乡村"], color=2),
    ]


def read_inline(md: str) -> tuple[str, set[int], dict[int, int]]:
    """(text, highlighted offsets, footnote number → offset) of an inline-export body."""
    out: list[str] = []
    lit: set[int] = set()
    refs: dict[int, int] = {}
    on = False
    i, line_start = 0, True
    while i < len(md):
        if line_start:
            m = re.match(r"#{1,6} ", md[i:])
            if m:
                i += m.end()
            line_start = False
            continue
        if md.startswith("==", i):
            on = not on
            i += 2
            continue
        m = re.match(r"\[\^(\d+)\]", md[i:])
        if m:
            refs[int(m.group(1))] = len(out)
            i += m.end()
            continue
        if md[i] == "\\" and i + 1 < len(md):
            ch, i = md[i + 1], i + 2
        else:
            m = re.match(r"&(lt|gt|amp|#\d+);", md[i:])
            ch, i = (html.unescape(m.group(0)), i + m.end()) if m else (md[i], i + 1)
        if on:
            lit.add(len(out))
        out.append(ch)
        if ch == "\n":
            line_start = True
    assert not on, "a highlight was left open"
    return "".join(out), lit, refs
