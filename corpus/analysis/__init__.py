"""Asking a corpus questions: concordance, collocates, clusters, trends, entities, keyness.

Every measure works on plain documents and returns plain data (``to_dict`` for
JSON, ``columns``/``rows`` for tables and CSV); the UI and the CLI only draw it.

* :mod:`.occurrences` — the one place that finds a term's occurrences (the same
  folded matching as ``reader search``); every count below comes from it.
* :mod:`.scope` — which documents a question is about (section, dates, document).
* :mod:`.words` — jieba words around an offset, and corpus word frequencies.
* :mod:`.measures` — log-likelihood (G²), mutual information, log ratio.
* :mod:`.kwic`, :mod:`.collocates`, :mod:`.ngrams`, :mod:`.trends`,
  :mod:`.keyness`, :mod:`.entities` — the views.
* :mod:`.cells` — terminal cell widths (CJK = 2) for aligned context.

This room never imports textual, reader or annotations.
"""
