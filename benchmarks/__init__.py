"""Benchmarks: printed figures, never assertions (``make bench`` / ``python -m benchmarks``)."""
