"""The client side of a forwarded command: send the arguments, print what comes back.

When ``influscope watch`` or ``serve`` holds the store, the root command sends
the whole command line to that process's control socket (``POST /cli``), with
what the verb needs from this side to behave as if it ran here: the current
folder (relative paths), the message language, the ``INFLUSCOPE_*`` variables,
whether stdin/stdout/stderr are terminals and the width and colours rich would
use on them. The answer is a stream of JSON lines: ``{"out": text}``,
``{"err": text}``, ``{"bytes": base64}`` (stdout's binary side), ``{"ask": {...}}`` (a question: asked here, then the command
is sent again with the answers) and finally ``{"exit": code}``.
"""

from __future__ import annotations

import base64
import os
import sys
from typing import Any

import httpx
import orjson
import typer
from rich.console import Console

from influscope.errors import N_, StoreError

# Environment a verb may read: its options' variables and the terminal's.
TERMINAL_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


def _terminal() -> dict[str, Any]:
    """How rich sees this process's terminal (what the verb there must print for)."""
    consoles = {"out": Console(), "err": Console(stderr=True)}
    stdin = sys.stdin
    return {
        "tty": {
            "in": bool(stdin is not None and stdin.isatty()),
            **{which: console.is_terminal for which, console in consoles.items()},
        },
        "width": {which: console.width for which, console in consoles.items()},
        "colors": {which: console.color_system for which, console in consoles.items()},
    }


def forward(holder: dict[str, Any], argv: list[str], lang: str) -> int:
    """Run ``argv`` in the process holding the store; returns the exit status it ended with."""
    order: dict[str, Any] = {
        "argv": argv,
        "cwd": os.getcwd(),
        "lang": lang,
        "env": {
            k: v for k, v in os.environ.items() if k.startswith("INFLUSCOPE_") or k in TERMINAL_ENV
        },
        "answers": [],
        **_terminal(),
    }
    socket = str(holder["socket"])
    transport = httpx.HTTPTransport(uds=socket)
    with httpx.Client(
        transport=transport, base_url="http://influscope", timeout=httpx.Timeout(None, connect=5)
    ) as http:
        while True:
            code, question = _send(http, order, holder)
            if question is None:
                return code
            order["answers"].append(_answer(question))


def _answer(question: dict[str, Any]) -> str:
    """Ask this terminal's user the question the command stopped on (aborts off a terminal)."""
    if question.get("yes_no"):
        return "y" if typer.confirm(question["label"], err=True) else "n"
    return str(
        typer.prompt(
            question["label"],
            hide_input=bool(question["hide"]),
            confirmation_prompt=bool(question["confirm"]),
        )
    )


def _send(
    http: httpx.Client, order: dict[str, Any], holder: dict[str, Any]
) -> tuple[int, dict[str, Any] | None]:
    """One run over there: (exit status, the question it stopped on or None)."""
    code, question = 1, None
    try:
        headers = {"Content-Type": "application/json"}
        with http.stream("POST", "/cli", content=orjson.dumps(order), headers=headers) as response:
            if response.status_code != 200:
                response.read()
                raise StoreError(
                    N_("'influscope {kind}' (pid {pid}) refused the command: {status} {answer}"),
                    kind=str(holder.get("kind")),
                    pid=str(holder.get("pid")),
                    status=str(response.status_code),
                    answer=response.text[:200],
                )
            for line in response.iter_lines():
                if not line:
                    continue
                frame = orjson.loads(line)
                if "out" in frame:
                    sys.stdout.write(frame["out"])
                    sys.stdout.flush()
                elif "bytes" in frame:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(base64.b64decode(frame["bytes"]))
                    sys.stdout.buffer.flush()
                elif "err" in frame:
                    sys.stderr.write(frame["err"])
                    sys.stderr.flush()
                elif "ask" in frame:
                    question = frame["ask"]
                elif "exit" in frame:
                    code = int(frame["exit"])
    except httpx.TransportError as exc:
        kind, pid = holder.get("kind", "?"), holder.get("pid", "?")
        raise StoreError(
            N_(
                "'influscope {kind}' (pid {pid}) holds the store, but its control socket "
                "{socket} did not answer: {reason}"
            ),
            N_("Check that process; stop it (kill -TERM {pid}) to run this command directly."),
            kind=str(kind),
            pid=str(pid),
            socket=str(holder["socket"]),
            reason=str(exc),
        ) from exc
    return code, question
