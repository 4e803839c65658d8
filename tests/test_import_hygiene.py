"""The model packages never load the UI (as harlequin enforces for its model)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "corpus",
    "corpus.ingest.loader",
    "corpus.ingest.parse",
    "annotations",
]


@pytest.mark.parametrize("module", MODULES)
def test_model_does_not_load_textual(module: str) -> None:
    code = (
        "import importlib, sys, pkgutil\n"
        f"m = importlib.import_module({module!r})\n"
        "if hasattr(m, '__path__'):\n"
        "    for info in pkgutil.walk_packages(m.__path__, m.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.') or n == 'reader' or n.startswith('reader.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} loaded UI modules: {out.stdout.strip()}"


def test_cli_without_app_does_not_load_textual() -> None:
    """Scriptable commands start fast: `reader list` must not import textual."""
    code = (
        "import sys\n"
        "from reader.cli import cli\n"
        "print(any(n == 'textual' or n.startswith('textual.') for n in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_colour_table_loads_without_the_note_record() -> None:
    """The reading pane's first frame needs the note colours, not the annotation model: the
    package's names load ``annotations.model`` only when first used, and they are its own."""
    code = (
        "import sys\n"
        "from annotations.colors import COLOR_TABLE\n"
        "print('annotations.model' in sys.modules)\n"
        "import annotations, annotations.model as model\n"
        "print(annotations.Target is model.Target and annotations.new_annotation is model.new_annotation)\n"
        "print(hasattr(annotations, 'nothing_like_this'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "False"]
