"""Messages the reading pane posts (nested into ``ReadingPane`` as attributes).

They use the ``reading_pane`` namespace, so handlers are named
``on_reading_pane_position_changed`` and so on, exactly as if the classes
were defined inside ``ReadingPane``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget


class PaneMessage(Message):
    """Base of the pane's messages; ``control`` is the pane that sent it."""

    pane: Widget | None = None

    @property
    def control(self) -> Widget | None:
        return self.pane


class PositionChanged(PaneMessage, namespace="reading_pane"):
    """The top of the view moved: ``offset`` (char), ``percent``, paragraph ``n`` of ``m``."""

    def __init__(self, offset: int, percent: int, paragraph: int, paragraphs: int) -> None:
        super().__init__()
        self.offset = offset
        self.percent = percent
        self.paragraph = paragraph
        self.paragraphs = paragraphs


class CursorMoved(PaneMessage, namespace="reading_pane"):
    """The cursor moved to character ``offset``."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset = offset


class SelectionChanged(PaneMessage, namespace="reading_pane"):
    """The selection is now ``(start, end)`` (end exclusive) or ``None``."""

    def __init__(self, selection: tuple[int, int] | None) -> None:
        super().__init__()
        self.selection = selection


class AnnotateRequested(PaneMessage, namespace="reading_pane"):
    """The user asked to annotate ``text[start:end]`` (key ``a``)."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end


class WatchWordRequested(PaneMessage, namespace="reading_pane"):
    """The user asked to watch ``word`` (key ``W``)."""

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word


class MarksChanged(PaneMessage, namespace="reading_pane"):
    """The marks of document ``doc_id`` changed (letter → char offset), to persist."""

    def __init__(self, doc_id: str, marks: dict[str, int]) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.marks = dict(marks)


class DocumentPainted(PaneMessage, namespace="reading_pane"):
    """Document ``doc_id`` was drawn for the first time since it was loaded (its first frame)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id


class DefineRequested(PaneMessage, namespace="reading_pane"):
    """Key ``d``: open (or close) the dictionary lookup at character ``offset``."""

    def __init__(self, offset: int) -> None:
        super().__init__()
        self.offset = offset


class ScriptToggleRequested(PaneMessage, namespace="reading_pane"):
    """Key ``T``: show the text in the other script (or as written again)."""
