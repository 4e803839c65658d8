"""The library: a filter box over a tree of sections → documents, plus error rows.

Large corpora stay instant because leaves are built lazily: a section's
documents become tree nodes only when it is expanded, and only the current
document's section is expanded. Filtering matches title, section and authors,
folding traditional/simplified and full-width characters (``corpus.text.fold``,
imported when the filter is first used); dates match too (``2024-03``).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Tree
from textual.widgets.tree import TreeNode

from corpus import Corpus, Document
from corpus.sanitize import escape_name

from ..shown import shown

#: Above this many matches a filtered library keeps its sections folded.
EXPAND_MATCHES = 300
CURRENT_MARK = "▶ "


class LibraryFilter(Input):
    """Type to narrow the library; ↓/Enter go to the matches, Esc clears."""

    BINDINGS = [
        Binding("down", "to_tree", "Matches", id="library.filter_to_tree", tooltip="Go to the filtered documents"),
        Binding("escape", "clear", "Clear", id="library.filter_clear", tooltip="Clear the filter and go back"),
    ]

    def action_to_tree(self) -> None:
        self.screen.query_one(LibraryTree).focus()

    def action_clear(self) -> None:
        self.value = ""
        self.action_to_tree()


class LibraryTree(Tree[tuple[str, str]]):
    """Node data: ``("section", name)``, ``("doc", id)`` or ``("error", file)``."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="library.down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up", tooltip="Previous row"),
        Binding("slash", "filter", "Filter", id="library.filter", tooltip="Filter the library as you type"),
    ]

    def action_filter(self) -> None:
        self.screen.query_one(LibraryFilter).focus()

    def render_label(self, node: TreeNode[tuple[str, str]], base_style: Style, style: Style) -> Text:
        """The label, cut with an ellipsis where the column ends (long titles were cut off mid-character)."""
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - self.guide_depth * max(0, depth - 1)
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label


class Library(Vertical):
    """Sections and documents of the corpus; posts :class:`Library.Selected`."""

    class Selected(Message):
        """The user chose a document."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    class ErrorChosen(Message):
        """The user chose an error row (a file that could not be read)."""

        def __init__(self, file: str, error: str) -> None:
            super().__init__()
            self.file = file
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus: Corpus | None = None
        self.current: str | None = None
        self._sections: list[tuple[str, list[Document]]] = []
        self._section_of: dict[str, str] = {}
        self._leaf: dict[str, TreeNode[tuple[str, str]]] = {}  # doc id → node, for populated sections only
        self._visible: dict[str, list[Document]] = {}  # section → documents shown (filter applied)
        self._folded: list[tuple[Document, str]] | None = None
        self._filter_timer: Timer | None = None
        self.query_text = ""
        self.only: tuple[str, frozenset[str]] | None = None  # (filter text, document ids): restrict()

    def compose(self) -> ComposeResult:
        yield LibraryFilter(placeholder="filter  /", id="library-filter")
        tree = LibraryTree("library", id="library-tree")
        tree.show_root = False
        tree.auto_expand = True
        tree.guide_depth = 2
        yield tree

    @property
    def tree_view(self) -> LibraryTree:
        return self.query_one(LibraryTree)

    def focus(self, scroll_visible: bool = True) -> Library:
        self.tree_view.focus(scroll_visible)
        return self

    # -- content ---------------------------------------------------------

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._sections = corpus.sections()
        self._section_of = {d.id: section for section, docs in self._sections for d in docs}
        self._folded = None
        self.border_title = f"{len(corpus.documents)} documents"
        self._rebuild()
        self._fold_keys(corpus)

    @work(thread=True, exclusive=True, group="library-fold", exit_on_error=False, description="library filter keys")
    def _fold_keys(self, corpus: Corpus) -> None:
        """Fold every title once, in the background, so the first keystroke is as fast as the rest."""
        keys = self._folded_keys(corpus)
        self.app.call_from_thread(self._keys_ready, corpus, keys)

    def _keys_ready(self, corpus: Corpus, keys: list[tuple[Document, str]]) -> None:
        if corpus is self.corpus and self._folded is None:
            self._folded = keys

    def _folded_keys(self, corpus: Corpus) -> list[tuple[Document, str]]:
        from corpus.text.fold import fold  # OpenCC's tables: loaded off the first paint

        return [
            (d, fold(" ".join([d.title, d.section, *d.authors, d.file, d.date or ""])))
            for _, docs in corpus.sections()
            for d in docs
        ]

    def neighbour(self, doc_id: str | None, step: int) -> str | None:
        """The document ``step`` places after (or before) ``doc_id`` in library order (None: past the end)."""
        order = self.order
        i = order.index(doc_id) if doc_id in order else -step
        j = i + step
        return order[j] if 0 <= j < len(order) else None

    @property
    def order(self) -> list[str]:
        """Document ids in library order (what J/K walk through)."""
        return [d.id for _, docs in self._sections for d in docs]

    def _rebuild(self) -> None:
        tree = self.tree_view
        tree.clear()
        self._leaf.clear()
        if self.corpus is None:
            return
        if self.query_text:
            if self.only is not None and self.query_text == self.only[0]:
                ids = self.only[1]
                matches = [d for _, docs in self._sections for d in docs if d.id in ids]
            else:
                matches = self._matches(self.query_text)
            self._visible = {}
            for doc in matches:
                self._visible.setdefault(doc.section, []).append(doc)
            expand = len(matches) <= EXPAND_MATCHES
            totals = {section: len(docs) for section, docs in self._sections}
            for section, docs in self._visible.items():
                label = Text.assemble((shown(section), "bold"), (f" {len(docs)}/{totals[section]}", "dim"))
                node = tree.root.add(label, data=("section", section), allow_expand=True)
                if expand:
                    self._populate(node)
                    node.expand()
            if not matches:
                tree.root.add_leaf(Text("no matches", style="dim italic"))
        else:
            self._visible = dict(self._sections)
            current_section = self._section_of.get(self.current or "")
            for section, docs in self._sections:
                label = Text.assemble((shown(section), "bold"), (f" {len(docs)}", "dim"))
                node = tree.root.add(label, data=("section", section), allow_expand=True)
                if section == current_section:
                    self._populate(node)
                    node.expand()
        errors = self.corpus.errors
        if not self._sections and not errors:
            tree.root.add_leaf(Text("no documents here (.txt .md .html .pdf .docx .epub)", style="dim italic"))
        if errors and not self.query_text:
            node = tree.root.add(
                Text.assemble(("errors", "bold red"), (f" {len(errors)}", "red")),
                data=("section", ""),
                allow_expand=True,
            )
            for err in errors:
                # Names are shown escaped by discovery already; shown() keeps any other source safe too.
                label = Text.assemble((shown(err.file), "red"), (f" — {shown(err.error)}", "dim red"))
                node.add_leaf(label, data=("error", err.file))
        self._move_to_current()

    def _populate(self, node: TreeNode[tuple[str, str]]) -> None:
        if node.children or node.data is None or node.data[0] != "section":
            return
        for doc in self._visible.get(node.data[1], []):
            self._leaf[doc.id] = node.add_leaf(self._doc_label(doc), data=("doc", doc.id))

    def _doc_label(self, doc: Document) -> Text:
        title = shown(doc.title) or escape_name(doc.file)
        if doc.id == self.current:
            return Text.assemble((CURRENT_MARK, "bold"), (title, "bold"))
        return Text(title)

    def _move_to_current(self) -> None:
        node = self._leaf.get(self.current or "")
        if node is not None:
            self.tree_view.move_cursor(node)

    @on(Tree.NodeExpanded)
    def _on_expanded(self, event: Tree.NodeExpanded[tuple[str, str]]) -> None:
        self._populate(event.node)

    @on(Tree.NodeSelected)
    def _on_selected(self, event: Tree.NodeSelected[tuple[str, str]]) -> None:
        event.stop()
        data = event.node.data
        if not data:
            return
        kind, key = data
        if kind == "doc":
            self.post_message(self.Selected(key))
        elif kind == "error" and self.corpus is not None:
            reason = next((e.error for e in self.corpus.errors if e.file == key), "")
            self.post_message(self.ErrorChosen(key, reason))

    def mark_current(self, doc_id: str) -> None:
        """Mark ``doc_id`` as the document being read, expanding its section."""
        previous, self.current = self.current, doc_id
        if self.corpus is None:
            return
        if previous and (old := self._leaf.get(previous)) is not None and (was := self.corpus.get(previous)):
            old.set_label(self._doc_label(was))
        section = self._section_of.get(doc_id)
        if doc_id not in self._leaf and section is not None:
            for section_node in self.tree_view.root.children:
                if section_node.data == ("section", section):
                    self._populate(section_node)
                    section_node.expand()
                    break
        leaf = self._leaf.get(doc_id)
        doc = self.corpus.get(doc_id)
        if leaf is not None and doc is not None:
            leaf.set_label(self._doc_label(doc))
            self.tree_view.move_cursor(leaf)

    # -- filter ----------------------------------------------------------

    def _matches(self, query: str) -> list[Document]:
        assert self.corpus is not None
        if self._folded is None:
            # Folded once per corpus (normally already done in the background):
            # every keystroke afterwards is a substring scan.
            self._folded = self._folded_keys(self.corpus)
        from corpus.text.fold import fold

        words = fold(query).split()
        return [d for d, key in self._folded if all(w in key for w in words)]

    @on(Input.Changed, "#library-filter")
    def _on_filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        # Debounced a little so fast typing over 10,000 titles stays smooth.
        self._filter_timer = self.set_timer(0.08, lambda: self.apply_filter(event.value))

    @on(Input.Submitted, "#library-filter")
    def _on_filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filter(event.value)
        tree = self.tree_view
        tree.focus()
        for node in tree.root.children:
            if node.children:
                tree.move_cursor(node.children[0])
                break

    def apply_filter(self, text: str) -> None:
        text = text.strip()
        if text == self.query_text:
            return
        if self.only is not None and text != self.only[0]:
            self.only = None  # typing or Esc ends a restriction
        self.query_text = text
        self._rebuild()

    def restrict(self, label: str, doc_ids: frozenset[str]) -> None:
        """Show only these documents (an entity's, from the analysis screen); the filter
        box says ``@label`` and clearing it (Esc) shows everything again."""
        text = f"@{label}"
        self.only = (text, doc_ids)
        self.query_text = text
        self.query_one(LibraryFilter).value = text
        self._rebuild()
