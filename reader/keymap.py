"""Rebindable keys: the config's ``[keymap]`` (binding id → keys) applied to the app.

Every binding in the app carries an id (``app.*``, ``main.*``, ``library.*``,
``pane.*``, …); Textual's ``App.set_keymap`` swaps the keys of bindings by id.
Here we also check the ids, so a typo in the config is reported rather than
silently ignored, and we keep the applied map so the help screen and the
command palette show the keys the user actually has.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

#: Every class that declares bindings ("module:Class"): the ids the config's
#: ``[keymap]`` may rebind, checked here. A test imports every module of the
#: package and fails when a class with bindings is missing from this list.
BOUND_CLASSES = (
    "reader.app:ReaderApp",
    # the main screen and its widgets
    "reader.screens.main:MainScreen",
    "reader.widgets.library:LibraryTree",
    "reader.widgets.library:LibraryFilter",
    "reader.widgets.reading_pane:ReadingPane",
    "reader.widgets.side_panel:SidePanel",
    "reader.widgets.outline:Outline",
    "reader.widgets.keywords_panel:KeywordsPanel",
    "reader.widgets.notes_panel:NotesPanel",
    # the screens it opens
    "reader.widgets.corpus_search:CorpusSearchScreen",
    "reader.screens.notes_screen:NotesScreen",
    "reader.screens.analysis:AnalysisScreen",
    "reader.screens.vocabulary:VocabularyScreen",
    "reader.screens.stats:StatsScreen",
    "reader.screens.help:HelpScreen",
    # dialogs
    "reader.screens.note_dialog:NoteDialog",
    "reader.screens.note_dialog:NoteArea",
    "reader.screens.glossary_dialog:GlossaryDialog",
    "reader.screens.export_dialog:ExportDialog",
    "reader.screens.prompt:PromptDialog",
    "reader.screens.db_error:DatabaseErrorDialog",
)


def bound_classes() -> list[type[DOMNode]]:
    """The classes whose bindings make up the app's keys (imported only when asked)."""
    classes: list[type[DOMNode]] = []
    for spec in BOUND_CLASSES:
        module_name, _, name = spec.partition(":")
        classes.append(getattr(import_module(module_name), name))
    return classes


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The class's own bindings (not inherited from Textual's base widgets)."""
    own: Iterable[BindingType] = cls.__dict__.get("BINDINGS", [])
    return list(Binding.make_bindings(own))


def known_ids() -> set[str]:
    return {b.id for cls in bound_classes() for b in bindings_of(cls) if b.id}


ReturnType = TypeVar("ReturnType")


def apply_keymap(app: App[ReturnType], mapping: dict[str, str]) -> list[str]:
    """Apply ``mapping`` with ``App.set_keymap``; return warnings for unknown ids."""
    if not mapping:
        return []  # nothing to check: do not import every bound widget before the first paint
    known = known_ids()
    good = {bid: keys for bid, keys in mapping.items() if bid in known}
    warnings = [
        f"keymap: no binding with id {bid!r} (press ? in the app to see the ids)" for bid in mapping if bid not in known
    ]
    app.set_keymap(good)
    return warnings


def keys_for(binding: Binding, keymap: dict[str, str]) -> list[str]:
    """The keys that trigger ``binding`` once the keymap is applied (Textual key names)."""
    if binding.id and binding.id in keymap:
        return [k.strip() for k in keymap[binding.id].split(",") if k.strip()]
    return [binding.key]


def display_keys(app: App[object], binding: Binding, keymap: dict[str, str]) -> str:
    """``keys_for`` as shown to people (``^f``, ``?``, ``J``)."""
    return " ".join(app.get_key_display(Binding(key, "")) for key in keys_for(binding, keymap))
