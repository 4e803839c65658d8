"""Association and keyness measures on a 2×2 contingency table.

For a word in a *part* of the corpus (a collocation window, a section, a tag's
passages) against the corpus, with

====================  ==========  =================
                      the word    other words
====================  ==========  =================
in the part           O11 = a     O12 = R1 − a
elsewhere             O21 = C1−a  O22 = N − R1 − C1 + a
====================  ==========  =================

(R1 = size of the part, C1 = the word's total frequency, N = corpus size), the
expected counts are ``E_ij = R_i · C_j / N`` and:

* **log-likelihood** (Dunning's G²): ``2 Σ O_ij · ln(O_ij / E_ij)`` over the four
  cells (an empty cell adds 0). 3.84, 6.63, 10.83 and 15.13 are the critical
  values for p < 0.05, 0.01, 0.001 and 0.0001 (one degree of freedom).
* **mutual information** (pointwise, in bits): ``log2(O11 / E11)``.
* **log ratio** (Hardie 2014, an effect size for keyness): ``log2`` of the ratio
  of relative frequencies, ``(a / R1) / ((C1 − a) / (N − R1))``, with a zero
  frequency replaced by 0.5. +1 means twice as frequent in the part.
"""

from __future__ import annotations

import math

#: Log-likelihood critical values (one degree of freedom) and their p.
LL_CRITICAL = ((15.13, 0.0001), (10.83, 0.001), (6.63, 0.01), (3.84, 0.05))


def _cells(o11: int, r1: int, c1: int, n: int) -> list[tuple[int, float]]:
    if not 0 <= o11 <= min(r1, c1) or r1 > n or c1 > n or n - r1 - c1 + o11 < 0:
        raise ValueError(f"not a contingency table: O11={o11}, R1={r1}, C1={c1}, N={n}")
    r2, c2 = n - r1, n - c1
    return [
        (o11, r1 * c1 / n),
        (r1 - o11, r1 * c2 / n),
        (c1 - o11, r2 * c1 / n),
        (n - r1 - c1 + o11, r2 * c2 / n),
    ]


def log_likelihood(o11: int, r1: int, c1: int, n: int) -> float:
    """Dunning's G² of the table (always ≥ 0; see the module docstring)."""
    if n <= 0:
        return 0.0
    total = 0.0
    for o, e in _cells(o11, r1, c1, n):
        if o > 0:
            total += o * math.log(o / e)
    return max(0.0, 2.0 * total)


def mutual_information(o11: int, r1: int, c1: int, n: int) -> float:
    """Pointwise mutual information ``log2(O11 · N / (R1 · C1))``; −inf when O11 = 0."""
    _cells(o11, r1, c1, n)
    if o11 == 0:
        return -math.inf
    return math.log2(o11 * n / (r1 * c1))


def log_ratio(a: int, part_size: int, b: int, rest_size: int) -> float:
    """``log2((a / part_size) / (b / rest_size))``, zero frequencies counted as 0.5."""
    if part_size <= 0 or rest_size <= 0:
        return 0.0
    return math.log2((max(a, 0.5) / part_size) / (max(b, 0.5) / rest_size))


def significance(ll: float) -> float | None:
    """The smallest p in :data:`LL_CRITICAL` that ``ll`` reaches, or None."""
    for critical, p in LL_CRITICAL:
        if ll >= critical:
            return p
    return None
