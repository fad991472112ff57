"""Build hook of the setuptools backend: no wheel without the dashboard bundle.

The dashboard's JavaScript is built from npm packages by ``make web`` into
``serve/web/static/dist`` (git-ignored). A wheel built without it would install
fine and serve pages with no script at all, so the build stops with the one
command that fixes it. Editable installs (``make install`` runs ``pip install -e``
before ``make web``) read the folder in place and are not checked. The sdist
carries the bundle, so a wheel built from it needs no Node.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLE = Path("src/influscope/serve/web/static/dist/main.js")


class BuildWithBundle(build_py):
    """``build_py`` that refuses to package a dashboard without its bundle."""

    def run(self) -> None:
        """Check the bundle, then build as usual."""
        if not self.editable_mode and not BUNDLE.is_file():
            raise SystemExit(
                f"error: {BUNDLE} is missing: the dashboard bundle is built by `make web` "
                "(npm ci + esbuild); run it before building the wheel (or use `make dist`)."
            )
        super().run()


setup(cmdclass={"build_py": BuildWithBundle})
