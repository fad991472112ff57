"""``influscope serve``: the REST API and the dashboard (FastAPI on uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the verb to the app."""

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
    ) -> None:
        """Serve the REST API (/openapi.json) and the dashboard; every route but /api/health needs a user.

        Create one first: influscope users add alice --role admin --password ...

        Example: influscope -w my-ws serve --port 8000
        """
        import threading

        import uvicorn

        from influscope.serve.api.app import create_app
        from influscope.serve.api.cache import warm
        from influscope.serve.cli.app import workspace_path
        from influscope.workspace import Workspace

        ws = Workspace.open(workspace_path(ctx))
        settings = ws.config.server
        host = host or settings.host
        port = port or settings.port
        tls = certfile is not None
        forced = secure_cookies or settings.secure_cookies or tls
        app_ = create_app(ws, secure_cookies=True if forced else None)
        scheme = "https" if tls else "http"
        typer.echo(f"influscope serving {ws.root} on {scheme}://{host}:{port}/", err=True)
        if not ws.users_list():
            typer.echo(
                "No users yet: create one with 'influscope users add NAME --role admin'.", err=True
            )
        threading.Thread(target=warm, args=(app_,), daemon=True).start()
        try:
            uvicorn.run(
                app_,
                host=host,
                port=port,
                log_level="warning",
                ssl_certfile=str(certfile) if certfile else None,
                ssl_keyfile=str(keyfile) if keyfile else None,
            )
        finally:
            ws.close()
