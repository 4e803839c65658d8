"""Small model helpers with one home each: Target.of, the fingerprint, the tag parser."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from annotations.model import Target, new_annotation, normalize_tags, parse_tags
from corpus import load_corpus
from corpus.model import Block, Document

TEXT = "跨境电商综合试验区建设取得积极进展。"


def doc(text: str = TEXT) -> Document:
    return Document(id="d1", file="a/b.txt", section="a", title="标题", text=text, blocks=[Block("paragraph", 0, len(text))])


def test_target_of_a_document() -> None:
    d = doc()
    assert Target.of(d) == Target("a/b.txt", "d1", d.fingerprint, "a", "标题")
    assert new_annotation(d, 0, 4).target == Target.of(d)


def test_fingerprint_is_hashed_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = hashlib.sha1

    def counting(data: bytes = b"", **kw: bool) -> "hashlib._Hash":
        calls.append(len(data))
        return real(data, **kw)

    d = doc()
    monkeypatch.setattr(hashlib, "sha1", counting)
    first = d.fingerprint
    assert d.fingerprint == first and len(calls) == 1
    d.text = TEXT + "又改了一句。"  # a new text gets a new fingerprint
    assert d.fingerprint != first and len(calls) == 2
    assert first == real(TEXT.encode()).hexdigest()[:16]


def test_lazy_documents_fingerprint_their_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("标题\n\n" + TEXT + "\n", encoding="utf-8")
    load_corpus(tmp_path)  # fills the cache
    warm = load_corpus(tmp_path).documents[0]
    assert type(warm).__name__ == "LazyDocument" and not warm.loaded
    assert warm.fingerprint == hashlib.sha1(warm.text.encode()).hexdigest()[:16]


def test_one_tag_parser() -> None:
    assert parse_tags("跨境, 政策，#金融、政策;  ") == ("跨境", "政策", "金融")
    assert parse_tags(["#金融", "民生；养老\n外贸"]) == ("金融", "民生", "养老", "外贸")
    assert parse_tags("") == () and parse_tags("#, ,") == ()
    assert normalize_tags(["  政策  建议 ", "#C#", "政策 建议"]) == ("政策 建议", "C#")
    assert normalize_tags("一个") == ("一个",)
    assert new_annotation(doc(), 0, 4, tags=["#跨境", "跨境"]).tags == ("跨境",)
