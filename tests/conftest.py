"""Shared fixtures: workspaces in tmp dirs, and access to ../shared/datasets.

Tests that read ../shared skip with a reason when it is absent, and fail
instead when INFLUSCOPE_REQUIRE_SHARED=1 (CI sets it), so a missing dataset can
never turn a quality check green by accident.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from influscope.serve.cli.app import main
from influscope.serve.i18n import LOCALE_VARIABLES
from influscope.workspace import Workspace

# Hypothesis: the same examples on every CI run (derandomised, no example
# database); `make fuzz` selects the "fuzz" profile, random and longer.
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=_HEALTH
)
settings.register_profile("fuzz", derandomize=False, deadline=None, suppress_health_check=_HEALTH)
settings.load_profile(os.environ.get("INFLUSCOPE_HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).resolve().parent / "data"
# Debian's Chromium, driven by Playwright (no browser download): the one launcher of the
# browser tests and bench/map_browser.py. Without the background-networking flags it keeps
# calling hosts this closed network refuses; SwiftShader draws WebGL without a GPU.
CHROMIUM = os.environ.get("INFLUSCOPE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail under INFLUSCOPE_REQUIRE_SHARED=1) when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"shared data not found: {path}"
        if os.environ.get("INFLUSCOPE_REQUIRE_SHARED") == "1":
            pytest.fail(message + " (INFLUSCOPE_REQUIRE_SHARED=1)")
        pytest.skip(message)
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A fresh empty workspace in a temporary folder."""
    ws = Workspace.init(tmp_path / "ws")
    yield ws
    ws.close()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process's locale cleared: the CLI speaks English unless --lang or a workspace says."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process: ``cli("status", "--format", "json")`` -> (code, stdout, stderr)."""
    root = tmp_path / "cli-ws"

    def run(*args: str, workspace: Path | None = root) -> tuple[int, str, str]:
        argv = (["-w", str(workspace)] if workspace is not None else []) + list(args)
        code = main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    run.root = root  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium for a module's tests (fails, never skips, when it is missing)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run 'make system-deps' (Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()
