"""A real HTTP server on loopback replaying recorded API payloads, for connector tests.

Routes map a path to a handler ``(request) -> (status, headers, body)``;
``Request`` exposes method, path, query (first values), headers and body, and
every request is logged so tests can assert on pagination parameters,
conditional headers and retries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CONNECTORS = Path(__file__).resolve().parents[1] / "data" / "connectors"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


Reply = tuple[int, dict[str, str], bytes]
Handler = Callable[[Request], Reply]


def payload(name: str) -> Any:
    """A recorded payload from tests/data/connectors/."""
    return json.loads((CONNECTORS / name).read_text(encoding="utf-8"))


def as_json(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return (
        status,
        {"Content-Type": "application/json", **(headers or {})},
        json.dumps(value).encode(),
    )


class ApiServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[Request] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.command,
                    parts.path,
                    {k: v[0] for k, v in parse_qs(parts.query).items()},
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                server.log.append(request)
                handler = server.routes.get(parts.path)
                status, headers, body = handler(request) if handler else (404, {}, b"not found")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
