"""Management reports (HTML, PDF, PowerPoint) built on demand."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from influscope.serve.api.deps import Limit, Offset, Reader, call
from influscope.serve.api.responses import page

router = APIRouter(prefix="/api/reports", tags=["reports"])

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@router.get("")
def formats(user: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The report formats this server can build."""
    return page([{"format": f, "media_type": m} for f, m in FORMATS.items()], limit, offset)


@router.get("/{fmt}")
def build(
    request: Request,
    user: Reader,
    fmt: Annotated[str, PathParam(pattern="^(html|pdf|pptx)$")],
    axis: str | None = None,
    period: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2})?$")] = None,
    lang: Annotated[str | None, Query(pattern="^(en|fr)$")] = None,
) -> Response:
    """Build a report and download it (a read: viewers may export what they see)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report.{fmt}"
        call(request, "report", axis=axis, period=period, fmt=fmt, out=out, lang=lang)
        body = out.read_bytes()
    name = f"influscope-report{'-' + axis if axis else ''}{'-' + period if period else ''}.{fmt}"
    return Response(
        body,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
