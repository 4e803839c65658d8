"""The parser version: bump it when parsing output changes, so caches rebuild.

Kept apart from ``corpus.ingest.parse`` so reading the cache (the app's first paint)
does not import the whole parsing stack.
"""

PARSER_VERSION = 18
