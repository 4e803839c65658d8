"""Word and EPUB files are ZIP archives of XML: check one before a library opens it.

A small file can claim gigabytes once unpacked (a zip bomb) or hold
thousands of members; an XML member can declare entities that expand
without end or point outside the file. Libraries are not asked to cope:

* the total declared unpacked size and the member count are capped (Python's
  ``zipfile`` never unpacks more than a member declares, and checks its CRC);
* an XML member that declares entities (``<!ENTITY``) is refused; python-docx
  and ebooklib parse with entity resolution off and lxml reads no network,
  so this is a second wall, not the only one.
"""

from __future__ import annotations

import io
import re
import zipfile

from .parse import ParseError

#: Members of one archive.
MAX_MEMBERS = 5000
#: Unpacked bytes of all members together.
MAX_UNPACKED = 256 * 1024 * 1024
#: One member may unpack to at most this many times its packed size (deflate tops out near 1,030).
MAX_RATIO = 1000

_XML_NAMES = re.compile(r"\.(xml|xhtml|html?|opf|ncx|rels|svg)$", re.I)
_ENTITY = re.compile(rb"<!ENTITY|<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y", re.I)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def open_checked(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive, once it is known to be safe to unpack; else :class:`ParseError`.

    ``kind`` names the format in messages ("Word document", "EPUB").
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError(f"damaged {kind}: not a readable ZIP archive ({_short(exc)})") from None
    if len(infos) > MAX_MEMBERS:
        raise ParseError(f"too large: {len(infos):,} files inside the {kind}, the limit is {MAX_MEMBERS:,}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise ParseError(f"too large: the {kind} unpacks to {_mb(total)}, the limit is {_mb(MAX_UNPACKED)}")
    for info in infos:
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            ratio = info.file_size // max(info.compress_size, 1)
            raise ParseError(f"damaged {kind}: {info.filename[:60]!r} unpacks {ratio:,} times its size (a zip bomb?)")
        if info.flag_bits & 0x1:
            raise ParseError("password protected")
    for info in infos:
        if not _XML_NAMES.search(info.filename):
            continue
        try:
            with archive.open(info) as fh:
                head = fh.read(64 * 1024)  # entity declarations live in the prolog
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise ParseError(f"damaged {kind}: {info.filename[:60]!r} cannot be unpacked ({_short(exc)})") from None
        if _ENTITY.search(head):
            raise ParseError(f"unsafe {kind}: {info.filename[:60]!r} declares XML entities; refused")
    return archive


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:80] or type(exc).__name__
