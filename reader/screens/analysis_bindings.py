"""The analysis screen's keys: bindings with ids ``analysis.*``, descriptions and tooltips.

Letters and digits type in the term and filter boxes while one of them has
focus; ``a`` (annotate) works on the concordance, ``l`` (library) on the
entities, ``s`` wherever a view has options: the screen's ``check_action``
shows each only where it works.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("escape,q", "cancel_or_close", "Back", id="analysis.close",
            tooltip="Cancel the running analysis, or go back to reading"),
    Binding("slash", "focus_term", "Term", id="analysis.term", tooltip="Type the term(s): 跨境电商, 海外仓"),
    Binding("f", "focus_filter", "Filter", show=False, id="analysis.filter",
            tooltip="Filter: section:NAME since:YYYY-MM until:… doc:ID tag:TAG"),
    Binding("1", "tab('kwic')", "Concordance", show=False, id="analysis.kwic",
            tooltip="Concordance: every occurrence in context, and where in the corpus"),
    Binding("2", "tab('collocates')", "Collocates", show=False, id="analysis.collocates",
            tooltip="Collocates (G², MI) and clusters of the term"),
    Binding("3", "tab('trends')", "Trends", show=False, id="analysis.trends",
            tooltip="The terms over time, per 10,000 characters"),
    Binding("4", "tab('entities')", "Entities", show=False, id="analysis.entities",
            tooltip="People, places and organisations"),
    Binding("5", "tab('keyness')", "Keyness", show=False, id="analysis.keyness",
            tooltip="Key words of a section, dates or a tag's passages (set in the filter)"),
    Binding("6", "tab('tags')", "Tags", show=False, id="analysis.tags",
            tooltip="Your tags across sections and documents, and together"),
    Binding("s", "option", "Sort/measure/period", id="analysis.option",
            tooltip="Next sort (concordance), measure (collocates), period (trends), kind (entities), "
                    "matrix (tags)"),
    Binding("a", "annotate", "Annotate", id="analysis.annotate",
            tooltip="Open the document at this line and annotate the hit"),
    Binding("l", "filter_library", "Library", id="analysis.library",
            tooltip="Show only the documents naming this entity in the library"),
    Binding("x", "export", "Export CSV", id="analysis.export", tooltip="Write this tab's table as CSV"),
    Binding("c", "export_image", "Save SVG", id="analysis.image",
            tooltip="Save this tab as you see it (its chart and table, in colour) as an SVG image"),
]
