"""Every key of the app: rebindable by id, described for help, and never fighting another key.

The config's ``[keymap]`` rebinds keys by binding id and the help screen is
generated from the bindings, so every binding needs an id, a description and a
tooltip, and every class with bindings must be known to ``reader.keymap``.
On each screen, the keys along a focused widget's chain (widget → containers
→ screen → app) must not collide, and none of ours may be shadowed by a key a
Textual widget in the chain already takes (it would never fire).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict
from pathlib import Path

from app_fixtures import settle, write_corpus
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

import reader
from reader.app import ReaderApp
from reader.keymap import BOUND_CLASSES, bindings_of, bound_classes
from reader.screens.main import MainScreen
from reader.widgets.key_bar import KeyItem, fit, key_items

#: Keys that are layered on purpose: Esc closes the innermost thing first (a lookup,
#: a selection, a filter, then the screen); ``q`` goes back from a full-screen view.
LAYERED = {"escape", "q"}
#: A list's own movement keys win while it has focus (ours are for the box above it).
MOVEMENT = {"up", "down", "left", "right", "pageup", "pagedown", "home", "end"}


def _reader_classes() -> list[type[DOMNode]]:
    found: dict[str, type[DOMNode]] = {}
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == info.name and cls.__dict__.get("BINDINGS"):
                found[f"{cls.__module__}:{cls.__name__}"] = cls
    return list(found.values())


def test_every_class_with_bindings_is_known_to_the_keymap() -> None:
    listed = {f"{c.__module__}:{c.__name__}" for c in bound_classes()}
    declared = {f"{c.__module__}:{c.__name__}" for c in _reader_classes()}
    assert declared - listed == set(), "add these to reader.keymap.BOUND_CLASSES"
    assert listed - declared == set(), "these have no bindings of their own"
    assert len(BOUND_CLASSES) == len(set(BOUND_CLASSES))


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for cls in bound_classes():
        for binding in bindings_of(cls):
            where = f"{cls.__name__} {binding.key}"
            assert binding.id, f"{where}: no id"
            assert binding.description, f"{where}: no description"
            assert binding.tooltip, f"{where}: no tooltip"
            owners[binding.id].add((cls.__name__, binding.action))
    shared = {bid: who for bid, who in owners.items() if len(who) > 1}
    assert shared == {}, "one id, one action of one class"


def test_no_class_binds_one_key_twice() -> None:
    for cls in bound_classes():
        seen: dict[str, str] = {}
        for binding in bindings_of(cls):
            assert seen.setdefault(binding.key, binding.id or "") == binding.id, f"{cls.__name__}: {binding.key}"


def _chain_bindings(node: DOMNode) -> list[tuple[DOMNode, Binding, bool]]:
    """Bindings along the focus chain of ``node`` (innermost first): (node, binding, ours)."""
    found = []
    for owner in node.ancestors_with_self:
        for cls in type(owner).__mro__:
            declared = cls.__dict__.get("BINDINGS")
            if not declared:
                continue
            ours = cls.__module__.startswith("reader.")
            for binding in Binding.make_bindings(declared):
                found.append((owner, binding, ours))
    return found


def _problems(screen: Screen[object]) -> list[str]:
    """Collisions and shadowed keys on ``screen`` for every focusable widget (and none focused)."""
    problems = []
    nodes: list[DOMNode] = [w for w in screen.query("*") if isinstance(w, Widget) and w.focusable]
    for node in [screen, *nodes]:
        by_key: dict[str, list[tuple[DOMNode, Binding, bool]]] = defaultdict(list)
        for owner, binding, ours in _chain_bindings(node):
            by_key[binding.key].append((owner, binding, ours))
        for key, entries in by_key.items():
            if key in LAYERED:
                continue
            ours = {(type(o).__name__, b.id) for o, b, mine in entries if mine}
            if len(ours) > 1:
                problems.append(f"{type(node).__name__}: {key} → {sorted(ours)}")
            first_owner, first, first_ours = entries[0]
            typing = isinstance(first_owner, Input | TextArea)  # its editing keys win while typing
            skips = first.action.startswith("scroll_")  # nothing to scroll: the key goes on
            if first_ours or typing or skips or key in MOVEMENT:
                continue
            if any(mine and not b.priority for _, b, mine in entries[1:]):
                shadowed = [b.id for _, b, mine in entries[1:] if mine]
                problems.append(f"{type(node).__name__}: {key} taken by {type(first_owner).__name__} "
                                f"before {shadowed}")
    return problems


async def test_no_key_collides_or_is_shadowed_on_any_screen(tmp_path: Path) -> None:
    from reader.screens.analysis import AnalysisScreen
    from reader.screens.notes_screen import NotesScreen
    from reader.screens.stats import StatsScreen
    from reader.screens.vocabulary import VocabularyScreen
    from reader.widgets.corpus_search import CorpusSearchScreen

    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        main = app.screen
        assert isinstance(main, MainScreen) and main.side_ready and main.corpus is not None
        problems = _problems(main)
        await pilot.press("d")  # the lookup's keys (s, +) count only while it is open: they too
        await settle(pilot)
        problems += _problems(main)
        for screen in (NotesScreen(app.notes, main.corpus), AnalysisScreen(main.corpus, list),
                       VocabularyScreen(main.lookup.session.vocabulary), CorpusSearchScreen(main.corpus),
                       StatsScreen(main.corpus, main.document, None, app.config)):
            await app.push_screen(screen)
            await settle(pilot)
            problems += _problems(screen)
            app.pop_screen()
            await settle(pilot)
    assert problems == [], '\n'.join(problems)


def _item(display: str, description: str, pinned: bool = False) -> KeyItem:
    return KeyItem(display, display, description, description, pinned=pinned)


def test_key_bar_keeps_whole_keys_and_the_pinned_ones() -> None:
    items = [_item("/", "Find"), _item("^f", "Search all"), _item("A", "All notes"), _item("q", "Quit"),
             _item("?", "Help", pinned=True), _item("^p", "Palette", pinned=True)]
    left, pinned = fit(items, 120)
    assert [i.description for i in left] == ["Find", "Search all", "All notes", "Quit"]
    assert [i.description for i in pinned] == ["Help", "Palette"]
    # The pinned part takes 20 cells ("▏ ? Help ^p Palette" and gaps), one leads: 40 columns leave 19.
    # "/ Find" takes 7 with its gap; "^f Search all" (14) no longer fits and is left out whole, but
    # "A All notes" (12) still does.
    assert [i.description for i in fit(items, 40)[0]] == ["Find", "All notes"]
    assert [i.description for i in fit(items, 46)[0]] == ["Find", "Search all"]
    assert [i.description for i in fit(items, 52)[0]] == ["Find", "Search all", "Quit"]
    assert len(fit(items, 20)[1]) == 2  # help and the palette, however narrow


async def test_key_bar_of_the_main_screen_fits_at_120_and_80(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        main = app.screen
        assert isinstance(main, MainScreen)
        bar = main.query_one("#key-bar")
        rendered = str(bar.render())
        for shown in ("/ Find", "a Annotate", "d Define", "^f Search all", "A All notes", "X Analysis", "q Quit",
                      "? Help", "^p Palette"):
            assert shown in rendered
        assert "y Copy" not in rendered and "s Keep" not in rendered  # nothing selected, no lookup open
        await pilot.press("d")
        await settle(pilot)
        rendered = str(bar.render())
        assert "s Keep" in rendered and "+ Glossary" in rendered and "X Analysis" in rendered
        await pilot.press("escape", "v", "w")
        await settle(pilot)
        assert "y Copy" in str(bar.render())
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        rendered = str(bar.render())
        assert len(rendered) <= 80 and rendered.rstrip().endswith("^p Palette") and "? Help" in rendered
        assert "/ Find" in rendered and "d Define" in rendered


def test_key_items_one_per_action_palette_last() -> None:
    app = ReaderApp()
    bindings = [(Binding("j", "down", "Down", show=False), True), (Binding("a", "annotate", "Annotate"), True),
                (Binding("ctrl+p", "command_palette", "palette", show=False), True),
                (Binding("v", "select", "Select"), False), (Binding("b", "annotate", "Annotate"), True)]
    items = key_items(app, bindings)
    assert [(i.key, i.enabled, i.pinned) for i in items] == [("a", True, False), ("v", False, False),
                                                             ("ctrl+p", True, True)]


async def test_keys_show_where_they_work(tmp_path: Path) -> None:
    """Rename/merge on the Tags tab only, edit/delete on the others; annotate on the concordance,
    library on the entities; nothing that types while a box has focus."""
    from reader.screens.analysis import AnalysisScreen
    from reader.screens.notes_screen import NotesScreen

    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        main = app.screen
        assert isinstance(main, MainScreen) and main.corpus is not None
        notes = NotesScreen(app.notes, main.corpus)
        await app.push_screen(notes)
        await settle(pilot)
        bar = notes.query_one("#key-bar")
        assert "e Edit" in str(bar.render()) and "r Rename tag" not in str(bar.render())
        await pilot.press("2")
        await settle(pilot)
        assert "r Rename tag" in str(bar.render()) and "e Edit" not in str(bar.render())
        app.pop_screen()
        await settle(pilot)

        analysis = AnalysisScreen(main.corpus, list, term="跨境电商")
        await app.push_screen(analysis)
        await settle(pilot, rounds=8)
        bar = analysis.query_one("#key-bar")
        assert "a Annotate" not in str(bar.render())  # the term box has focus: a types
        await pilot.press("enter")  # to the concordance
        await settle(pilot)
        rendered = str(bar.render())
        assert "a Annotate" in rendered and "l Library" not in rendered
        await pilot.press("4")
        await settle(pilot, rounds=8)
        rendered = str(bar.render())
        assert "l Library" in rendered and "a Annotate" not in rendered
