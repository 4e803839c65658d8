"""Line-level rules for PDF-extracted Chinese text: what kind of line is this?

Each rule uses general signals of Chinese print layout (punctuation, length,
byline and credit formulas, surnames) rather than strings of any one paper.
:func:`classify` returns a block type plus what the line tells us (authors,
source, date) for the document's metadata.
"""

from __future__ import annotations

import re

from .draft import LineInfo
from .frontmatter import normalize_date

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Punctuation that ends a sentence (the line is a complete unit).
FINAL = "。！？!?…"
#: Closers that may follow the final punctuation: 。” or ！）.
CLOSERS = "”’」』）)】》\"'"
#: Line ends after which text never continues on the next line.
_STOP_END = re.compile(f"[{FINAL}；;：:][{re.escape(CLOSERS)}]*$|[.][{re.escape(CLOSERS)}]*$")
_FINAL_END = re.compile(f"[{FINAL}][{re.escape(CLOSERS)}]*$")

#: Longest line still taken for a title or subheading.
HEAD_MAX = 40

# Common single-character surnames (the top ~300 cover nearly everyone) and
# compound ones, for recognising lone author names such as "乔瑞庆".
_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_SURNAMES_2 = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "南宫", "西门", "独孤", "呼延",
)
# Words that start with a surname character but are not names (common in
# short subheadings such as "高质量发展" or "万亿元").
_NOT_NAME_END = set("的了是在和与及或等中上下里外前后说称网报社部局厅委会院所省市县区国家业年月日量元率性化型式点类项次件个种批例份台套篇条")


_NAME_CHARS = re.compile(f"[{CJK}]{{2,4}}")
_SPACED_NAME = re.compile(f"([{CJK}])[ \u3000]+([{CJK}]{{1,2}})")
_NAME_SEP = re.compile(r"[\s\u3000、，,／/；;]+")
_LEVEL3 = re.compile(r"^([（(][一二三四五六七八九十]+[）)]|\d+\.\d+)")
_COMMAS = re.compile(r"[，、；,;]")
_ASCII = re.compile(r"[\x00-\x7f]+")
_ANY_FINAL = re.compile(f"[{FINAL}]")
_LETTER = re.compile(f"[{CJK}A-Za-z]")


def is_name(token: str) -> bool:
    """A plausible Chinese personal name: surname + one or two characters."""
    if not _NAME_CHARS.fullmatch(token):
        return False
    if token[-1] in _NOT_NAME_END:
        return False
    if token[:2] in _SURNAMES_2:
        return 3 <= len(token) <= 4
    return token[0] in _SURNAMES_1 and len(token) <= 3


def names_in(text: str) -> list[str] | None:
    """Split a run like "刘景芝 高艳" or "王 青" into names; None if any token is not one."""
    text = text.strip()
    if not text:
        return None
    # "王 青": a two-character name set with a space between its characters.
    m = _SPACED_NAME.fullmatch(text)
    if m and is_name(m.group(1) + m.group(2)):
        return [m.group(1) + m.group(2)]
    tokens = [t for t in _NAME_SEP.split(text) if t]
    if not tokens or len(tokens) > 6:
        return None
    return tokens if all(is_name(t) for t in tokens) else None


_R = re.compile

CONTINUATION = _R(r"^[（(【\[]?\s*(完[）)\]】]$|上接|下转|接上页|转下页|下接|上转|转第|接第|续第|续上|转\s*[A-Z]?\d+\s*版|接\s*[A-Z]?\d+\s*版)")

# "…本报记者 林晓峰 摄": a photo credit ends a caption of any length.
_PHOTO_CREDIT = _R(f"记者[\\s\u3000]*[{CJK}]{{2,4}}([\\s\u3000、]+[{CJK}]{{2,4}})*[\\s\u3000]*摄$")
_CAPTION = [
    _R(r"[/／|｜]\s*(图|供图|摄|摄影|制图|绘图|视觉中国|图虫创意)$"),
    _R(r"[（(][^（）()]{0,16}(发|供图|摄|图片|资料图)[）)]$"),
    _PHOTO_CREDIT,
    _R(f"^[{CJK}]{{2,4}}[\\s\u3000]*摄$"),
    _R(r"^(图|图片|上图|下图|左图|右图|题图|配图|资料图)\s*\d*\s*[:：|｜为]"),
    _R(r"^图\s*\d+[\s.、：:]"),
    _R(r"(视觉中国|图虫创意|东方IC|CFP|IC\s*photo)"),
]

# Collective authors: 编者, 本刊编辑部, 课题组, 本报评论员.
_COLLECTIVE = _R(r"^(编者|本刊编辑部|编辑部|本报评论员|本刊评论员|评论员|[^\s，。]{0,12}课题组|[^\s，。]{0,12}研究组)$")
_BYLINE = [
    _R(r"^(本报|本刊|本台|本网|新华社|中新社|人民日报|经济日报|光明日报)?(特约|首席)?(记者|通讯员|评论员|实习生|特约撰稿人)[\s\u3000]*[^，。！？]{0,30}$"),
    _R(r"^据[^，。]{1,14}(电|报道|消息)$"),
    # Datelines: "新华社北京3月5日电", "本报上海3月5日电（记者 张三）".
    _R(r"^(本报|新华社|中新社|央视网|人民网|新华网)[^，。\s]{0,14}电\s*([（(][^）)]{0,30}[）)])?$"),
    _R(r"^(本报|新华社|中新社)[^，。]{0,14}电\s*[（(]?\s*(记者|通讯员)"),
    _R(r"^(文|文/图|图/文|作者|撰文|撰稿|口述|整理|编译|执笔)\s*[/／:：|｜]"),
    _R(r"^[^\s，。]{2,12}记者[\s\u3000]*[^，。！？]{1,24}$"),
    _COLLECTIVE,
    _R(r"^[（(](作者|本文作者)(系|为|单位|是|简介)"),
    _R(r"^[（(]\s*(作者|文|撰稿|撰文|记者|通讯员)\s*[:：/／\s]"),
]
# "经济日报 王 青": an outlet, then the writer's name.
_OUTLET_NAME = _R(f"^([{CJK}A-Za-z]{{2,12}}(日报|晚报|晨报|时报|商报|周刊|杂志|网|报|社|电视台))[\\s\u3000]+(.+)$")
_BYLINE_STRIP = _R(r"^(.*?(记者|通讯员|评论员|实习生|撰稿人|作者|撰文|撰稿|文|图/文|文/图|整理|编译|执笔)\s*[/／:：|｜]?)|(报道|采写|摄|撰文|整理)$")

_DATE = r"(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)"
_OUTLET_DATE = _R(r"^(.{1,40}?)[\s\u3000]+" + _DATE + r"$")
_SOURCE = [
    _R(r"^(来源|资料来源|数据来源|稿件来源|消息来源|出处|本文来源|转自|原文链接|原标题)\s*[:：]"),
    _R(r"^附\s*(件\s*\d*)?\s*[:：]"),
    _R(r"^[—\-－]{1,2}\s*(摘自|选自|来源)"),
    _R(r"^[（(](摘自|选自|来源|转载自|据)[^（）()]{1,40}[）)]$"),
]
_PARENS = _R(r"^[（(]([^（）()]{1,24})[）)]$")
_SUPPLIED = _R(r"(供稿|来稿|提供|稿|供)$")

# A page header: "2026年3月18日 星期三", "经济日报 2025年4月8日 星期二 5".
_PAGE_DATE = _R(r"^[^，。]{0,16}?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天][^，。]{0,12}$")
_FURNITURE = [
    _R(r"^<?(https?://|www\.)\S+>?$", re.I),
    _R(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"),
    _R(r"^(电话|传真|热线|服务热线|新闻热线|邮编|邮政编码|网址|网站|E-?mail|邮箱|电子邮箱|地址|社址|QQ|微信|微博|定价|零售价|印刷|发行|国内统一刊号|刊号|ISSN|CN|广告经营许可证)\s*[:：]", re.I),
    _R(r"^(责任编辑|责编|主\s*编|副主编|编\s*审|编审名单|执行编辑|本版编辑|美术编辑|美编|校对|审校|排版|版式设计|版式|值班编辑|监制|出品人|总编辑|编辑部|编辑|制版|审核|终审|二审|三审|一审)\s*([:：/／|｜\s]|$)"),
    _R(r"^[\d()（）\-－\s+]{7,}$"),
    _R(r"^(第\s*\d+\s*版|[A-Z]\d{1,2}\s*版?|\d{1,3}|[A-Z]\d{1,2}\s*[\u4e00-\u9fff]{2,6})$"),
    _PAGE_DATE,
    _R(r"^(关键词|关键字|Key\s*words?)\s*[:：]", re.I),
    _R(r"^(\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百]+\s*期$|^[(（]?总第\s*[\d一二三四五六七八九十百]+\s*期[)）]?$"),
    _R(r"^(扫码|长按|点击|关注|欢迎关注|分享到|转发|返回顶部|阅读原文|更多精彩)"),
]
#: Numbered subheadings: 一、 （一） 1. 1.1 第一章 (1)
NUMBERED = _R(r"^([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+(\.\d+)*[\s、.．]|第[一二三四五六七八九十百\d]+[章节部分篇条])")


def ends_final(text: str) -> bool:
    """The line ends a sentence (。！？… possibly followed by a closing quote)."""
    return bool(_FINAL_END.search(text))


def ends_stop(text: str) -> bool:
    """Text never continues after this line end (sentence end, ；, ：)."""
    return bool(_STOP_END.search(text))


_COMMA_HEAD_MAX = 24
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))


def _balanced(text: str) -> bool:
    for a, b in _PAIRS:
        depth = 0
        for ch in text:
            if ch == a:
                depth += 1
            elif ch == b:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return True


def heading_level(text: str) -> int:
    """2 for a plain or first-level numbered subheading, 3 for nested numbering."""
    if _LEVEL3.match(text):
        return 3
    return 2


def looks_like_heading(text: str) -> bool:
    """A short line that does not end (or contain) a sentence: title material."""
    if not text or len(text) > HEAD_MAX + (12 if NUMBERED.match(text) else 0):
        return False
    if ends_stop(text) or text[-1] in "，,、—-":
        return False
    if text[0] in "，,、。；;：:”’」』）)":
        return False
    if not NUMBERED.match(text):
        commas = len(_COMMAS.findall(text))
        if commas > 1 or (commas and len(text) > _COMMA_HEAD_MAX):
            return False  # clauses of a sentence, not a title
    if not _balanced(text):
        return False  # "需求”“要把…": the tail of a quotation that began earlier
    if _ASCII.fullmatch(text) and text[-1].islower():
        return False  # Latin text cut mid-sentence
    core = text[:-1]
    # A full stop inside means sentences, not a title.
    if _ANY_FINAL.search(core):
        return False
    return bool(_LETTER.search(text))


def classify(text: str) -> tuple[str, LineInfo | None]:
    """Block type of one cleaned line, and what it tells us.

    Headings are not decided here (they depend on the neighbours); this returns
    ``paragraph`` for ordinary lines.
    """
    n = len(text)
    if text.startswith(("——", "--")) and n <= HEAD_MAX:
        return "paragraph", None  # a subtitle ("——记…"); context decides it is a heading
    if n <= 24 and CONTINUATION.match(text):
        return "continuation", None
    if n <= 80:
        inner = text[1:-1].strip() if text[:1] in "（(【[" and text[-1:] in "）)】]" else None
        for rx in _FURNITURE:
            if inner and rx is not _PAGE_DATE and rx.match(inner):
                return "furniture", None  # "（责任编辑：陈晨）"
            if rx.match(text):
                if rx is _PAGE_DATE:  # the page's dateline dates its articles
                    info: LineInfo = {"date": normalize_date(text), "page_date": True}
                    outlet = re.split(r"\s*\d{4}\s*年", text, maxsplit=1)[0].strip()
                    if outlet and re.fullmatch(f"[{CJK}A-Za-z·]{{2,12}}", outlet):
                        info["page_source"] = outlet  # "经济日报 2025年4月8日 …"
                    return "furniture", info
                return "furniture", None
    if n <= 80:
        for rx in _CAPTION:
            if rx.search(text) and (n <= 60 or rx is _PHOTO_CREDIT):
                return "caption", None
    if n <= 40:
        m = _OUTLET_DATE.match(text)
        if m and not ends_final(m.group(1)):
            outlet = re.sub(r"^(来源|稿件来源|出处|本文来源)\s*[:：]\s*", "", m.group(1).strip())
            return "source", {"source": outlet, "date": normalize_date(m.group(2))}
        if _BYLINE[-1].search(text) or _BYLINE[-2].search(text):
            return "byline", _byline_info(text.strip("（）()"))
        m = _PARENS.match(text)
        if m:
            inner = m.group(1).strip()
            names = names_in(inner)
            if names:
                return "source", {"authors": names}
            if _SUPPLIED.search(inner):
                return "source", {"source": _SUPPLIED.sub("", inner).strip() or inner}
            if not re.search(f"[{FINAL}，,]", inner) and not re.fullmatch(r"[\d一二三四五六七八九十百]+", inner):
                return "source", {"source": inner}
        names = names_in(text)
        if names:
            return "byline", {"authors": names}
        m = _OUTLET_NAME.match(text)
        if m:
            names = names_in(m.group(3))
            if names:
                return "byline", {"authors": names, "source": m.group(1)}
        for rx in _BYLINE:
            if rx.search(text):
                return "byline", _byline_info(text)
    elif n <= 120 and (_BYLINE[-1].search(text) or _BYLINE[-2].search(text)):
        return "byline", _byline_info(text.strip("（）()"))
    for rx in _SOURCE:
        if n <= 120 and rx.search(text):
            return "source", _source_info(text) if rx is _SOURCE[0] else None
    return "paragraph", None


# "本报讯（记者 张三 李四）今天…" or "新华社北京3月5日电（记者张三）…" at the start of a paragraph.
_LEAD_START = _R(r"^(本报讯|本刊讯|(本报|新华社|中新社|央视网|人民网|新华网)[^，。\s]{0,14}电|[^，。\s]{2,10}[0-9０-９一二三四五六七八九十]+月[0-9０-９一二三四五六七八九十]+日电)")
_LEAD_BYLINE = _R(r"^(本报讯|本报[^，。（(]{0,12}电|新华社[^，。（(]{0,12}电|中新社[^，。（(]{0,12}电|[^，。（(]{2,8}讯)\s*[（(]([^）)]{2,40})[）)]")


def starts_with_dateline(paragraph: str) -> bool:
    """A news lead: "本报讯 …", "新华社北京4月7日电 …" — the first paragraph of an article."""
    return bool(_LEAD_START.match(paragraph))


_LEAD_OUTLET = _R(r"^(新华社|中新社|央视网|人民网|新华网)[^，。\s]{0,14}电")


def lead_source(paragraph: str) -> str | None:
    """The agency a news lead credits: "新华社北京4月7日电 …" → 新华社."""
    m = _LEAD_OUTLET.match(paragraph)
    return m.group(1) if m else None


def lead_authors(paragraph: str) -> list[str]:
    """Writers named in a news lead's dateline, e.g. 本报讯（记者 张三 通讯员 李四）."""
    m = _LEAD_BYLINE.match(paragraph)
    if not m:
        return []
    info = _byline_info(m.group(2))
    return list(info["authors"]) if info else []


def _source_info(text: str) -> LineInfo | None:
    """"来源：示例晚报 2026-01-12" → source and date."""
    rest = re.split(r"[:：]", text, maxsplit=1)[1].strip()
    info: LineInfo = {}
    m = re.search(_DATE, rest)
    if m:
        info["date"] = normalize_date(m.group(1))
        rest = (rest[: m.start()] + rest[m.end() :]).strip()
    rest = re.split(r"[\s\u3000]{2,}|[，,]", rest)[0].strip()
    if rest and len(rest) <= 30 and not rest.startswith("http"):
        info["source"] = rest
    return info or None


_RELAYED = re.compile(r"^据([^，。]{1,14}?)(电|报道|消息)$")


def _byline_info(text: str) -> LineInfo | None:
    if text.startswith(("(", "（")):
        return None
    m = _RELAYED.match(text)
    if m:  # "据新华社电": the story comes from that outlet
        return {"source": m.group(1)}
    if _COLLECTIVE.match(text):
        return {"authors": [text]}
    text = re.sub(r"[（()）]", " ", text).strip()
    rest = _BYLINE_STRIP.sub("", text).strip()
    rest = re.sub(r"(报道|采写|摄)$", "", rest).strip()
    names = [t for t in re.split(r"[\s\u3000、，,／/]+", rest) if is_name(t)]
    return {"authors": names} if names else None
