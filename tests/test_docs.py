"""Every command is in docs/cli.md and every setting is in the commented template."""

from __future__ import annotations

from pathlib import Path

import typer
from pydantic import BaseModel

from influscope.config import Config
from influscope.serve.cli.app import app, subcommands
from influscope.workspace import template_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands(command, path=()):
    for name, sub in subcommands(command).items():
        yield (*path, name)
        yield from _commands(sub, (*path, name))


def test_every_command_is_documented():
    assert len(list(_commands(typer.main.get_command(app)))) > 40  # the verbs are walked
    text = DOCS.read_text()
    missing = [
        " ".join(p)
        for p in _commands(typer.main.get_command(app))
        if f"`influscope {' '.join(p)}`" not in text
    ]
    assert not missing, f"run: python scripts/cli_docs.py > docs/cli.md (missing {missing})"


def test_every_command_has_an_example():
    root = typer.main.get_command(app)
    lacking = []
    for path in _commands(root):
        command = root
        for name in path:
            command = subcommands(command)[name]
        if not subcommands(command) and "Example" not in (command.help or ""):
            lacking.append(" ".join(path))
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
