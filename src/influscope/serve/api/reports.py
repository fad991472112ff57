"""Management reports (HTML, PDF, PowerPoint) built on demand."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from influscope.options import HELP, Language, ReportFormat
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader
from influscope.serve.api.params import Axis, OptionalLang
from influscope.serve.api.responses import page
from influscope.workspace import Workspace

router = APIRouter(prefix="/api/reports", tags=["reports"], responses=JOB)

MEDIA_TYPES: dict[ReportFormat, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@router.get("")
def formats(user: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The report formats this server can build."""
    return page([{"format": f, "media_type": m} for f, m in MEDIA_TYPES.items()], limit, offset)


@router.get("/{fmt}")
def build(
    request: Request,
    user: Reader,
    fmt: Annotated[ReportFormat, PathParam(description=HELP["report_format"])],
    axis: Axis = None,
    period: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2})?$")] = None,
    lang: OptionalLang = None,
) -> Response:
    """Build a report and download it (a read: viewers may export what they see).

    The report is built by a background job (202 while it runs, then the file).
    """
    ws: Workspace = request.app.state.workspace
    body = answer(request, _report_bytes, ws, axis, period, fmt, lang)
    name = f"influscope-report{'-' + axis if axis else ''}{'-' + period if period else ''}.{fmt}"
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _report_bytes(
    ws: Workspace,
    axis: str | None,
    period: str | None,
    fmt: ReportFormat,
    lang: Language | None,
) -> bytes:
    """A report file's bytes (what the answer cache keeps for the download)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report.{fmt}"
        ws.reports.write(axis=axis, period=period, fmt=fmt, out=out, lang=lang)
        return out.read_bytes()
