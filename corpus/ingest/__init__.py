"""Files in, documents out: discovery, decoding, cleaning, structure, one reader per format, the cache.

``corpus.load_corpus`` (:mod:`corpus.ingest.loader`) is the entry point.
"""
