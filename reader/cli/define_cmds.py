"""``reader define``: the app's lookup (``d``) as a command, for a word or a whole sentence.

Imports ``corpus.lexicon`` only inside the command's body, so ``reader list``
never loads the dictionary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape
from rich.table import Table

from .common import console, corpus_option, emit_json, err_console, fail, json_option, open_corpus, progress_bar
from .keyword_cmds import _apply_config_dictionary

if TYPE_CHECKING:
    from corpus.jsontypes import JSON
    from corpus.lexicon.lookup import Headword, Lexicon, Sense

MAX_TEXT_CHARS = 200_000


def _lexicon(corpus_path: Path | None, with_corpus: bool) -> Lexicon:
    """The lexicon, with this corpus's counts and top keywords unless ``with_corpus`` is off."""
    from corpus.lexicon.lookup import Lexicon

    _apply_config_dictionary()
    if not with_corpus:
        return Lexicon().load()
    from corpus.lexicon.stats import WordCounts
    from corpus.text.keywords import KeywordIndex
    from corpus.text.tokens import iter_entries

    corpus = open_corpus(corpus_path)
    counts = WordCounts()
    index = KeywordIndex(corpus.documents)
    with progress_bar("counting words") as report:
        for doc, entry in iter_entries(corpus.documents, progress=report):
            counts.add(entry.counts)
            index.add(doc, entry.counts)
    keywords = [k.word for k in index.top_corpus(50)]
    return Lexicon(stats=counts.stats(keywords)).load()


def _warn_glossary(lexicon: Lexicon) -> None:
    if lexicon.glossary_problem:
        err_console.print(f"[yellow]warning:[/] glossary not used: {escape(lexicon.glossary_problem)}")


def _sense_line(sense: Sense) -> str:
    forms = escape(sense.simplified)
    if sense.traditional != sense.simplified:
        forms += f" {escape(sense.traditional)}"
    tag = "[magenta]glossary[/] " if sense.source == "glossary" else ""
    hsk = f" [cyan]HSK {sense.hsk}[/]" if sense.hsk else ""
    stats = ""
    if sense.corpus is not None:
        kw = " · keyword" if sense.corpus.keyword else ""
        docs = f"{sense.corpus.docs} document{'' if sense.corpus.docs == 1 else 's'}"
        stats = f" [dim]· {sense.corpus.count}× in {docs}{kw}[/]"
    text = (f"{tag}[bold]{forms}[/] [green]{escape(sense.pinyin)}[/]{hsk}{stats}\n    "
            + escape(" / ".join(sense.definitions) or "—"))
    if sense.note:
        text += f"\n    [dim]note:[/] {escape(sense.note)}"
    return text


def _print_headword(head: Headword) -> None:
    if head.entries:
        for i, sense in enumerate(head.entries, 1):
            console.print(f"{i}. {_sense_line(sense)}")
        return
    console.print(f"[bold]{escape(head.text)}[/] [green]{escape(head.pinyin)}[/]: not in CC-CEDICT or your glossary"
                  + (" (add it: reader glossary add …)" if len(head.text) > 1 else ""))
    for part in head.parts:
        console.print(f"  [bold]{escape(part.text)}[/] [green]{escape(part.pinyin)}[/] "
                      + escape(" / ".join(part.entries[0].definitions) if part.entries else "—"))


def _read_text(text: str) -> str:
    if text == "-":
        text = sys.stdin.read(MAX_TEXT_CHARS + 1)
    if len(text) > MAX_TEXT_CHARS:
        fail(f"--text is longer than {MAX_TEXT_CHARS} characters; give it a sentence or a paragraph")
    return text


@click.command("define")
@click.argument("word", required=False)
@click.option("--text", "text", default=None, help="A sentence to read word by word instead (- for stdin).")
@click.option("--no-corpus", is_flag=True, help="Skip the corpus counts (faster).")
@corpus_option
@json_option
def define_cmd(word: str | None, text: str | None, no_corpus: bool, corpus_path: Path | None, as_json: bool) -> None:
    """Look a word up: your glossary first, then CC-CEDICT, with pinyin, HSK level
    and how often the word occurs in the corpus. Traditional input works (銀行).

    With --text, the sentence is cut into words (as the app does) and each word
    gets its pinyin in context and its entries.
    """
    if (word is None) == (text is None):
        fail("give a WORD or --text SENTENCE (one of them)")
    from corpus.lexicon import pinyin as py
    from corpus.lexicon.lookup import Headword

    if text is not None:
        sentence = _read_text(text)
        lexicon = _lexicon(corpus_path, not no_corpus)
        segments = lexicon.segments(sentence)
        _warn_glossary(lexicon)
        if as_json:
            emit_json({"text": sentence, "segments": [s.to_dict() for s in segments]})
            return
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("word", "pinyin", "meaning"):
            table.add_column(col, overflow="fold")
        for seg in segments:
            if not seg.text.strip() or not seg.pinyin:
                continue
            sense = seg.entries[0] if seg.entries else None
            meaning = "; ".join(sense.definitions[:3]) if sense else (
                " + ".join(f"{p.text} {p.entries[0].definitions[0]}" for p in seg.parts if p.entries) or "—")
            mark = "[magenta]*[/]" if sense and sense.source == "glossary" else ""
            table.add_row(escape(seg.text) + mark, escape(seg.pinyin), escape(meaning))
        console.print(table)
        return
    assert word is not None
    query = word.strip()
    if not query:
        fail("the word is empty")
    if len(query) > 50:
        fail("a word is at most 50 characters; use --text for a sentence")
    lexicon = _lexicon(corpus_path, not no_corpus)
    reading = py.word_pinyin(query)
    entries = lexicon.define(query, reading)
    _warn_glossary(lexicon)
    head = Headword(query, 0, len(query), reading, tuple(entries))
    if not entries:
        pieces = lexicon.segments(query, [(query, 0, len(query))])
        head = pieces[0] if pieces else head
    if as_json:
        out: dict[str, JSON] = {"query": query, "pinyin": reading, "entries": [e.to_dict() for e in entries]}
        if head.parts:
            out["parts"] = [p.to_dict() for p in head.parts]
        emit_json(out)
        return
    _print_headword(head)
