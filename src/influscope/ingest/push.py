"""The push endpoint: tools that forward posts to us POST batches of canonical JSON.

``POST /v1/posts`` with ``Authorization: Bearer <token>`` and a body that is a
JSON list of posts (or ``{"posts": [...]}``), each with the generic import's
fields (id, text, author, published_at, platform, …). The batch is mapped with
the generic mapper and handed to ``write`` — the watch process wires it to the
store, one transaction per request — before the answer is sent, so a 200 means
the posts are stored; re-sending a batch is harmless (upserts on doc ids).
Bad posts are answered with their index and reason, never silently dropped.

The server runs in a thread of the watch process, because DuckDB allows one
writer per file and the watch process holds the store.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from influscope.errors import N_, ConfigError
from influscope.ingest.batch import Batch, FieldError
from influscope.ingest.checks import check_mapped
from influscope.ingest.files.generic import GenericMapper
from influscope.model import RowError

MAX_BODY = 32 * 1024 * 1024
MAX_POSTS = 10_000


def parse_posts(body: bytes) -> list[Any]:
    """The list of posts in a request body; raises ValueError when it is not one."""
    data = orjson.loads(body)
    if isinstance(data, dict):
        data = data.get("posts")
    if not isinstance(data, list):
        raise ValueError('expected a JSON list of posts or {"posts": [...]}')
    if len(data) > MAX_POSTS:
        raise ValueError(f"at most {MAX_POSTS} posts per request")
    return data


def map_posts(posts: list[Any], mapper: GenericMapper, label: str) -> Batch:
    """Map posts into a batch; bad ones become errors with their index."""
    batch = Batch()
    for index, post in enumerate(posts):
        batch.items += 1
        if not isinstance(post, dict):
            batch.errors.append(RowError(label, index, None, "a post must be a JSON object", None))
            continue
        try:
            mapped = check_mapped(mapper.map_record(post))
        except FieldError as exc:
            raw = orjson.dumps(post, default=str).decode()
            batch.errors.append(RowError(label, index, exc.field, exc.reason, raw))
            continue
        batch.documents.extend(mapped.documents)
        batch.actors.extend(mapped.actors)
        batch.interactions.extend(mapped.interactions)
        batch.links.extend(mapped.links)
    return batch


def build_app(
    token: str, write: Callable[[Batch], dict[str, Any]], platform: str | None = None
) -> Any:
    """The ASGI app of the endpoint (Starlette)."""
    mapper = GenericMapper(None, platform)
    expected = f"Bearer {token}".encode()

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)

    async def posts(request: Request) -> JSONResponse:
        given = request.headers.get("authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            return error(401, "missing or wrong bearer token")
        body = await request.body()
        if len(body) > MAX_BODY:
            return error(413, "request body too large")
        try:
            items = parse_posts(body)
        except (ValueError, orjson.JSONDecodeError) as exc:
            return error(400, f"invalid body: {exc}")
        batch = map_posts(items, mapper, "push")
        counts = await run_in_threadpool(write, batch)
        rejected = [{"index": e.line, "field": e.field, "reason": e.reason} for e in batch.errors]
        return JSONResponse(
            {
                "ok": True,
                "accepted": batch.items - len(rejected),
                "rejected": rejected,
                "counts": counts,
            }
        )

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/v1/posts", posts, methods=["POST"]), Route("/health", health)])


def push_token(options: dict[str, Any]) -> str:
    """The bearer token of a push source: ``options.token`` or the env var ``options.token_env``."""
    env = str(options.get("token_env", "INFLUSCOPE_PUSH_TOKEN"))
    token = options.get("token") or os.environ.get(env)
    if not token:
        raise ConfigError(
            N_("The push source needs a token: set {variable} or options.token."),
            "export {variable}=$(python -c 'import secrets; print(secrets.token_urlsafe(24))')",
            variable=env,
        )
    return str(token)


class PushServer:
    """The endpoint served by uvicorn in a background thread."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 8765) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="influscope-push", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; returns once the socket listens."""
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise ConfigError(N_("The push endpoint could not start (port in use?)."))
            time.sleep(0.02)

    @property
    def port(self) -> int:
        """The bound port (useful with port 0)."""
        servers = getattr(self.server, "servers", [])
        for server in servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        return int(self.server.config.port)

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)
