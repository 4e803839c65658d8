"""The release: a warning-free build, an sdist that can run its tests, honest metadata.

The build runs setuptools' backend (the ``build-system`` of pyproject.toml) on a copy of
the source tree, the way ``python -m build`` does, so nothing is written into the
checkout. It works the same from the unpacked sdist.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from packaging.requirements import Requirement
from version_floors import direct_requirements, floor_of, moot_floors

import reader
from reader.cli import cli

ROOT = Path(__file__).resolve().parents[1]
#: Folders of the tree that are not sources (venvs, caches, build output).
NOT_SOURCES = {".git", ".venv", ".venv-lowest", "dist", "build", ".pytest_cache", ".hypothesis",
               ".mypy_cache", ".ruff_cache", ".cache", "bench-out", "__pycache__"}
#: What the sdist carries besides the packages, so its tests and benchmarks can run.
RELEASE_FILES = {"LICENSE", "README.md", "CHANGELOG.md", "Makefile", "pyproject.toml", "MANIFEST.in"}

BUILD = """
import sys
from setuptools import build_meta
out = sys.argv[1]
sdist = build_meta.build_sdist(out)
wheel = build_meta.build_wheel(out)
print(sdist, wheel, sep="\\n")
"""


def _sources(folder: Path) -> set[str]:
    """Files under ``folder`` (relative to ROOT), bytecode and caches left out."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not NOT_SOURCES.intersection(p.relative_to(ROOT).parts) and p.suffix != ".pyc"
        and not p.name.endswith(".egg-info")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(sdist, wheel, everything the build printed)."""
    if not (ROOT / "pyproject.toml").is_file():
        pytest.fail(f"no pyproject.toml in {ROOT}: the tests run from a checkout or the sdist")
    tmp = tmp_path_factory.mktemp("build")
    tree = tmp / "tree"
    shutil.copytree(
        ROOT, tree, ignore=lambda _d, names: [n for n in names if n in NOT_SOURCES or n.endswith(".egg-info")]
    )
    out = tmp / "dist"
    out.mkdir()
    # Some machines set PYTHONDONTWRITEBYTECODE, which only makes setuptools log that it
    # skips byte-compiling (wheels carry no bytecode).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run = subprocess.run(
        [sys.executable, "-c", BUILD, str(out)],
        cwd=tree, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sdist_name, wheel_name = run.stdout.strip().splitlines()[-2:]
    return out / sdist_name, out / wheel_name, run.stdout + run.stderr


def test_the_build_has_no_warnings(built: tuple[Path, Path, str]) -> None:
    log = built[2]
    warnings = [line for line in log.splitlines() if "warn" in line.lower()]
    assert warnings == [], log


def test_the_sdist_carries_the_tests_benchmarks_and_release_files(built: tuple[Path, Path, str]) -> None:
    sdist = built[0]
    with tarfile.open(sdist) as tar:
        top = sdist.name.removesuffix(".tar.gz")
        names = {n.removeprefix(top + "/") for n in tar.getnames()}
    wanted = _sources(ROOT / "tests") | _sources(ROOT / "benchmarks") | RELEASE_FILES
    assert "tests/conftest.py" in wanted and any(n.endswith(".svg") for n in wanted)
    assert sorted(wanted - names) == [], "missing from the sdist (a new kind of file needs a MANIFEST.in line)"
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]


def test_the_wheel_metadata(built: tuple[Path, Path, str]) -> None:
    wheel = built[1]
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(whl.read(info).decode())
        entry_points = whl.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert meta["Name"] == reader.DIST_NAME == "zh-corpus-reader"
    assert meta["License-Expression"] == "MIT" and meta["License-File"] == "LICENSE"
    assert info.replace("METADATA", "licenses/LICENSE") in names
    assert "reader = reader.cli:main" in entry_points
    # Packages and their data, nothing of the tests.
    assert {"reader/__main__.py", "reader/reader.tcss", "corpus/data/domain_words.txt"} <= names
    assert any(n.startswith("corpus/samples/") and n.endswith(".txt") for n in names)
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]
    # No made-up home page: URLs only once the project has a public one.
    assert not meta.get_all("Project-URL") and not meta["Home-page"]


def test_version_comes_from_the_distribution() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"reader, version {version(reader.DIST_NAME)}\n"
    assert reader.__version__ == version(reader.DIST_NAME)


def test_python_m_reader_is_the_command() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, f"reader, version {reader.__version__}\n", "")


@pytest.mark.slow
def test_snapshot_tests_can_be_deselected() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-m", "snapshot", str(ROOT / "tests")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    collected = [line for line in run.stdout.splitlines() if "::" in line]
    assert run.returncode == 0 and collected, run.stdout + run.stderr
    # The marked tests are those of the files that draw SVG snapshots.
    files = {line.split("::")[0] for line in collected}
    assert all("snap_compare" in (ROOT / f).read_text(encoding="utf-8") for f in files), files
    assert "tests/test_snapshots.py" in files


def test_every_dependency_has_a_floor() -> None:
    requirements = direct_requirements()
    assert {r.name for r in requirements} >= {"textual", "click", "pytest"}
    assert [r.name for r in requirements if floor_of(r) is None] == []


def test_a_floor_lifted_by_another_requirement_is_reported() -> None:
    requirements = [Requirement(r) for r in ("pytest>=8.0,<9", "setuptools>=77", "jieba>=0.42.1,<0.43", "Py_YAML>=6.0")]
    installed = {"pytest": "8.2.0", "setuptools": "77.0.1", "jieba": "0.42.1", "py-yaml": "6.0"}
    assert moot_floors(requirements, installed) == ["pytest: floor 8.0, but the lowest resolution installs 8.2.0"]
    assert moot_floors([Requirement("uv"), Requirement("rich>=14.2")], {"uv": "0.5.0"}) == [
        "uv: no floor (>=) in pyproject.toml",
        "rich: not installed",
    ]
