"""The Textual app and the CLI: the only package that imports textual."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reader")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"
