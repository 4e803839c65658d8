"""Cursor motions over Chinese text: words (tokens or fallback runs), sentences, paragraphs."""

from __future__ import annotations

import pytest

from corpus.model import join_blocks
from reader import motions

TEXT, BLOCKS = join_blocks(
    [
        ("paragraph", "我们今天去北京开会。会议讨论了AI和5G网络的发展！大家都很满意……下次再见？", 0),
        ("paragraph", "他说：“明天会更好。”然后离开了。", 0),
        ("paragraph", "最后一段没有句号", 0),
    ]
)
RANGES = [(b.start, b.end) for b in BLOCKS]


def at(text: str, pos: int, n: int = 2) -> str:
    return text[pos : pos + n]


def test_fallback_runs_are_ideographs_latin_words_and_numbers() -> None:
    words = motions.RunWords(TEXT, RANGES)
    pos = TEXT.index("了AI")
    pos = motions.word_forward(words, pos)
    assert at(TEXT, pos) == "AI"
    pos = motions.word_forward(words, pos)
    assert at(TEXT, pos) == "和5"
    pos = motions.word_forward(words, pos)
    assert at(TEXT, pos) == "5G"  # the digit run
    assert words.word_at(TEXT.index("AI") + 1) == (TEXT.index("AI"), TEXT.index("AI") + 2)
    # punctuation is skipped: from 会 (before 。) the next word is 会 of 会议
    pos = motions.word_forward(words, TEXT.index("开会") + 1)
    assert at(TEXT, pos) == "会议"
    # backward and end
    assert motions.word_backward(words, TEXT.index("会议")) == TEXT.index("开会") + 1
    assert motions.word_end(words, TEXT.index("AI")) == TEXT.index("AI") + 1


def test_fallback_words_cross_blocks() -> None:
    words = motions.RunWords(TEXT, RANGES)
    last = TEXT.index("下次再见") + 3
    nxt = motions.word_forward(words, last)
    assert nxt == TEXT.index("他说")
    assert motions.word_backward(words, nxt) == last
    # at the very end nothing moves
    end = len(TEXT) - 1
    assert motions.word_forward(words, end) == end


def test_token_words_skip_punctuation_tokens() -> None:
    tokens = [("我们", 0, 2), ("今天", 2, 4), ("，", 4, 5), (" ", 5, 6), ("北京", 6, 8)]
    words = motions.TokenWords(tokens)
    assert motions.word_forward(words, 0) == 2
    assert motions.word_forward(words, 2) == 6
    assert motions.word_backward(words, 6) == 2
    assert motions.word_end(words, 0) == 1
    assert motions.word_end(words, 1) == 3
    assert motions.word_end(words, 3) == 7
    assert words.word_at(4) is None
    assert words.word_at(7) == (6, 8)


@pytest.mark.parametrize(
    ("start_text", "expected"),
    [
        ("我们今天", "会议讨论"),  # 。
        ("会议讨论", "大家都很"),  # ！
        ("大家都很", "下次再见"),  # …… as one terminator
        ("下次再见", "他说"),  # ？ then the next block
        ("他说", "然后离开"),  # 。” keeps the closing quote in the sentence
        ("然后离开", "最后一段"),
    ],
)
def test_sentence_forward(start_text: str, expected: str) -> None:
    pos = TEXT.index(start_text) + 1
    assert TEXT.startswith(expected, motions.sentence_forward(TEXT, RANGES, pos))


def test_sentence_backward_goes_to_start_then_previous() -> None:
    pos = TEXT.index("讨论")
    start = motions.sentence_backward(TEXT, RANGES, pos)
    assert TEXT.startswith("会议讨论", start)
    assert TEXT.startswith("我们今天", motions.sentence_backward(TEXT, RANGES, start))
    # from a block start into the previous block's last sentence
    assert TEXT.startswith("下次再见", motions.sentence_backward(TEXT, RANGES, TEXT.index("他说")))


def test_sentence_at_includes_terminator_and_closing_quote() -> None:
    s, e = motions.sentence_at(TEXT, RANGES, TEXT.index("明天"))
    assert TEXT[s:e] == "他说：“明天会更好。”"
    s, e = motions.sentence_at(TEXT, RANGES, TEXT.index("没有"))
    assert TEXT[s:e] == "最后一段没有句号"
    s, e = motions.sentence_at(TEXT, RANGES, TEXT.index("满意"))
    assert TEXT[s:e] == "大家都很满意……"


def test_paragraph_and_heading_motions() -> None:
    assert motions.paragraph_forward(RANGES, 3) == RANGES[1][0]
    assert motions.paragraph_forward(RANGES, RANGES[2][0]) == RANGES[2][0]  # last block: stay
    assert motions.paragraph_backward(RANGES, RANGES[1][0] + 2) == RANGES[1][0]
    assert motions.paragraph_backward(RANGES, RANGES[1][0]) == RANGES[0][0]
    heads = [0, 40, 90]
    assert motions.next_heading(heads, 0) == 40
    assert motions.next_heading(heads, 90) is None
    assert motions.previous_heading(heads, 40) == 0
    assert motions.previous_heading(heads, 0) is None


def test_motions_on_real_documents(shared_corpus) -> None:
    import corpus
    from corpus.text.tokens import tokenize

    docs = corpus.load_corpus(shared_corpus).documents
    doc = max(docs, key=lambda d: len(d.text))
    ranges = [(b.start, b.end) for b in doc.blocks]
    body = next(b for b in doc.blocks if b.type == "paragraph" and "。" in doc.text[b.start : b.end])
    # jieba words: w visits every word-like token start in order
    tokens = tokenize(doc.text)
    words = motions.TokenWords(tokens)
    expected = [s for w, s, e in tokens if s >= body.start and e <= body.end and motions.is_wordlike(w)]
    pos, seen = expected[0], [expected[0]]
    while len(seen) < len(expected):
        pos = motions.word_forward(words, pos)
        seen.append(pos)
    assert seen == expected
    # sentences: every forward stop is right after a terminator (or a block start)
    pos, stops = body.start, []
    while True:
        nxt = motions.sentence_forward(doc.text, ranges, pos)
        if nxt == pos or nxt >= body.end:
            break
        stops.append(nxt)
        pos = nxt
    assert stops
    for stop in stops:
        before = doc.text[body.start : stop].rstrip()
        assert before[-1] in "。！？…!?”’」』）)》\"'."
    # sentence_at round-trips with sentence_backward
    mid = stops[0] + 1
    s, e = motions.sentence_at(doc.text, ranges, mid)
    assert s == stops[0] and motions.sentence_backward(doc.text, ranges, mid) == s
