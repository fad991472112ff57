"""Small loopback servers for the watch tests: a webhook receiver and an SMTP sink."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.loopback import free_port

__all__ = ["WebhookReceiver", "free_port", "stop_process"]


class WebhookReceiver:
    """Records every POST body (JSON) with its Idempotency-Key header."""

    def __init__(self, status: int = 200, host: str = "127.0.0.1") -> None:
        self.received: list[dict] = []
        self.status = status
        self.event = threading.Event()
        self.on_post = None  # called with each body before answering (to act mid-delivery)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                if receiver.on_post is not None:
                    receiver.on_post(body)
                receiver.received.append({"key": self.headers.get("Idempotency-Key"), "body": body})
                self.send_response(receiver.status)
                self.end_headers()
                self.wfile.write(b"ok")
                receiver.event.set()

            def log_message(self, *args) -> None:
                pass

        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        self.server = server_class((host, 0), Handler)
        self.port = self.server.server_address[1]
        netloc = f"[{host}]" if ":" in host else host
        self.url = f"http://{netloc}:{self.port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


# Long enough for a CLI process to start and answer on a loaded 2-core CI machine
# (the acknowledgement test judges an ack sent before the escalation is due).
ESCALATE_SECONDS = 14


def oncall_config(hook_url: str, extra: str = "") -> str:
    """A workspace config: a file source, a rule that fires on it, a two-person rota."""
    return f"""
[workspace]
name = "oncall"
[watch]
tick = 0.2
escalate_after = "{ESCALATE_SECONDS}s"
[[watch.people]]
name = "alice"
channels = ["chat"]
[[watch.people]]
name = "bob"
channels = ["chat"]
[[sources]]
name = "drop"
connector = "file"
every = "1s"
options = {{ path = "drop.jsonl" }}
[[alerts]]
name = "copypaste"
detector = "coordination"
options = {{ min_accounts = 4 }}
[[channels]]
name = "chat"
kind = "webhook"
options = {{ url = "{hook_url}", allow_private = true }}
{extra}
"""


def write_burst(
    root, text: str = "Le même message copié-collé contre la marque", prefix: str = "p"
):
    """Posts of the same text from several accounts (named after ``prefix``), then one unrelated post.

    The coordination rule reports closed episodes only: the later post moves
    the data clock past the burst (by more than its 60-second interval), so
    the rule fires on the next evaluation.
    """
    from datetime import UTC, datetime, timedelta

    import orjson

    now = datetime.now(UTC)
    at = (now - timedelta(minutes=3)).isoformat()
    posts = [
        {
            "id": f"{prefix}{i}",
            "platform": "bluesky",
            "author": f"{prefix}acct{i}",
            "text": text,
            "published_at": at,
        }
        for i in range(5)
    ]
    posts.append(
        {
            "id": f"{prefix}-later",
            "platform": "bluesky",
            "author": "someone-else",
            "text": "An unrelated post, later",
            "published_at": (now - timedelta(minutes=1)).isoformat(),
        }
    )
    (root / "drop.jsonl").write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")


def influscope(*args: str):
    """The command line of the installed ``influscope`` (a real process, like a user's)."""
    import sys
    from pathlib import Path

    return [str(Path(sys.executable).parent / "influscope"), *args]


def run_cli(*args: str):
    """Run an ``influscope`` command to completion: the CompletedProcess (text)."""
    import subprocess

    return subprocess.run(influscope(*args), capture_output=True, text=True, timeout=120)


def escalations(hook: WebhookReceiver) -> list[dict]:
    """The escalation notifications the webhook received."""
    return [r for r in hook.received if "ESCALATION" in r["body"]["text"]]


def stop_process(proc: subprocess.Popen) -> int:
    """SIGTERM a watch/serve process and wait for it (killed if it hangs); its exit code."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
