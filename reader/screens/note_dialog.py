"""The note dialog: quote, Markdown note, tags with completion and ideas, colour 1–6.

Returns a :class:`~reader.notes_session.NoteDraft` on save, ``None`` on
cancel.  Keys: ``ctrl+s`` saves from anywhere, ``Enter`` in the tags field saves,
``alt+1``…``alt+6`` pick a colour from anywhere (plain ``1``…``6`` when no text
field has focus), ``Esc`` cancels (twice when the note was changed, so a
half-written note is never lost to a stray key).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from annotations.colors import COLOR_NAMES
from annotations.model import parse_tags

from ..note_text import excerpt, format_tags, swatch_style
from ..notes_session import NoteDraft
from ..shown import shown, shown_text
from ..tag_suggest import suggest_tags

_SEPARATORS = ",，、;；"
HINT = "Enter save · ctrl+j new line · alt+1…6 colour · Tab next field · Esc cancel"


class NoteArea(TextArea):
    """The note field: Enter saves the note (as the issue's users expect); ctrl+j
    or alt+enter starts a new line, since terminals cannot tell shift+enter apart."""

    BINDINGS = [
        # Priority, so the key is ours before TextArea's own handler inserts a newline.
        Binding("enter", "submit", "Save", priority=True, id="note.submit", tooltip="Save the note"),
        Binding("ctrl+j,alt+enter", "newline", "New line", id="note.newline", tooltip="Start a new line"),
    ]

    class Submitted(Message):
        """Enter was pressed in the note."""

    def action_submit(self) -> None:
        self.post_message(self.Submitted())

    def action_newline(self) -> None:
        self.insert("\n")


class TagSuggester(Suggester):
    """Completes the tag being typed (the part after the last comma) from known tags."""

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        # Most used first, so the likeliest completion wins.
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        cut = max(value.rfind(sep) for sep in _SEPARATORS) + 1
        head, partial = value[:cut], value[cut:].lstrip()
        if not partial:
            return None
        typed = set(parse_tags(head))
        low = partial.lower()
        for tag in self.tags:
            if tag.lower().startswith(low) and tag != partial and tag not in typed:
                return value[: len(value) - len(partial)] + tag
        return None


class NoteDialog(ModalScreen[NoteDraft | None]):
    """Write or edit one note."""

    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > #dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    NoteDialog #title { text-style: bold; }
    NoteDialog #quote { color: $text-muted; max-height: 4; margin-bottom: 1; }
    NoteDialog #note { height: 7; }
    NoteDialog .field-label { margin-top: 1; }
    NoteDialog #chips { height: auto; }
    NoteDialog #chips Button { min-width: 4; height: 1; border: none; margin-right: 1; }
    NoteDialog #color { layout: horizontal; height: auto; width: auto; }
    NoteDialog #hint { color: $text-muted; margin-top: 1; }
    NoteDialog #hint.warn { color: $warning; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save", tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
        *[
            Binding(f"alt+{n}", f"color({n})", f"Colour {n}", show=False, priority=True, id=f"note.color{n}",
                    tooltip=f"Colour {n} ({COLOR_NAMES[n]})")
            for n in range(1, 7)
        ],
    ]

    def __init__(
        self,
        quote: str,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        color: int = 1,
        known_tags: dict[str, int] | None = None,
        title: str = "New note",
    ) -> None:
        super().__init__()
        self.quote = quote
        # What the editor shows is what is saved: a stored escape sequence (a note added with the
        # CLI) is never drawn, so it is not kept either once the note is edited here.
        self.initial = NoteDraft(shown(note), tuple(shown(t) for t in tags), color if color in COLOR_NAMES else 1)
        self.known_tags = {shown(t): n for t, n in (known_tags or {}).items()}
        self.title_text = title
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        ordered = sorted(self.known_tags, key=lambda t: (-self.known_tags[t], t))
        with Vertical(id="dialog"):
            yield Label(shown_text(self.title_text), id="title")
            yield Static(Text(f"「{excerpt(self.quote, 200)}」"), id="quote")
            yield Label("Note (Markdown)", classes="field-label")
            yield NoteArea(self.initial.note, id="note", soft_wrap=True, tab_behavior="focus")
            yield Label("Tags (comma separated; → accepts a completion)", classes="field-label")
            yield Input(
                format_tags(self.initial.tags),
                placeholder="跨境, 政策",
                id="tags",
                suggester=TagSuggester(ordered),
            )
            yield Horizontal(id="chips")
            yield Label("Colour", classes="field-label")
            with RadioSet(id="color"):
                for n, name in COLOR_NAMES.items():
                    label = Text.assemble(("███", swatch_style(n)), f" {n}")
                    button = RadioButton(label, value=n == self.initial.color, id=f"color-{n}")
                    button.tooltip = f"{name} (alt+{n})"
                    yield button
            yield Static(HINT, id="hint")

    def on_mount(self) -> None:
        note = self.query_one("#note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)  # editing an old note continues at its end
        self.find_ideas(self.app, self.quote, list(self.known_tags))

    # -- tag ideas (segmenting may load a dictionary: keep it off the UI thread) --

    @work(thread=True, exclusive=True, group="tag-ideas", exit_on_error=False, description="tag ideas")
    def find_ideas(self, app: App[object], quote: str, known: list[str]) -> None:
        try:
            ideas = suggest_tags(quote, known)
        except Exception as exc:  # ideas are a convenience: say why there are none, keep the dialog
            app.call_from_thread(self.show_ideas, [], f"(no tag ideas: {exc})")
            return
        app.call_from_thread(self.show_ideas, ideas)

    def show_ideas(self, ideas: list[str], problem: str = "") -> None:
        if not self.is_attached:
            return
        chips = self.query_one("#chips", Horizontal)
        chips.remove_children()
        if problem:
            chips.mount(Label(shown_text(problem)))
        have = set(parse_tags(self.query_one("#tags", Input).value))
        ideas = [w for w in ideas if w not in have]
        if ideas:
            chips.mount(Label("Ideas:"))
            chips.mount_all(Button(shown_text(word), name=word, classes="chip", compact=True) for word in ideas)

    @on(Button.Pressed, ".chip")
    def add_idea(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.query_one("#tags", Input)
        tags = parse_tags(box.value)
        word = event.button.name or ""
        if word and word not in tags:
            box.value = format_tags((*tags, word))
        event.button.remove()

    # -- colour ----------------------------------------------------------------

    @property
    def color(self) -> int:
        pressed = self.query_one("#color", RadioSet).pressed_button
        if pressed is not None and pressed.id:
            return int(pressed.id.rsplit("-", 1)[1])
        return self.initial.color

    def action_color(self, n: int) -> None:
        if n in COLOR_NAMES:
            self.query_one(f"#color-{n}", RadioButton).value = True

    def on_key(self, event: Key) -> None:
        # Plain digits pick a colour only when they would not type into a field.
        if event.key in "123456" and len(event.key) == 1 and not isinstance(self.focused, (Input, TextArea)):
            event.stop()
            self.action_color(int(event.key))

    # -- save / cancel ---------------------------------------------------------

    def draft(self) -> NoteDraft:
        return NoteDraft(
            note=self.query_one("#note", TextArea).text.strip("\n"),
            tags=parse_tags(self.query_one("#tags", Input).value),
            color=self.color,
        )

    @on(NoteArea.Submitted)
    def submit_note(self, event: NoteArea.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Submitted, "#tags")
    def submit_tags(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.draft())

    def action_cancel(self) -> None:
        if self.draft() != self.initial and not self._discard_armed:
            self._discard_armed = True
            hint = self.query_one("#hint", Static)
            hint.update("Unsaved changes: Esc again discards them, Enter saves.")
            hint.add_class("warn")
            return
        self.dismiss(None)
