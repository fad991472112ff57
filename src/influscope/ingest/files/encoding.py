"""Which text encoding a file is in, and decoding that never loses a row.

Text files arrive in UTF-8, UTF-8 with a BOM, UTF-16 (Meltwater, Keyword
Planner), or a legacy 8-bit code page (Excel on Windows writes cp1252). The
encoding is the one declared (``--encoding``), else the one a byte-order mark
names, else guessed from the first :data:`SAMPLE` bytes: UTF-16 by its NUL
pattern, UTF-8 when it decodes (or when most non-ASCII in the sample is valid
UTF-8: a stray byte is then a damaged row, not a different encoding), else what
charset-normalizer finds.

Decoding never raises and never skips: an undecodable byte ``0xNN`` becomes the
lone surrogate ``U+DCNN`` (the ``influscope-mark`` error handler, a
``surrogateescape`` that works for every codec). No correct decoding produces a
lone surrogate, so a reader finds the damaged row by looking for one and
rejects that row alone, with its line and field, while the text stream, and so
every line number after it, stays intact. (Strict decoding raised in the middle
of an 8 KiB chunk: the chunk's rows were lost and every later line number was
wrong.)
"""

from __future__ import annotations

import codecs
import re
from typing import IO

from influscope.errors import N_, Phrase, UsageError

MARK = "influscope-mark"
SAMPLE = 1 << 22
_MARKED = re.compile("[\udc00-\udcff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error(MARK, _mark)


def check_encoding(name: str) -> str:
    """The Python codec name of ``--encoding`` (``latin-1``, ``cp1252``, ``utf-16``…).

    Raises:
        UsageError: the name is no text encoding Python knows.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    """
    try:
        info = codecs.lookup(name)
    except LookupError as exc:
        raise UsageError(
            N_("--encoding {encoding}: unknown encoding."),
            N_("Examples: utf-8, cp1252 (Excel on Windows), latin-1, utf-16."),
            encoding=repr(name),
        ) from exc
    if not info._is_text_encoding:
        raise UsageError(
            N_("--encoding {encoding} is not a text encoding."),
            N_("Example: cp1252."),
            encoding=repr(name),
        )
    return info.name


def detect(head: bytes) -> str:
    """The encoding of a file from its first bytes (see the module doc).

    >>> detect("café".encode("utf-8")), detect("café".encode("cp1252"))[:2]
    ('utf-8', 'cp')
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    wide = _utf16_without_bom(head[:4096])
    if wide:
        return wide
    # A sample cut in the middle of a character must not count against UTF-8.
    body = head[:-3] if len(head) >= SAMPLE else head
    text = body.decode("utf-8", MARK)
    bad = len(_MARKED.findall(text))
    if not bad:
        return "utf-8"
    valid = sum(1 for c in text if ord(c) > 0x7F) - bad
    if valid >= bad:
        return "utf-8"
    # Only an encoding that reads ASCII as ASCII keeps a CSV's commas and a
    # JSON file's braces: an EBCDIC guess for a few stray bytes is noise.
    # Imported here: a file that is not UTF-8 is rare, the detector slow to import.
    from charset_normalizer import from_bytes  # noqa: PLC0415 - banned at module level

    for match in from_bytes(body):
        if _ascii_compatible(match.encoding):
            return str(match.encoding)
    return "utf-8"


def _ascii_compatible(name: str) -> bool:
    ascii_bytes = bytes(range(128))
    return ascii_bytes.decode(name, "replace") == ascii_bytes.decode("ascii")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE/BE by its NUL bytes (ASCII text in UTF-16 is every other byte NUL)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    odd = head[1 : pairs * 2 : 2].count(0)
    even = head[0 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.4 and even < pairs * 0.1:
        return "utf-16-le"
    if even > pairs * 0.4 and odd < pairs * 0.1:
        return "utf-16-be"
    return None


def sniff(handle: IO[bytes], declared: str | None) -> str:
    """The encoding of a seekable binary stream (declared, else detected); rewinds it."""
    if declared:
        return check_encoding(declared)
    head = handle.read(SAMPLE)
    handle.seek(0)
    return detect(head)


def damaged(text: str) -> bool:
    """Whether decoded text holds a byte the encoding could not decode."""
    return _MARKED.search(text) is not None


def bad_bytes(text: str) -> str:
    """The undecodable bytes of a decoded text, as ``0xE9, 0xFF`` (the first few)."""
    found = [f"0x{ord(c) - 0xDC00:02X}" for c in _MARKED.findall(text)[:4]]
    return ", ".join(found)


def shown(text: str) -> str:
    r"""Decoded text fit for the error log: an undecodable byte is written ``\xE9``."""
    return _MARKED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02X}", text)


def has_surrogate(text: str) -> bool:
    """Whether a string holds a lone surrogate (no store or UTF-8 writer accepts one)."""
    return _SURROGATE.search(text) is not None


def decode_error(encoding: str, text: str) -> Phrase:
    """The reason logged for a row with undecodable bytes."""
    return Phrase(
        N_(
            "bytes not valid in {encoding} ({bytes}); the rest of the file reads as {encoding}: "
            "fix this row, or import with --encoding if the file is in another encoding "
            "(cp1252, latin-1…)"
        ),
        encoding=encoding,
        bytes=bad_bytes(text),
    )
