"""The documentation: the site builds in strict mode, every command and API route is in its
references, every command has an example and every setting is in the commented template."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel
from scripts import cli_docs

from influscope.config import Config
from influscope.workspace import Workspace, template_text
from tests.serve.test_api import _routes as app_routes

ROOT = Path(__file__).resolve().parents[1]
CONVERTOR = re.compile(r"\{(\w+):\w+\}")


def _commands() -> list[str]:
    return [cli_docs.path_of(ctx) for ctx in cli_docs.walk(cli_docs.root_context())]


def _api_routes(tmp_path: Path) -> set[str]:
    """``METHOD /path`` of every route the app serves under /api/ (from the app, not OpenAPI)."""
    from influscope.serve.api.app import create_app

    ws = Workspace.init(tmp_path / "routes-ws")
    try:
        app = create_app(ws)
    finally:
        ws.close()
    # OpenAPI (hence the reference) names a path parameter without its convertor: {id:path} is {id}.
    return {
        method + " " + CONVERTOR.sub(r"{\1}", path)
        for method, path in app_routes(app)
        if path.startswith("/api/")
    }


def _headings(page: Path, level: str) -> set[str]:
    """The text of every heading of that level in a built page (permalink left out)."""
    found = re.findall(rf"<{level}[^>]*>(.*?)</{level}>", page.read_text(encoding="utf-8"), re.S)
    texts = (re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", h) for h in found)
    return {" ".join(html.unescape(t).split()) for t in texts}


@pytest.mark.dist
@pytest.mark.slow
def test_site_builds_strict_with_every_command_and_route(tmp_path):
    site = tmp_path / "site"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-4000:]
    assert "WARNING" not in log, log[-4000:]

    # The CLI reference: one section per command of the tree, every option named.
    cli_page = site / "reference" / "cli" / "index.html"
    documented = _headings(cli_page, "h2")
    commands = _commands()
    assert len(commands) > 40
    missing = [c for c in ["influscope", *commands] if c not in documented]
    assert not missing, f"commands missing from the CLI reference: {missing}"
    text = html.unescape(cli_page.read_text(encoding="utf-8"))
    for ctx in cli_docs.walk(cli_docs.root_context()):
        for param in ctx.command.get_params(ctx):
            options = param.param_type_name == "option" and param.name != "help"
            for opt in param.opts if options else ():
                assert f"<code>{opt}</code>" in text, (cli_docs.path_of(ctx), opt)

    # The REST reference: every route of the app (whether or not OpenAPI lists it).
    api_page = site / "reference" / "api" / "index.html"
    operations = _headings(api_page, "h3")
    routes = _api_routes(tmp_path)
    assert len(routes) > 30
    missing_routes = sorted(routes - operations)
    assert not missing_routes, f"routes missing from the REST reference: {missing_routes}"
    assert (site / "reference" / "openapi.json").stat().st_size > 10_000

    # The pages made from the project's files.
    benchmarks = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    first_section = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").split("\n## ")[1]
    assert html.escape(first_section.splitlines()[0], quote=False) in benchmarks
    assert "Unreleased" in (site / "changelog" / "index.html").read_text(encoding="utf-8")


def test_every_command_has_an_example():
    lacking = [
        cli_docs.path_of(ctx)
        for ctx in cli_docs.walk(cli_docs.root_context())
        if not isinstance(ctx.command, cli_docs.TyperGroup)
        and "Example" not in (ctx.command.help or "")
    ]
    assert not lacking, lacking


def _settings(model: type[BaseModel], prefix: str = ""):
    for name, field in model.model_fields.items():
        yield prefix + name
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        for candidate in inner:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                yield from _settings(candidate, prefix + name + ".")


def test_every_setting_is_in_the_template():
    text = template_text()
    missing = [key for key in _settings(Config) if key.rsplit(".", 1)[-1] not in text]
    assert not missing, missing
