"""``influscope serve``: the REST API and the dashboard (FastAPI on uvicorn), optionally watching."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Annotated

import typer

from influscope.serve.api.app import create_app
from influscope.serve.api.cache import warm
from influscope.serve.api.server import ApiProcess
from influscope.serve.cli.access import open_workspace
from influscope.serve.cli.context import lang_for
from influscope.serve.i18n import t

app = typer.Typer()


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8000).")] = None,
    certfile: Annotated[
        Path | None, typer.Option("--certfile", help="TLS certificate (serve HTTPS).")
    ] = None,
    keyfile: Annotated[Path | None, typer.Option("--keyfile", help="TLS private key.")] = None,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies", help="Mark cookies Secure (behind a TLS-terminating proxy)."
        ),
    ] = False,
    watch: Annotated[
        bool | None,
        typer.Option(
            "--watch/--no-watch",
            help="Also run the watch loop in this process (default: [server] watch).",
        ),
    ] = None,
) -> None:
    """Serve the REST API (/openapi.json) and the dashboard; every route but /api/health needs a user.

    Create one first: influscope users add alice --role admin --password ...
    With --watch the watch loop runs in this process too, so alerts can be
    acknowledged from the dashboard while sources are watched.

    Example: influscope -w my-ws serve --port 8000 --watch
    """
    with open_workspace(ctx) as ws:
        settings = ws.config.server
        host = host or settings.host
        port = port or settings.port
        watching = settings.watch if watch is None else watch
        forced = secure_cookies or settings.secure_cookies or certfile is not None
        app_ = create_app(ws, secure_cookies=True if forced else None)
        scheme = "https" if certfile is not None else "http"
        lang = lang_for(ctx, ws.config)
        url = f"{scheme}://{host}:{port}/"
        key = "serve.listening_watch" if watching else "serve.listening"
        typer.echo(t(key, lang, root=ws.root, url=url), err=True)
        if not ws.accounts.users():
            typer.echo(t("serve.no_users", lang), err=True)
        if watching:
            logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
            logging.getLogger("influscope.watch").setLevel(logging.INFO)
        threading.Thread(target=warm, args=(app_,), daemon=True).start()
        process = ApiProcess(
            ws, app_, host, port, watch=watching, certfile=certfile, keyfile=keyfile
        )
        process.run()
