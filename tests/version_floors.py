"""Check that every floor in pyproject.toml is the version the lowest resolution installs.

``make test-lowest`` runs this in ``.venv-lowest`` each time it is made again (uv's
``--resolution lowest-direct`` puts each direct dependency at the lowest version the
whole set allows). A floor that is lower than what gets installed is moot: another
requirement (Textual's on rich, pytest-asyncio's on pytest) lifts it, and the suite
never ran at the version pyproject.toml claims. Run: ``python tests/version_floors.py``.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def direct_requirements(pyproject: Path = PYPROJECT, extras: Iterable[str] = ("test",)) -> list[Requirement]:
    """The project's dependencies and those of ``extras``."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in extras:
        texts += project["optional-dependencies"][extra]
    return [Requirement(text) for text in texts]


def floor_of(requirement: Requirement) -> Version | None:
    floors = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    return max(floors) if floors else None


def moot_floors(requirements: Iterable[Requirement], installed: Mapping[str, str]) -> list[str]:
    """One line per requirement whose installed version is not in its floor's series.

    A floor ``8.0`` is kept by 8.0.x (a missing 8.0.0 release is not the floor's
    fault), not by 8.2.0; a floor ``0.42.1`` only by 0.42.1.
    """
    problems = []
    for req in requirements:
        floor = floor_of(req)
        name = canonicalize_name(req.name)
        if floor is None:
            problems.append(f"{req.name}: no floor (>=) in pyproject.toml")
            continue
        if name not in installed:
            problems.append(f"{req.name}: not installed")
            continue
        got = Version(installed[name])
        if got.release[: len(floor.release)] != floor.release:
            problems.append(f"{req.name}: floor {floor}, but the lowest resolution installs {got}")
    return problems


def installed_versions(requirements: Iterable[Requirement]) -> dict[str, str]:
    found: dict[str, str] = {}
    for req in requirements:
        with contextlib.suppress(PackageNotFoundError):  # moot_floors reports it missing
            found[canonicalize_name(req.name)] = version(req.name)
    return found


def main() -> int:
    requirements = direct_requirements()
    problems = moot_floors(requirements, installed_versions(requirements))
    for line in problems:
        print(f"version floor: {line}", file=sys.stderr)
    if problems:
        print("raise each floor above to the version installed (pyproject.toml)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
