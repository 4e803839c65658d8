"""The Textual app and the CLI: the only package that imports textual."""

#: The distribution's name on PyPI (``reader`` there is another project); the
#: command and the import packages are still called ``reader``.
DIST_NAME = "zh-corpus-reader"


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~40 ms to import: pay it only when the version
    # is asked for (``reader --version``), not on every start of the app.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(DIST_NAME)
        except PackageNotFoundError:  # running from a source tree without install
            return "0+unknown"
    raise AttributeError(f"module 'reader' has no attribute {name!r}")
