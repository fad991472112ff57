"""The watch loop runs a live connector through ``Workspace.poll_source`` (an RSS feed on loopback)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from influscope.workspace import Workspace


def _feed() -> bytes:
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>Acme plant story {i}</title><link>http://news.example.org/a{i}</link>"
        f"<pubDate>{format_datetime(now - timedelta(minutes=i))}</pubDate>"
        f"<description>Acme and the river, part {i}</description></item>"
        for i in range(3)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>http://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def test_watch_once_polls_an_rss_source_and_a_second_cycle_adds_nothing(tmp_path):
    class Feed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = _feed()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ws = Workspace.init(
            tmp_path / "ws",
            f"""
[[sources]]
name = "news"
connector = "rss"
every = "1m"
options = {{ url = "http://127.0.0.1:{server.server_address[1]}/feed.xml", allow_private = true }}
""",
        )
        first = ws.alerts.watch(once=True)
        assert first.errors == [], first
        assert ws.store.count("documents") == 3
        second = ws.alerts.watch(once=True)
        assert second.errors == [] and ws.store.count("documents") == 3
        ws.close()
    finally:
        server.shutdown()
        server.server_close()
