"""A small web site on loopback for crawler tests: pages from tests/data, plus traps."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import DATA

SITE = DATA / "journey" / "site"
BIG = 10 * 1024 * 1024
FILES = {
    "/robots.txt": ("robots.txt", "text/plain"),
    "/": ("index.html", "text/html; charset=utf-8"),
    "/a.html": ("a.html", "text/html; charset=utf-8"),
    "/b.html": ("b.html", "text/html; charset=utf-8"),
    "/c.html": ("c.html", "text/html"),
    "/private/secret.html": ("private_secret.html", "text/html"),
}


class Site:
    """Runs the server in a thread and records every request (path, time)."""

    def __init__(self, redirect_target: str | None = None, host: str = "127.0.0.1") -> None:
        self.requests: list[tuple[str, float]] = []
        self.headers: list[dict[str, str]] = []  # of each request, lower-cased names
        self.redirect_target = redirect_target
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.requests.append((self.path, time.monotonic()))
                site.headers.append({k.lower(): v for k, v in self.headers.items()})
                path = self.path.split("?", 1)[0]
                try:
                    site.route(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        netloc = f"[{host}]" if ":" in host else host
        self.url = f"http://{netloc}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def route(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        if path in FILES:
            name, kind = FILES[path]
            body = (SITE / name).read_bytes()
            self._send(handler, 200, kind, body)
        elif path in {"/loop1", "/loop2"}:
            self._redirect(handler, "/loop2" if path == "/loop1" else "/loop1")
        elif path == "/moved":
            self._redirect(handler, "/a.html", 301)
        elif path == "/to-secret":
            self._redirect(handler, "/private/secret.html")
        elif path == "/to-private":
            self._redirect(handler, self.redirect_target or "http://10.1.2.3/x")
        elif path == "/big":
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(BIG))
            handler.end_headers()
            self._stream(handler, BIG)
        elif path == "/big-chunked":
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Connection", "close")
            handler.end_headers()
            self._stream(handler, BIG)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(handler, 200, "text/html", b"<html><title>late</title></html>")
        elif path == "/data.json":
            self._send(handler, 200, "application/json", b'{"a": 1}')
        else:
            self._send(handler, 404, "text/html", b"<html><title>Not found</title></html>")

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, kind: str, body: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    @staticmethod
    def _redirect(handler: BaseHTTPRequestHandler, location: str, status: int = 302) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    @staticmethod
    def _stream(handler: BaseHTTPRequestHandler, size: int) -> None:
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        sent = 0
        while sent < size:
            handler.wfile.write(chunk)
            sent += len(chunk)


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6
