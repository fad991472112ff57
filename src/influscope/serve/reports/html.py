"""The report as one self-contained HTML file (images inlined), and as PDF through WeasyPrint.

The PDF is the same HTML laid out on 16:9 pages (320 × 180 mm), each part
(key figures, share of voice, map, actors, alerts, added sections) starting a
page, table headers repeated on every page a table spans, so a header never
sits alone at the bottom of a page.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from influscope.errors import MissingExtra
from influscope.serve.i18n import t
from influscope.serve.reports.content import ReportContent, collect

if TYPE_CHECKING:
    from influscope.workspace.reports import ReportData

_env = Environment(
    loader=PackageLoader("influscope.serve.reports", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
)


def raw(value: Any) -> str:
    """A figure's raw value as the ``data-value`` attribute carries it (floats exact: repr)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def render_html(content: ReportContent) -> str:
    """The report's HTML: every value escaped, images as data: URIs, no script."""
    return _env.get_template("report.html").render(
        c=content,
        _=lambda message, **fields: t(message, content.lang, **fields),
        raw=raw,
        b64=lambda data: base64.b64encode(data).decode("ascii"),
    )


def write_html(data: ReportData, out: Path, lang: str) -> None:
    """Exporter ``report-html``: the report's data as one self-contained page."""
    out.write_text(render_html(collect(data, lang)), encoding="utf-8")


def write_pdf(data: ReportData, out: Path, lang: str) -> None:
    """Exporter ``report-pdf`` (WeasyPrint; the HTML fetches nothing, so no URL fetcher is needed)."""
    try:
        from weasyprint import HTML
    except ImportError as missing:  # pragma: no cover - weasyprint is a dependency
        raise MissingExtra("weasyprint", "web", "PDF reports") from missing
    html = render_html(collect(data, lang))
    HTML(string=html, url_fetcher=_data_only_fetcher()).write_pdf(str(out))


def _data_only_fetcher() -> Any:
    """A fetcher that decodes the inlined data: images and refuses every other address.

    Report content is untrusted text; nothing in it may make the server fetch
    a URL (local files or private addresses included).
    """
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # older WeasyPrint: a plain function fetcher
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"reports fetch nothing: {url[:60]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols=("data",))
