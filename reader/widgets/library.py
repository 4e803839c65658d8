"""The library: a tree of sections → documents, plus error rows."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from corpus import Corpus


class Library(Tree[str]):
    class Selected(Message):
        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, **kwargs) -> None:
        super().__init__("library", **kwargs)
        self.show_root = False

    def set_corpus(self, corpus: Corpus) -> None:
        self.clear()
        for section, docs in corpus.sections():
            node = self.root.add(Text(f"{section} ({len(docs)})", style="bold"), expand=True)
            for d in docs:
                node.add_leaf(d.title, data=d.id)
        if corpus.errors:
            node = self.root.add(Text(f"errors ({len(corpus.errors)})", style="bold red"), expand=True)
            for e in corpus.errors:
                node.add_leaf(Text(f"{e.file}: {e.error}", style="red"))

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data:
            event.stop()
            self.post_message(self.Selected(event.node.data))
