"""Deterministic synthetic corpus built from the bundled samples.

``generate(folder, files=10_000)`` writes about 10 KB per file (about 100 MB
for the default) of varied documents: multi-article newspaper pages with
bylines, captions, broken lines and the odd pull quote; magazine issues with a
table of contents; Markdown with front matter; HTML pages; and GB18030 text.
The text is a character-bigram Markov chain trained on the samples, so it
reads like the samples statistically without repeating them verbatim, and the
same seed always yields the same bytes.

Run directly: ``python -m benchmarks.generate OUT_DIR [FILES]``.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from corpus.ingest.loader import load_corpus

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
_GIVEN = "晓明华建国红伟芳军敏静丽强磊洋艳勇杰娟涛超霞平刚桂英雪梅琳玲鹏飞宇浩然欣怡思源佳瑶子涵俊博文"
_OUTLETS = ["新华社", "经济日报", "人民网", "中国证券报", "南方日报", "解放日报", "参考消息网", "光明网"]
_SECTIONS = ["要闻", "经济观察", "产业动态", "国际视野", "地方实践", "专题研究", "数据发布", "城市生活"]


class _Chain:
    """Character bigram model over the sample sentences.

    Order one keeps the text varied: real corpora rarely repeat whole clauses,
    and a tighter model trained on a few KB would repeat them all the time.
    """

    def __init__(self, text: str, rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        clean = re.sub(r"\s+", "", text)
        for i in range(len(clean) - 1):
            self.next[clean[i]].append(clean[i + 1])
        self.starts = [clean[i] for i in range(len(clean) - 1) if i == 0 or clean[i - 1] in "。！？"]
        self.starts = [s for s in self.starts if s in self.next] or list(self.next)[:10]

    def sentence(self, limit: int = 60) -> str:
        out = list(self.rng.choice(self.starts))
        while len(out) < limit:
            options = self.next.get(out[-1])
            if not options:
                break
            ch = self.rng.choice(options)
            out.append(ch)
            if ch in "。！？" and len(out) > 12:
                return "".join(out)
        return "".join(out).rstrip("，、；：") + "。"

    def paragraph(self, chars: int) -> str:
        parts: list[str] = []
        total = 0
        while total < chars:
            s = self.sentence()
            parts.append(s)
            total += len(s)
        return "".join(parts)

    def title(self) -> str:
        s = re.sub(r"[，。！？、；：“”《》（）\d]", "", self.sentence(30))
        return s[: self.rng.randint(8, 18)] or "示例标题"


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def _broken(rng: random.Random, para: str) -> list[str]:
    """A paragraph as PDF extraction leaves it: sometimes cut mid-sentence."""
    if len(para) > 80 and rng.random() < 0.3:
        cut = rng.randint(30, len(para) - 20)
        while cut < len(para) - 10 and para[cut - 1] in "。！？":
            cut += 1
        return [para[:cut], para[cut:]]
    return [para]


def _newspaper(rng: random.Random, chain: _Chain, size: int) -> str:
    lines = [f"{rng.randint(2015, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期{rng.choice('一二三四五六日')}", f"A{rng.randint(1, 16)} {rng.choice(_SECTIONS)}"]
    total = 0
    while total < size:
        lines.append(chain.title())
        if rng.random() < 0.5:
            lines.append(f"本报记者 {_name(rng)} 报道")
        else:
            lines.append(_name(rng))
        paras = [chain.paragraph(rng.randint(80, 400)) for _ in range(rng.randint(3, 9))]
        if rng.random() < 0.2:
            paras.insert(rng.randint(1, len(paras)), chain.title())  # a subheading
        quote = paras[0][:60] + "。" if rng.random() < 0.15 else None
        for k, p in enumerate(paras):
            pieces = _broken(rng, p)
            if quote and k == 1 and len(pieces) == 2:
                pieces.insert(1, quote)
            lines.extend(pieces)
            total += len(p) * 3
        if rng.random() < 0.3:
            lines.append(f"{_name(rng)}/图")
        lines.append(rng.choice([f"({_name(rng)})", f"(据{rng.choice(_OUTLETS)}供稿)", _name(rng)]))
    lines.append(f"责任编辑：{_name(rng)}")
    return "\n\n".join(lines) + "\n"


def _magazine(rng: random.Random, chain: _Chain, size: int) -> str:
    sections = rng.sample(_SECTIONS, rng.randint(2, 4))
    entries = [(s, chain.title()) for s in sections for _ in range(rng.randint(2, 4))]
    head = [chain.title()[:6], f"{rng.randint(2015, 2026)}年 第{rng.randint(1, 12)}期", f"主 编: {_name(rng)}", "电话:", f"(0{rng.randint(10, 99)}) {rng.randint(10000000, 99999999)}", "目录"]
    toc: list[str] = []
    page = 1
    current = None
    for sec, title in entries:
        if sec != current:
            toc.append(f"\n{sec}\n")
            current = sec
        toc.append(f"{title}\t{page}")
        page += rng.randint(1, 4)
    body: list[str] = []
    per = max(200, size // (3 * len(entries)))
    for _, title in entries:
        body += [title, f"{rng.choice(_OUTLETS)} {rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        written = 0
        while written < per:
            p = chain.paragraph(rng.randint(100, 400))
            body.extend(_broken(rng, p))
            written += len(p)
    return "\n\n".join(head) + "\n\n" + "\n".join(toc) + "\n\n" + "\n\n".join(body) + "\n"


def _markdown(rng: random.Random, chain: _Chain, size: int) -> str:
    title = chain.title()
    out = [
        "---",
        f"title: {title}",
        f"date: {rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"author: {_name(rng)}",
        f"categories: [{rng.choice(_SECTIONS)}]",
        "---",
        "",
        f"# {title}",
        "",
    ]
    total = 0
    while total < size // 3:
        if rng.random() < 0.2:
            out += [f"## {chain.title()}", ""]
        p = chain.paragraph(rng.randint(100, 500))
        out += [p, ""]
        total += len(p)
    return "\n".join(out)


def _html(rng: random.Random, chain: _Chain, size: int) -> str:
    title = chain.title()
    paras: list[str] = []
    total = 0
    while total < size // 3:
        p = chain.paragraph(rng.randint(100, 500))
        paras.append(f"<p>　　{p}</p>")
        total += len(p)
    return (
        f"<html><head><title>{title}</title><style>.x&#123;color:red&#125;</style>"
        f"<script>var a = 1;</script></head><body><nav>首页 &gt; 正文</nav><article><h1>{title}</h1>"
        + "\n".join(paras)
        + '<div class="share-box">分享到：微信</div></article><footer>版权所有</footer></body></html>\n'
    )


def generate(folder: Path, files: int = 10_000, seed: int = 20260318) -> tuple[int, int]:
    """Write the corpus; return (files, bytes). Same arguments → same bytes."""
    rng = random.Random(seed)
    samples = load_corpus(use_cache=False)
    chain = _Chain("".join(d.text for d in samples if d.meta.get("encoding") != "big5"), rng)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for i in range(files):
        size = rng.randint(3_000, 14_000)  # bytes of UTF-8 text, ~10 KB a file on average
        kind = rng.random()
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        if kind < 0.45:
            data = _newspaper(rng, chain, size).encode("utf-8")
            name = f"page_{i:05d}.txt"
        elif kind < 0.6:
            data = _magazine(rng, chain, size).encode("utf-8")
            name = f"issue_{i:05d}.txt"
        elif kind < 0.8:
            data = _markdown(rng, chain, size).encode("utf-8")
            name = f"post_{i:05d}.md"
        elif kind < 0.95:
            data = _html(rng, chain, size).encode("utf-8")
            name = f"web_{i:05d}.html"
        else:
            data = _newspaper(rng, chain, size).encode("gb18030")
            name = f"gbk_{i:05d}.txt"
        (sub / name).write_bytes(data)
        written += len(data)
    return files, written


def corpus_dir(files: int) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """A generated corpus of ``files`` files: in ``BENCH_DIR`` (kept between runs) or a
    temporary folder (returned too, so the caller keeps it alive)."""
    import os

    given = os.environ.get("BENCH_DIR")
    if given:
        folder = Path(given)
        marker = folder / f".generated-{files}"
        if not marker.exists():
            generate(folder, files)
            marker.write_text("ok")
        return folder, None
    tmp = tempfile.TemporaryDirectory(prefix="reader-bench-")
    generate(Path(tmp.name), files)
    return Path(tmp.name), tmp


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-corpus")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    count, size = generate(out, n)
    print(f"wrote {count} files, {size / 1e6:.1f} MB to {out}")
