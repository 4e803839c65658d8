"""The main screen's keys: bindings with ids ``main.*``, descriptions and tooltips.

``show=True`` puts a key in the key bar: only what a newcomer needs (search,
notes, analysis); the rest is in help (``?``) and the palette (``ctrl+p``).
The dictionary's keys are at the end (``d`` and ``T`` are the pane's); ``s`` and
``+`` act, and show, only while the lookup is open (``MainScreen.check_action``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("tab", "cycle_focus(1)", "Next area", show=False, id="main.focus_next",
            tooltip="Move focus: library → text → side panel"),
    Binding("shift+tab", "cycle_focus(-1)", "Previous area", show=False, id="main.focus_previous",
            tooltip="Move focus: side panel → text → library"),
    Binding("J", "next_document", "Next doc", show=False, id="main.next_document",
            tooltip="Open the next document in the library"),
    Binding("K", "previous_document", "Prev doc", show=False, id="main.previous_document",
            tooltip="Open the previous document in the library"),
    Binding("ctrl+f", "search_corpus", "Search all", id="main.search_corpus",
            tooltip="Search the whole corpus"),
    Binding("ctrl+l", "filter_library", "Filter", show=False, id="main.filter_library",
            tooltip="Filter the library as you type"),
    Binding("ctrl+k", "toggle_keywords", "Keywords", show=False, id="main.toggle_keywords",
            tooltip="Show or hide the keyword highlights"),
    Binding("A", "annotations", "All notes", id="main.annotations",
            tooltip="All notes: filter by tag or text, rename tags, re-attach orphans, export"),
    Binding(">", "next_annotation", "Next note", show=False, id="main.next_annotation",
            tooltip="Cursor to the next annotation in this document"),
    Binding("<", "previous_annotation", "Previous note", show=False, id="main.previous_annotation",
            tooltip="Cursor to the previous annotation in this document"),
    Binding("S", "stats", "Stats", show=False, id="main.stats",
            tooltip="Charts: sections, keywords, where words occur"),
    Binding("X", "analysis", "Analysis", id="main.analysis",
            tooltip="Ask the corpus: concordance, collocates, trends, entities, keyness, tags"),
    Binding("ctrl+b", "toggle_panel", "Panel", show=False, id="main.toggle_panel",
            tooltip="Show or hide the side panel"),
    Binding("ctrl+r", "reload", "Reload", show=False, id="main.reload",
            tooltip="Index the corpus again (new or changed files)"),
    Binding("escape", "cancel_work", "Cancel", show=False, priority=True, id="main.cancel",
            tooltip="Close the dictionary lookup, or cancel indexing or keyword computation"),
    # the dictionary (reader/lookup_controller.py)
    Binding("plus", "glossary_add", "Glossary", id="main.glossary_add",
            tooltip="In a lookup: add the word to your glossary (term, pinyin, gloss, note)"),
    Binding("s", "keep_word", "Keep", id="main.keep_word",
            tooltip="In a lookup: keep the word in your vocabulary list, with its sentence"),
    Binding("ctrl+g", "toggle_glossary", "Glossary layer", show=False, id="main.toggle_glossary",
            tooltip="Show or hide the underlining of your glossary's terms"),
    Binding("V", "vocabulary", "Vocabulary", show=False, id="main.vocabulary",
            tooltip="Your vocabulary list: the words kept from lookups; Enter goes back to the sentence"),
]
