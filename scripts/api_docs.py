"""The REST reference, rendered from the OpenAPI document of the app itself.

The documentation site builds it at build time (``scripts/docs_hooks.py``): an
empty workspace in a temporary folder, ``create_app`` over it, and the app's
``openapi()`` — the same document ``GET /openapi.json`` serves. The operations
are rendered by essentials-openapi; ``tests/test_docs.py`` checks every route
under ``/api/`` is in the built page. ``python scripts/api_docs.py`` prints the
Markdown.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from openapidocs.mk.v3 import OpenAPIV3DocumentationHandler

INTRO = """\
# REST API reference

Generated from the OpenAPI document of the application when the site is built; a running
server serves the same document at `/openapi.json` (to signed-in users), and the raw file
of this build is [openapi.json](openapi.json).

- **Authentication.** Every route but `GET /api/health` needs `Authorization: Bearer TOKEN`
  (a token from `influscope users add NAME --token`) or a dashboard session cookie; without
  one the answer is 401, and a viewer's write is 403. Cookie-authenticated writes also
  carry the session's CSRF token (`X-CSRF-Token`).
- **Errors.** Every error, whatever its status, is
  `{"ok": false, "error": "…", "hint": "…", "status": 404}`, including invalid parameters
  (422). The 422 schema that FastAPI declares below (`detail`) is not what the server
  sends. An analysis missing from the build answers 501.
- **Pages.** Lists take `limit` and `offset` and answer `{"items": […], "total": N}`.

```sh
curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/api/overview
```
"""


def openapi_document() -> dict[str, Any]:
    """The app's OpenAPI document, from an app over an empty workspace in a temporary folder."""
    from influscope.serve.api.app import create_app
    from influscope.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="influscope-openapi-") as folder:
        workspace = Workspace.init(Path(folder) / "ws")
        try:
            return create_app(workspace).openapi()
        finally:
            workspace.close()


def markdown(document: dict[str, Any]) -> str:
    """The reference page: the conventions, then every operation grouped by tag."""
    rendered = OpenAPIV3DocumentationHandler(document, style=1).write()
    # essentials-openapi opens with a comment and a title of its own; the page has one.
    body = re.sub(r"\A\s*<!--.*?-->\s*# [^\n]*\n", "", rendered, flags=re.S)
    return INTRO + "\n" + body.strip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown(openapi_document()))
