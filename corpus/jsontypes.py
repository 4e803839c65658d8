"""Names for JSON-shaped data, so a signature says "JSON" where it would say ``Any``.

* :data:`JSON` — a value to write (``json.dumps``): read-only containers, so a
  ``dict[str, int]`` or a ``list[str]`` fits as it is.
* :data:`JSONObject` — an object as ``json.loads`` returns it: its values are
  whatever the file held (``Any`` is their honest type), checked where they are read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

JSON: TypeAlias = "Mapping[str, JSON] | Sequence[JSON] | str | int | float | bool | None"
JSONObject: TypeAlias = dict[str, Any]

__all__ = ["JSON", "JSONObject"]
