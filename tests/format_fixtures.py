"""Generated PDF, Word and EPUB files for the format tests, the samples and the benchmark.

Everything here is our own text, laid out by reportlab (its CID font
``STSong-Light`` writes Chinese with no font file), python-docx and ebooklib.
Output is byte-for-byte reproducible (reportlab's invariant mode, fixed EPUB
identifiers), so the committed samples can be regenerated and compared:
``python tests/make_samples.py``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FONT = "STSong-Light"
A4 = (595.0, 842.0)


def _canvas(out: Path | io.BytesIO, **kwargs: object):  # type: ignore[no-untyped-def]
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1  # no creation date or random id: the same bytes every time
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(out if isinstance(out, io.BytesIO) else str(out), pagesize=A4, **kwargs)


#: STSong-Light in its bold style: the PDF names a standard CJK font's bold ``Name,Bold``
#: (reportlab has no bold CID font; this is the same font written under that name).
BOLD_FONT = "STSong-Light,Bold"


def _register_bold() -> None:
    import copy

    from reportlab.pdfbase import cidfonts, pdfmetrics

    if BOLD_FONT in pdfmetrics.getRegisteredFontNames():
        return

    class BoldSong(cidfonts.UnicodeCIDFont):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(FONT)
            self.name = self.fontName = BOLD_FONT

        def addObjects(self, doc: object) -> None:  # as CIDFont.addObjects, under the bold name
            internal = "F" + repr(len(doc.fontMapping) + 1)  # type: ignore[attr-defined]
            info = copy.deepcopy(cidfonts.CIDFontInfo[self.face.name])
            info["Name"] = "/" + internal
            info["Encoding"] = "/" + self.encodingName
            info["BaseFont"] = info["DescendantFonts"][0]["BaseFont"] = "/" + BOLD_FONT
            info["DescendantFonts"][0]["FontDescriptor"]["FontName"] = "/" + BOLD_FONT
            ref = doc.Reference(cidfonts.structToPDF(info), internal)  # type: ignore[attr-defined]
            doc.idToObject["BasicFonts"].dict[internal] = ref  # type: ignore[attr-defined]
            doc.fontMapping[self.name] = "/" + internal  # type: ignore[attr-defined]

    pdfmetrics.registerFont(BoldSong())


def bold_heading_pdf(out: Path | io.BytesIO) -> None:
    """One article whose subheadings are set in bold at the body size (no larger type)."""
    c = _canvas(out)
    _register_bold()
    c.setFont(FONT, 22)
    c.drawString(50, 770, "县域商业体系建设提速")
    c.setFont(FONT, 10.5)
    c.drawString(50, 744, "本报记者 韩雪")
    col = Column(c, 50, 716, 480)
    for item in BOLD_ARTICLE:
        if isinstance(item, tuple):
            col.y -= 6
            c.setFont(BOLD_FONT, 10.5)
            c.drawString(50, col.y, item[0])
            col.y -= 19
        else:
            col.text(item)
    c.showPage()
    c.save()


BOLD_ARTICLE: list[str | tuple[str]] = [
    "今年以来，各地加快完善县域商业体系，乡镇商贸中心和村级便民店数量明显增加，农村消费潜力持续释放。",
    ("物流网络下沉到村",),
    "快递进村覆盖率进一步提高，不少县城建成了共同配送中心，把分散的包裹集中起来统一送到村里。",
    ("农产品上行渠道拓宽",),
    "电商平台与合作社签订长期订单，本地特产通过直播间卖到了全国，农户收入稳步增长。",
]


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaks at ``width`` points (any character may end a Chinese line)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    room = width - indent
    for ch in text:
        if line and stringWidth(line + ch, FONT, size) > room:
            lines.append(line)
            line = ""
            room = width
        line += ch
    if line:
        lines.append(line)
    # No line starts with closing punctuation (a line of just "。" would also
    # have no width when the font is not embedded, and PDFium skips those).
    for i in range(1, len(lines)):
        while lines[i][:1] in "，。、；：！？）」』”" and len(lines[i - 1]) > 1:
            lines[i] = lines[i - 1][-1] + lines[i]
            lines[i - 1] = lines[i - 1][:-1]
    return lines


def latin_lines(text: str, width: float, size: float) -> list[str]:
    """Word wrap that hyphenates a long word at the line end, as typesetters do."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, FONT, size) <= width:
            line = trial
            continue
        if len(word) >= 8:
            for cut in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:cut]}-".strip()
                if stringWidth(head, FONT, size) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@dataclass
class Column:
    """Places paragraphs top to bottom in one column; reports where it stopped."""

    c: object
    x: float
    y: float
    width: float
    bottom: float = 60.0
    size: float = 10.5
    leading: float = 15.0
    spill: list[str] = field(default_factory=list)  # lines that did not fit

    def text(self, text: str, size: float | None = None, indent: bool = True, gap: float = 0.0) -> None:
        size = size or self.size
        self.y -= gap
        lines = wrap(text, self.width, size, 2 * size if indent else 0.0)
        for i, line in enumerate(lines):
            if self.y < self.bottom:
                self.spill.extend(lines[i:])
                return
            x = self.x + (2 * size if indent and i == 0 else 0.0)
            self.c.setFont(FONT, size)  # type: ignore[attr-defined]
            self.c.drawString(x, self.y, line)  # type: ignore[attr-defined]
            self.y -= self.leading * size / self.size

    def lines(self, lines: list[str], first_indent: bool = False) -> None:
        for i, line in enumerate(lines):
            self.c.setFont(FONT, self.size)  # type: ignore[attr-defined]
            x = self.x + (2 * self.size if first_indent and i == 0 else 0.0)
            self.c.drawString(x, self.y, line)  # type: ignore[attr-defined]
            self.y -= self.leading


def _picture(c: object, x: float, y: float, w: float, h: float) -> None:
    """A grey photo (an image object, as a real photo would be)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (40, 30), (150, 160, 170))
    c.drawImage(ImageReader(img), x, y, w, h)  # type: ignore[attr-defined]


def _header(c: object, page: int, paper: str = "江南日报", date: str = "2026年3月18日 星期三") -> None:
    c.setFont(FONT, 9)  # type: ignore[attr-defined]
    c.drawString(50, 812, f"{paper}  {date}  第{page}版")  # type: ignore[attr-defined]
    c.drawString(290, 30, f"- {page} -")  # type: ignore[attr-defined]


ARTICLE_1 = [
    "春分过后，江南市老城区的青石巷迎来了新一轮更新改造。施工队先修管网，再铺路面，居民的日常出行基本没有受到影响。",
    "住在巷口的陈阿姨说，过去一下雨巷子里就积水，如今排水通畅了，门前还添了两张长椅，邻居们傍晚常坐在一起聊天。",
    "街道负责人介绍，改造方案前后征求了三轮意见，居民提出的一百多条建议大多被采纳，其中包括保留老井和拓宽消防通道。",
]
ARTICLE_1_MORE = [
    "改造后的沿街铺面陆续开张，有修鞋铺，有早点摊，也有年轻人开的书店。店主们说，租金稳定，客流比预想的要多。",
    "The planners call this approach micro-renewal, which relies on local information, small steps and no large demolition.",
]
ARTICLE_2 = [
    "新华街社区食堂开业一年来，每天为周边老人提供午餐和晚餐，菜品每周更换，价格比市场低两成左右。",
    "食堂负责人说，最忙的时候一天要准备四百多份饭菜，志愿者们轮流帮忙，送餐到行动不便的老人家中。",
    "社区还在食堂旁边开设了健康小屋，每周二和周五有医生坐诊，老人吃完饭就能顺便量血压、测血糖。",
    "不少老人说，食堂不只是吃饭的地方，也成了大家见面说话的地方，日子过得比以前热闹多了。",
    "下一步，社区计划把食堂的服务时间延长到周末，并增加适合糖尿病老人的低糖菜品。",
]


def newspaper_pdf(out: Path | io.BytesIO, pages: int = 2) -> None:
    """A two-column newspaper page (then more): running header and folio on every page,
    a title wrapped over two lines, a byline, subheadings, a photo with its caption,
    and an article that continues from one page onto the next."""
    c = _canvas(out)
    # Page 1: article 1 with a two-line title across both columns.
    _header(c, 1)
    c.setFont(FONT, 22)
    c.drawString(50, 770, "老城区青石巷完成更新改造")
    c.drawString(50, 742, "居民出行更方便邻里更亲近")
    c.setFont(FONT, 10.5)
    c.drawString(50, 718, "本报记者 林晓峰 通讯员 王青")
    left = Column(c, 50, 692, 235)
    right = Column(c, 310, 692, 235)
    for para in ARTICLE_1:
        left.text(para)
    left.text("老井保留了下来", size=13.5, indent=False, gap=6)
    left.y -= 4
    for para in ARTICLE_1_MORE[:1]:
        left.text(para)
    # A Latin paragraph with a word hyphenated at a line end, as typeset.
    left.lines(latin_lines(ARTICLE_1_MORE[1], 235, 10.5))
    _picture(c, 310, 560, 235, 130)
    c.setFont(FONT, 8)
    c.drawString(310, 546, "改造后的青石巷一角，老井旁新添了座椅")
    right.y = 520
    right.text("铺面里的新生意", size=13.5, indent=False)
    right.y -= 4
    right.text("巷尾的修表铺已经开了三十年，老师傅说，路修好以后，来修表的年轻人反而多了。")
    right.text("（完）", indent=False)
    # Article 2 starts at the bottom of page 1 and continues on page 2.
    c.setFont(FONT, 22)
    c.drawString(50, 330, "社区食堂温暖老人的胃")
    c.setFont(FONT, 10.5)
    c.drawString(50, 306, "本报记者 周敏")
    left2 = Column(c, 50, 282, 235, bottom=60)
    right2 = Column(c, 310, 282, 235, bottom=60)
    rest: list[str] = []
    for para in ARTICLE_2[:2]:
        left2.text(para)
    for para in ARTICLE_2[2:3]:
        right2.text(para)
    # The fourth paragraph breaks at the foot of the page, mid-sentence: its first line on page 1.
    tail = wrap(ARTICLE_2[3], 235, 10.5, 21)
    right2.lines(tail[:1], first_indent=True)
    rest = tail[1:]
    c.showPage()
    for number in range(2, pages + 1):
        _header(c, number)
        col = Column(c, 50, 780, 235)
        if number == 2:
            col.lines(rest)  # the sentence goes on, not indented
            col.text(ARTICLE_2[4])
            col.text("（市民政局供稿）", indent=False)
        c.setFont(FONT, 22)
        title = f"春季植树活动在{number}个公园同时开展" if number > 2 else "河道清淤工程提前完工"
        c.drawString(310, 770, title)
        c.setFont(FONT, 10.5)
        c.drawString(310, 746, "本报记者 韩雪")
        other = Column(c, 310, 720, 235)
        other.text(f"记者从市水务部门获悉，第{number}期河道清淤工程比原计划提前十天完工，共清理淤泥两万多立方米。")
        other.text("清淤之后，河水明显变清，沿河步道也重新开放，附近居民又能在河边散步了。")
        c.showPage()
    c.save()


MAGAZINE_ENTRIES = [
    ("专题研究", "数字经济如何带动县域产业升级", 3),
    ("专题研究", "新能源汽车下乡的三个观察", 4),
    ("地方实践", "一座小城的夜市经济", 5),
]
MAGAZINE_BODIES = {
    "数字经济如何带动县域产业升级": [
        "县域经济是国民经济的基本单元。近年来，不少县城借助电商平台，把本地特产卖到了全国。",
        "调查发现，物流成本和人才短缺仍是制约县域数字经济发展的主要因素，需要持续投入。",
    ],
    "新能源汽车下乡的三个观察": [
        "今年以来，新能源汽车在乡镇市场的销量明显增长，充电设施建设也在加快推进。",
        "一是价格更亲民，二是使用成本低，三是售后网点逐步下沉，这三点让农民愿意尝试。",
    ],
    "一座小城的夜市经济": [
        "傍晚六点，小城的夜市准时亮灯，两百多个摊位从街头排到街尾，吸引了不少外地游客。",
        "市场管理方说，夜市统一了摊位标准和卫生要求，既保留了烟火气，也让环境更整洁。",
    ],
}


def magazine_pdf(out: Path | io.BytesIO) -> None:
    """A magazine issue: a cover, a contents page with leader dots, then one article a page."""
    c = _canvas(out)
    c.setFont(FONT, 30)
    c.drawString(60, 700, "产业观察")
    c.setFont(FONT, 14)
    c.drawString(60, 670, "2026年 第3期")
    c.setFont(FONT, 10.5)
    c.drawString(60, 640, "主编：陆文涛")
    c.showPage()
    c.setFont(FONT, 18)
    c.drawString(60, 760, "目录")
    y = 720
    section = None
    for sec, title, page in MAGAZINE_ENTRIES:
        if sec != section:
            c.setFont(FONT, 13)
            c.drawString(60, y, sec)
            y -= 24
            section = sec
        c.setFont(FONT, 10.5)
        c.drawString(80, y, title + " " + "." * 40 + f" {page}")
        y -= 20
    c.showPage()
    for number, (_sec, title, _page) in enumerate(MAGAZINE_ENTRIES, start=3):
        c.setFont(FONT, 9)
        c.drawString(60, 812, "产业观察 2026年第3期")
        c.drawString(290, 30, str(number))
        c.setFont(FONT, 20)
        c.drawString(60, 760, title)
        c.setFont(FONT, 10.5)
        c.drawString(60, 735, "文/刘景芝")
        col = Column(c, 60, 705, 475)
        for para in MAGAZINE_BODIES[title]:
            col.text(para)
        c.showPage()
    c.save()


def scan_pdf(out: Path | io.BytesIO, pages: int = 2) -> None:
    """Pages that are only pictures, as a scanner makes them."""
    c = _canvas(out)
    for _ in range(pages):
        _picture(c, 40, 40, 515, 760)
        c.showPage()
    c.save()


def locked_pdf(out: Path | io.BytesIO) -> None:
    """A PDF that needs a password to open."""
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=0)
    c = _canvas(out, encrypt=enc)
    c.setFont(FONT, 12)
    c.drawString(60, 700, "这份文件需要密码才能打开。")
    c.showPage()
    c.save()


def pdf_bytes(make, *args: object) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    make(buf, *args)
    return buf.getvalue()


def damaged_pdf() -> bytes:
    """A PDF header followed by nothing PDFium can use."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\n" + bytes(range(256)) * 4


def long_pdf(out: Path | io.BytesIO, pages: int = 200) -> None:
    """Many newspaper-like pages: two columns, a title and a byline each (the benchmark)."""
    c = _canvas(out)
    for number in range(1, pages + 1):
        _header(c, number)
        c.setFont(FONT, 22)
        c.drawString(50, 770, f"第{number}篇报道的标题写在这里")
        c.setFont(FONT, 10.5)
        c.drawString(50, 746, "本报记者 林晓峰")
        for x in (50, 310):
            col = Column(c, x, 720, 235)
            k = 0
            while col.y > 80:
                para = ARTICLE_2[(number + k + int(x)) % len(ARTICLE_2)] + ARTICLE_1[(number * 7 + k) % len(ARTICLE_1)]
                col.text(f"第{number}页第{k}段。" + para)
                k += 1
        c.showPage()
    c.save()


# ---- Word ---------------------------------------------------------------------


def briefing_docx(out: Path | io.BytesIO, pages: int = 1) -> None:
    """A Word briefing: title style, heading styles, core properties, a table."""
    import datetime

    from docx import Document

    doc = Document()
    props = doc.core_properties
    props.title = "城市更新工作简报"
    props.author = "市住建局办公室"
    props.created = datetime.datetime(2026, 3, 18, 9, 0, 0)
    props.modified = datetime.datetime(2026, 3, 18, 9, 0, 0)
    doc.add_paragraph("城市更新工作简报", style="Title")
    doc.add_paragraph("本报记者 林晓峰")
    for n in range(pages):
        suffix = f"（{n + 1}）" if pages > 1 else ""
        doc.add_heading(f"一、老旧小区改造进展{suffix}", level=1)
        doc.add_paragraph("今年一季度，全市新开工改造老旧小区四十二个，惠及居民一万八千多户。加装电梯、管网更新和适老化改造同步推进。" * (3 if pages > 1 else 1))
        doc.add_heading("（一）加装电梯", level=2)
        doc.add_paragraph("已完成加装电梯一百二十部，另有六十部正在施工，预计年中前全部投入使用。" * (3 if pages > 1 else 1))
        table = doc.add_table(rows=3, cols=3)
        for r, row in enumerate([("区", "开工小区", "惠及户数"), ("东城区", "15", "6200"), ("西城区", "27", "11800")]):
            for k, value in enumerate(row):
                table.cell(r, k).text = value
        doc.add_heading(f"二、下一步工作{suffix}", level=1)
        doc.add_paragraph("下一步将重点推进历史街区保护性更新，做到留改拆并举。" * (6 if pages > 1 else 1))
        if pages > 1:
            doc.add_page_break()
    doc.save(out)


# ---- EPUB -----------------------------------------------------------------------

BOOK_CHAPTERS = [
    ("第一章 出发", ["清晨的火车站人来人往，他背着一只旧帆布包，准备回到阔别十年的故乡。", "车窗外的田野一片金黄，他想起小时候在稻田里追赶蜻蜓的日子。"]),
    ("第二章 老屋", ["老屋的门锁已经生锈，推开门的那一刻，灰尘在阳光里慢慢飞舞。", "墙上还挂着父亲留下的那幅山水画，颜色褪了，山却依旧青。"]),
    ("第三章 重逢", ["傍晚，他在村口的小卖部遇见了儿时的伙伴，两人相视一笑，仿佛从未分开。", "那天夜里，他们坐在院子里聊到很晚，月亮升得很高。"]),
]


def book_epub(out: Path | io.BytesIO, repeat: int = 1) -> None:
    """An EPUB with several chapters, a table of contents and metadata."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("reader-sample-book-0001")
    book.set_title("回乡记")
    book.set_language("zh")
    book.add_author("林晓峰")
    book.add_metadata("DC", "date", "2026-03-18")
    chapters = []
    for n, (title, paras) in enumerate(BOOK_CHAPTERS, start=1):
        ch = epub.EpubHtml(title=title, file_name=f"chap_{n:02d}.xhtml", lang="zh")
        body = "".join(f"<p>{p}</p>" for p in paras * repeat)
        ch.content = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
        book.add_item(ch)
        chapters.append(ch)
    book.toc = [epub.Link(ch.file_name, title, f"c{n}") for n, (ch, (title, _)) in enumerate(zip(chapters, BOOK_CHAPTERS), 1)]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    if isinstance(out, io.BytesIO):
        epub.write_epub(out, book, {})
    else:
        epub.write_epub(str(out), book, {})
    _fix_zip_times(out)


def _fix_zip_times(out: Path | io.BytesIO) -> None:
    """ebooklib stamps the current time on every member: rewrite with a fixed one."""
    data = out.getvalue() if isinstance(out, io.BytesIO) else Path(out).read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 3, 18, 0, 0, 0))
            fixed.compress_type = info.compress_type
            dst.writestr(fixed, src.read(info.filename))
    if isinstance(out, io.BytesIO):
        out.seek(0)
        out.truncate()
        out.write(buf.getvalue())
    else:
        Path(out).write_bytes(buf.getvalue())


def zip_bytes(members: dict[str, bytes], compress: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()
