"""The files a release carries: LICENSE, a NOTICE that matches the bundle, a changelog that
names this version, and one source for the version number."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from scripts.notice import notice

from influscope import __version__

ROOT = Path(__file__).resolve().parents[1]


def test_notice_lists_what_the_bundle_holds():
    text = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert text == notice(), "NOTICE is stale: run make notice"
    for package in ("sigma", "graphology", "vega", "vega-lite", "vega-embed", "d3-array"):
        assert re.search(rf"^  {re.escape(package)} \d", text, re.M), package


def test_licence_is_apache_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "Apache-2.0"
    assert meta["license-files"] == ["LICENSE", "NOTICE"]


def test_version_has_one_source_and_a_changelog_entry():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    dynamic = pyproject["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "influscope.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)  # semantic versioning
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "\n## [Unreleased]\n" in changelog
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)
