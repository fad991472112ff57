"""Where a command's output goes: this process's terminal, or the terminal of a forwarded command.

While ``influscope watch`` or ``serve`` holds the store, another ``influscope``
command sends its arguments to that process (:mod:`influscope.serve.control.forward`),
which runs the very same verb in one of its threads and streams back what it
prints. For that thread, a :class:`Session` stands for the client's terminal:
``sys.stdout``/``sys.stderr`` (replaced once by :class:`Routed` streams that
look the session up per thread), the rich consoles of :mod:`~influscope.serve.cli.output`
(built with the client's width, colours and terminal-ness), relative paths (the
client's folder), prompts (:func:`ask`, answered by the client) and the held
workspace (:func:`influscope.serve.cli.access.open_workspace`). Other threads of
the process (the API, the watch loop) keep writing to the real streams.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import typer

if TYPE_CHECKING:
    from influscope.workspace import Workspace

_local = threading.local()


class NeedsInput(Exception):
    """A forwarded command asked a question: the client asks its user, then runs it again."""

    def __init__(self, label: str, hide: bool, confirm: bool, yes_no: bool = False) -> None:
        super().__init__(label)
        self.label, self.hide, self.confirm, self.yes_no = label, hide, confirm, yes_no


class Cancelled(Exception):
    """The client of a forwarded command went away: its next output stops it."""


class _Writer(io.TextIOBase):
    """A text stream that hands what is written to a function (a session's frames)."""

    def __init__(self, send: Callable[[str], None], tty: bool, cancelled: threading.Event):
        self.send, self.tty, self.cancelled = send, tty, cancelled

    def write(self, text: str) -> int:
        """Hand ``text`` to the session (a text stream: bytes are refused, as by any)."""
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.cancelled.is_set():
            raise Cancelled("the client went away")
        if text:
            self.send(text)
        return len(text)

    def isatty(self) -> bool:
        """Whether the client's stream is a terminal."""
        return self.tty

    def writable(self) -> bool:
        """Always."""
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """Text is sent as UTF-8."""
        return "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        """Text streams here are strict (click checks it before writing as-is)."""
        return "strict"


class _BinaryWriter(io.RawIOBase):
    """The bytes side of a session's stdout (an export to stdout, say)."""

    def __init__(self, send: Callable[[bytes], None], cancelled: threading.Event) -> None:
        self.send, self.cancelled = send, cancelled

    def write(self, data: Any) -> int:
        """Hand the bytes to the session."""
        if self.cancelled.is_set():
            raise Cancelled("the client went away")
        chunk = bytes(data)
        if chunk:
            self.send(chunk)
        return len(chunk)

    def writable(self) -> bool:
        """Always."""
        return True


@dataclass
class Session:
    """The client terminal of a forwarded command, as the verb running here sees it."""

    workspace: Workspace
    cwd: Path
    lang: str
    send_out: Callable[[str], None]
    send_err: Callable[[str], None]
    send_bytes: Callable[[bytes], None]
    tty: dict[str, bool] = field(default_factory=dict)
    width: dict[str, int] = field(default_factory=dict)
    colors: dict[str, str | None] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    answers: list[str] = field(default_factory=list)
    cancelled: threading.Event = field(default_factory=threading.Event)

    # The rich consoles of this terminal, built on first use (by the output module).
    consoles: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stdout = _Writer(self.send_out, self.tty.get("out", False), self.cancelled)
        self.stderr = _Writer(self.send_err, self.tty.get("err", False), self.cancelled)
        self.stdout_bytes = _BinaryWriter(self.send_bytes, self.cancelled)

    def stream(self, which: str) -> TextIO:
        """The session's ``out`` or ``err`` stream."""
        return cast(TextIO, self.stdout if which == "out" else self.stderr)


def speak(lang: str | None) -> None:
    """The language this thread's command speaks: its tables write numbers so (``lang_for`` sets it).

    A table's cells are rendered far from the command that knows its reader,
    so the language is decided once per command and kept here, per thread
    like the session; ``main`` clears it when the command ends.
    """
    _local.lang = lang


def spoken() -> str | None:
    """The language :func:`speak` set for this thread's command, None before one is decided."""
    found: str | None = getattr(_local, "lang", None)
    return found


def current() -> Session | None:
    """The session of the calling thread (None outside a forwarded command)."""
    found: Session | None = getattr(_local, "session", None)
    return found


def enter(session: Session) -> None:
    """Make ``session`` the calling thread's terminal (the routed streams are installed once)."""
    install()
    _local.session = session


def leave() -> None:
    """Back to the process's own terminal for the calling thread."""
    _local.session = None


class Routed(io.TextIOBase):
    """``sys.stdout`` or ``sys.stderr``: the session's stream in a forwarded thread, else the real one."""

    def __init__(self, original: TextIO, which: str) -> None:
        self.original, self.which = original, which

    def _target(self) -> TextIO:
        session = current()
        return self.original if session is None else session.stream(self.which)

    def write(self, text: str) -> int:
        """Write to the calling thread's stream."""
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        return self._target().write(text)

    def flush(self) -> None:
        """Flush the calling thread's stream."""
        self._target().flush()

    def isatty(self) -> bool:
        """Whether the calling thread's stream is a terminal (the client's, when forwarded)."""
        return self._target().isatty()

    def writable(self) -> bool:
        """Always."""
        return True

    def fileno(self) -> int:
        """The real stream's descriptor (none for a forwarded command)."""
        if current() is not None:
            raise io.UnsupportedOperation("a forwarded command has no file descriptor")
        return self.original.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The calling thread's stream's encoding."""
        return str(getattr(self._target(), "encoding", "utf-8"))

    @property
    def buffer(self) -> Any:
        """The bytes side of the calling thread's stdout (the client's, when forwarded)."""
        session = current()
        return self.original.buffer if session is None else session.stdout_bytes

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        """The calling thread's stream's error handling."""
        found = getattr(self._target(), "errors", None)
        return found if isinstance(found, str) else None


def install() -> None:
    """Replace ``sys.stdout``/``sys.stderr`` by routed streams (once per process)."""
    if not isinstance(sys.stdout, Routed):
        sys.stdout = Routed(sys.stdout, "out")
    if not isinstance(sys.stderr, Routed):
        sys.stderr = Routed(sys.stderr, "err")


def stdin_is_terminal() -> bool:
    """Whether the command's user can be asked a question (the client's stdin, when forwarded)."""
    session = current()
    if session is not None:
        return session.tty.get("in", False)
    return sys.stdin is not None and sys.stdin.isatty()


def ask(label: str, hide: bool = False, confirm: bool = False) -> str:
    """Ask the user (here, or the client of a forwarded command, which answers and re-runs it)."""
    session = current()
    if session is None:
        return str(typer.prompt(label, hide_input=hide, confirmation_prompt=confirm))
    if session.answers:
        return session.answers.pop(0)
    raise NeedsInput(label, hide, confirm)


def confirm(label: str) -> bool:
    """Ask a yes/no question (here, or the client of a forwarded command, as :func:`ask`).

    Off a terminal the client's own ``typer.confirm`` aborts, as a direct run would.
    """
    session = current()
    if session is None:
        return bool(typer.confirm(label, err=True))
    if session.answers:
        return session.answers.pop(0) == "y"
    raise NeedsInput(label, hide=False, confirm=False, yes_no=True)


def client_path(value: Path) -> Path:
    """A path given on the command line, relative to the folder the command was typed in."""
    session = current()
    if session is None or value.is_absolute() or str(value) == "-":
        return value
    return session.cwd / value
