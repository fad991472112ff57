"""Management reports (HTML, PDF, PowerPoint) built on demand."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from influscope.options import HELP, Language, ReportFormat
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader
from influscope.serve.api.params import Axis, OptionalLang, Period
from influscope.serve.api.responses import page
from influscope.serve.reports.content import collect
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


@router.get("/figures")
def figures(
    request: Request,
    user: Reader,
    axis: Axis = None,
    period: Period = None,
    lang: OptionalLang = None,
) -> dict[str, Any]:
    """Every figure a report of this scope shows, raw (the numbers the HTML, PDF and PPTX print).

    Computed by a background job like the report itself (202 while it runs).
    """
    ws: Workspace = request.app.state.workspace
    return answer(request, _figures, ws, axis, period, lang)


@router.get("/{fmt}")
def build(
    request: Request,
    user: Reader,
    fmt: Annotated[ReportFormat, PathParam(description=HELP["report_format"])],
    axis: Axis = None,
    period: Period = None,
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


def _figures(
    ws: Workspace, axis: str | None, period: str | None, lang: Language | None
) -> dict[str, Any]:
    """The figures of a report of this scope (what the answer cache keeps)."""
    data = ws.reports.data(axis=axis, period=period)
    figures: dict[str, Any] = collect(
        data, lang or ws.config.workspace.language, pictures=False
    ).figures
    return figures


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
