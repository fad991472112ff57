"""Management reports (HTML, PDF, PowerPoint) built on demand."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from influscope.options import HELP, ReportFormat
from influscope.serve.api.deps import Limit, Offset, Reader, locked
from influscope.serve.api.params import Axis, OptionalLang, Period
from influscope.serve.api.responses import page
from influscope.serve.reports.content import collect

router = APIRouter(prefix="/api/reports", tags=["reports"])

MEDIA_TYPES: dict[ReportFormat, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@router.get("")
def formats(user: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The report formats this server can build."""
    return page([{"format": f, "media_type": m} for f, m in MEDIA_TYPES.items()], limit, offset)


@router.get("/figures")
def figures(
    request: Request,
    user: Reader,
    axis: Axis = None,
    period: Period = None,
    lang: OptionalLang = None,
) -> dict[str, Any]:
    """Every figure a report of this scope shows, raw (the numbers the HTML, PDF and PPTX print)."""
    with locked(request) as ws:
        data = ws.reports.data(axis=axis, period=period)
        chosen = lang or ws.config.workspace.language
    return collect(data, chosen, pictures=False).figures


@router.get("/{fmt}")
def build(
    request: Request,
    user: Reader,
    fmt: Annotated[ReportFormat, PathParam(description=HELP["report_format"])],
    axis: Axis = None,
    period: Period = None,
    lang: OptionalLang = None,
) -> Response:
    """Build a report and download it (a read: viewers may export what they see)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report.{fmt}"
        with locked(request) as ws:
            ws.reports.write(axis=axis, period=period, fmt=fmt, out=out, lang=lang)
        body = out.read_bytes()
    name = f"influscope-report{'-' + axis if axis else ''}{'-' + period if period else ''}.{fmt}"
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
