"""The reading pane's keys: bindings with ids ``pane.*``, descriptions and tooltips.

Every binding has an id so the config's ``[keymap]`` can rebind it (via
``App.set_keymap``), a description for the footer and the help screen, and a
tooltip. ``d`` (the dictionary lookup) and ``T`` (the script toggle) ask the
screen by message; the lookup's own keys are the screen's (``main_bindings``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("j,down", "scroll_lines(1)", "Down", id="pane.down", show=False, tooltip="Scroll down one line"),
    Binding("k,up", "scroll_lines(-1)", "Up", id="pane.up", show=False, tooltip="Scroll up one line"),
    Binding("space,pagedown", "scroll_pages(1)", "Page down", id="pane.page_down", show=False, tooltip="Scroll down one page"),
    Binding("pageup", "scroll_pages(-1)", "Page up", id="pane.page_up", show=False, tooltip="Scroll up one page"),
    Binding("ctrl+d", "scroll_half(1)", "Half page down", id="pane.half_down", show=False, tooltip="Scroll down half a page"),
    Binding("ctrl+u", "scroll_half(-1)", "Half page up", id="pane.half_up", show=False, tooltip="Scroll up half a page"),
    Binding("g,home", "top", "Top", id="pane.top", show=False, tooltip="Go to the top of the document"),
    Binding("G,end", "bottom", "Bottom", id="pane.bottom", show=False, tooltip="Go to the end of the document"),
    Binding("right_square_bracket", "heading(1)", "Next heading", id="pane.next_heading", show=False, tooltip="Jump to the next heading"),
    Binding("left_square_bracket", "heading(-1)", "Previous heading", id="pane.previous_heading", show=False, tooltip="Jump to the previous heading"),
    Binding("w", "motion('word_forward')", "Next word", id="pane.word_forward", show=False, tooltip="Cursor to the next word"),
    Binding("b", "motion('word_backward')", "Previous word", id="pane.word_backward", show=False, tooltip="Cursor to the previous word"),
    Binding("e", "motion('word_end')", "Word end", id="pane.word_end", show=False, tooltip="Cursor to the end of the word"),
    Binding("right_parenthesis", "motion('sentence_forward')", "Next sentence", id="pane.sentence_forward", show=False, tooltip="Cursor to the next sentence"),
    Binding("left_parenthesis", "motion('sentence_backward')", "Previous sentence", id="pane.sentence_backward", show=False, tooltip="Cursor to the start of the sentence"),
    Binding("right_curly_bracket", "motion('paragraph_forward')", "Next paragraph", id="pane.paragraph_forward", show=False, tooltip="Cursor to the next paragraph"),
    Binding("left_curly_bracket", "motion('paragraph_backward')", "Previous paragraph", id="pane.paragraph_backward", show=False, tooltip="Cursor to the start of the paragraph"),
    Binding("v", "select", "Select", id="pane.select", tooltip="Start (or end) a selection at the cursor"),
    Binding("escape", "cancel", "Cancel", id="pane.cancel", show=False, tooltip="Cancel the selection or the search highlight"),
    Binding("y", "copy", "Copy", id="pane.copy", tooltip="Copy the selection to the clipboard"),
    Binding("slash", "search", "Find", id="pane.search", tooltip="Search in this document"),
    Binding("n", "search_next(1)", "Next hit", id="pane.search_next", show=False, tooltip="Next search hit"),
    Binding("N", "search_next(-1)", "Previous hit", id="pane.search_previous", show=False, tooltip="Previous search hit"),
    Binding("asterisk", "search_word", "Find word", id="pane.search_word", show=False, tooltip="Search for the word under the cursor"),
    Binding("z", "view", "Place line", id="pane.view", show=False, tooltip="z then z/t/b: cursor line to the centre/top/bottom"),
    Binding("m", "mark", "Mark", id="pane.mark", show=False, tooltip="Set a mark: m then a letter"),
    Binding("apostrophe", "jump_mark", "Jump to mark", id="pane.jump_mark", show=False, tooltip="Jump to a mark: ' then a letter"),
    Binding("a", "annotate", "Annotate", id="pane.annotate", tooltip="Annotate the selection or the sentence at the cursor"),
    Binding("W", "watch_word", "Watch word", id="pane.watch_word", show=False, tooltip="Add the word at the cursor to the watch list"),
    Binding("d", "define", "Define", id="pane.define", tooltip="Dictionary lookup of the word at the cursor (d again or Esc closes)"),
    Binding("l,right", "char(1)", "Next character", id="pane.char_forward", show=False, tooltip="Cursor to the next character"),
    Binding("h,left", "char(-1)", "Previous character", id="pane.char_backward", show=False, tooltip="Cursor to the previous character"),
    Binding("T", "toggle_script", "简/繁", id="pane.toggle_script", show=False, tooltip="Show the text in the other script, simplified or traditional (display only)"),
]
