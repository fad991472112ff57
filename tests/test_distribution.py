"""The wheel as a user installs it: built by the standard backend, installed into a fresh
virtualenv outside the clone, run on a PATH without Node: the demo, a report, one API call
from ``influscope serve``, and the map page in headless Chromium.

One test builds once (``python -m build``: the sdist, then the wheel from the sdist, so the
sdist is checked too) and installs once from pip's cache, to stay within a few minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from influscope import __version__
from tests.serve.conftest import ARTIFACTS, PASSWORD
from tests.serve.test_browser import login, settle
from tests.watch.helpers import free_port, stop_process

pytestmark = [pytest.mark.dist, pytest.mark.slow, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[1]
BUNDLE = "influscope/serve/web/static/dist/"


def _run(argv: list[str], *, timeout: float, **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert done.returncode == 0, f"{argv}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _build(out: Path) -> tuple[Path, Path]:
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], timeout=900)
    wheel = out / f"influscope-{__version__}-py3-none-any.whl"
    sdist = out / f"influscope-{__version__}.tar.gz"
    assert sorted(out.iterdir()) == sorted([wheel, sdist])
    return wheel, sdist


def _check_archives(wheel: Path, sdist: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    main_js = zipfile.ZipFile(wheel).read(BUNDLE + "main.js").decode()
    # Every chunk the entry point imports is in the wheel (esbuild names them ./x-HASH.js).
    for chunk in {part.split('"')[0] for part in main_js.split('"./')[1:] if ".js" in part}:
        assert BUNDLE + chunk in names, chunk
    info = f"influscope-{__version__}.dist-info/"
    assert {info + "licenses/LICENSE", info + "licenses/NOTICE"} <= names
    assert not [n for n in names if n.startswith("tests/") or n.endswith(".map")]
    members = set(tarfile.open(sdist).getnames())
    top = f"influscope-{__version__}/"
    for name in ("LICENSE", "NOTICE", "CHANGELOG.md", "src/" + BUNDLE + "main.js"):
        assert top + name in members, name


def test_wheel_installs_and_serves_outside_the_tree(tmp_path_factory, browser):
    base = tmp_path_factory.mktemp("dist")
    wheel, sdist = _build(base / "dist")
    _check_archives(wheel, sdist)

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    # Dependencies come from pip's cache; --no-compile leaves byte-compiling to first imports
    # (pip would compile every module of scipy, pandas, matplotlib… up front).
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-compile"]
    _run([*pip, str(wheel)], timeout=1200)

    # The install as a user runs it: its own bin/ only on PATH (no Node, no npm, no .venv),
    # no PYTHONPATH, a working folder away from the clone.
    env = {"PATH": str(venv / "bin"), "HOME": os.environ.get("HOME", str(base)), "LANG": "C.UTF-8"}
    assert shutil.which("node", path=env["PATH"]) is None
    work = base / "work"
    work.mkdir()

    def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return _run([str(venv / "bin" / "influscope"), *args], timeout=timeout, cwd=work, env=env)

    assert cli("--version").stdout.strip() == f"influscope {__version__}"
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import influscope; print(influscope.__file__)"],
        timeout=60,
        cwd=work,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(ROOT), where

    done = cli("-w", "ws", "demo", "--no-serve")
    assert "SIMULATED" in done.stderr
    assert (work / "ws" / "demo-report.html").stat().st_size > 10_000
    cli("-w", "ws", "report", "--axis", "usine-du-futur", "--format", "pdf", "-o", "r.pdf")
    assert (work / "r.pdf").read_bytes().startswith(b"%PDF")
    added = cli(
        "-w", "ws", "users", "add", "ana", "--role", "analyst", "--token", "--password", PASSWORD
    )
    token = added.stdout.split()[-1]

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = base / "serve.log"
    server = subprocess.Popen(
        [str(venv / "bin" / "influscope"), "-w", "ws", "serve", "--port", str(port)],
        cwd=work,
        env=env | {"PYTHONUNBUFFERED": "1"},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        auth = {"Authorization": f"Bearer {token}"}
        assert httpx.get(url + "/api/overview", timeout=60).status_code == 401
        overview = httpx.get(url + "/api/overview", headers=auth, timeout=60)
        assert overview.status_code == 200, overview.text
        assert overview.json()["documents"] == 20_000
        bundle = httpx.get(url + "/static/dist/main.js", timeout=30)
        assert bundle.status_code == 200 and "javascript" in bundle.headers["content-type"]

        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.dialogs, page.problems = [], []  # what settle() checks, as the browser tests do
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
        try:
            login(page, "ana")
            page.goto("/map")
            settle(page, "wheel-map")
            nodes = int(page.get_attribute("#map", "data-nodes"))
            assert nodes > 100
            assert page.locator("#map canvas").count() >= 1
            assert "SIMULATED" in page.inner_text("body").upper()
        finally:
            context.close()
        assert (ARTIFACTS / "wheel-map.png").stat().st_size > 10_000
    finally:
        assert stop_process(server) == 0, log.read_text()[-3000:]
