"""Opening input files: gzip looked through, damaged compressed data named as such.

A compressed stream reports damage late and in its own words: ``gzip``
raises :class:`gzip.BadGzipFile` on a bad CRC only at the end, ``EOFError`` on
a truncated file (which ``click`` turns into "Aborted." and exit 130), and
``zlib.error`` on corrupt deflate data; zstandard raises ``ZstdError``. Every
read of a compressed stream goes through :class:`CheckedStream`, which turns
these into one :class:`~influscope.errors.InputError` naming the file.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO, Any

from influscope.errors import N_, InputError

GZIP_MAGIC = b"\x1f\x8b"
# What a damaged gzip stream raises (BadGzipFile is an OSError).
GZIP_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)


class CheckedStream(io.RawIOBase):
    """A raw binary stream over a decompressor whose errors become an InputError.

    Args:
        inner: the decompressing stream (a ``GzipFile``, a zstandard reader).
        path: the file, for the message.
        kind: the container's name ("gzip", "zstandard").
        errors: the exception types that mean damaged data.
    """

    def __init__(
        self, inner: Any, path: Path, kind: str, errors: tuple[type[BaseException], ...]
    ) -> None:
        super().__init__()
        self.inner = inner
        self.path = path
        self.kind = kind
        self.errors = errors

    def readable(self) -> bool:
        """Always: this is an input."""
        return True

    def seekable(self) -> bool:
        """Whether the decompressor can rewind (gzip can; a zstandard reader cannot)."""
        return bool(self.inner.seekable())

    def readinto(self, buffer: Any) -> int:
        """Read decompressed bytes; damaged data raises :class:`InputError`."""
        try:
            return int(self.inner.readinto(buffer))
        except self.errors as exc:
            raise self._damaged(exc) from exc

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Rewind or move (a gzip stream decompresses again from the start to go back)."""
        try:
            return int(self.inner.seek(offset, whence))
        except self.errors as exc:
            raise self._damaged(exc) from exc

    def close(self) -> None:
        """Close the decompressor and the file under it."""
        if not self.closed:
            self.inner.close()
        super().close()

    def _damaged(self, exc: BaseException) -> InputError:
        return InputError(
            N_("{path}: damaged {kind} data ({reason})."),
            N_(
                "The file is truncated or corrupt (an interrupted download or copy?): fetch "
                "it again. Rows of it committed before the damage stay in the workspace; "
                "importing the repaired file again adds the rest without duplicates."
            ),
            path=str(self.path),
            kind=self.kind,
            reason=str(exc) or type(exc).__name__,
        )


def checked(
    inner: Any, path: Path, kind: str, errors: tuple[type[BaseException], ...]
) -> IO[bytes]:
    """A buffered binary stream over ``inner`` whose damage errors name ``path``."""
    return io.BufferedReader(CheckedStream(inner, path, kind, errors), buffer_size=1 << 16)


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, decompressing gzip transparently (by magic number).

    Raises:
        InputError: the file cannot be opened (missing, a folder, no permission).
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(
            N_("{path}: cannot open: {reason}."), path=str(path), reason=str(exc.strerror or exc)
        ) from exc
    try:
        magic = handle.read(2)
        handle.seek(0)
    except OSError as exc:
        handle.close()
        raise InputError(
            N_("{path}: cannot read: {reason}."), path=str(path), reason=str(exc.strerror or exc)
        ) from exc
    if magic == GZIP_MAGIC:
        return checked(gzip.GzipFile(fileobj=handle), path, "gzip", GZIP_ERRORS)
    return handle


def is_gzip(path: Path) -> bool:
    """Whether a file starts with the gzip magic number."""
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC
