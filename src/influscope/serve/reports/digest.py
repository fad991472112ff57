"""The alert digest as plain text, and the message announcing a scheduled report (FR/EN).

Plain text because it is read in a mail client or a chat channel: a title
line, how many alerts, then one line per alert (when, severity, rule, its
one-sentence summary), newest first. Registered as the ``digest-text``
digest and the ``report-notice`` notice that :mod:`influscope.workspace.schedules`
loads (see :mod:`influscope.plugins`).
"""

from __future__ import annotations

from pathlib import Path

from influscope.serve.explain import explanation, scope_words
from influscope.serve.i18n import t
from influscope.serve.labels import label
from influscope.serve.reports import numbers
from influscope.serve.reports.content import summary
from influscope.workspace.schedules import DigestData, ReportNotice


def digest_text(data: DigestData, lang: str) -> str:
    """The digest: title line, count line, one line per alert."""
    since = numbers.moment(data.since) + " UTC"
    title = t("Alert digest — {name} — {day}", lang, name=data.name, day=numbers.day(data.until))
    if not data.alerts:
        return title + "\n\n" + t("No new alert since {since}.", lang, since=since) + "\n"
    lines = [
        title,
        "",
        t("{count} new alert(s) since {since}:", lang, count=len(data.alerts), since=since),
        "",
    ]
    for alert in data.alerts:
        lines.append(
            f"- {numbers.moment(alert.get('fired_at'))} "
            f"[{label('severity', alert.get('severity'), lang) or '—'}] "
            f"{alert.get('rule')} — {scope_words(alert.get('key'), lang)}: "
            f"{summary(explanation(alert, None, lang))}"
        )
    return "\n".join(lines) + "\n"


def write_digest(data: DigestData, out: Path, lang: str) -> tuple[str, str]:
    """Exporter ``digest-text``: write the digest to ``out``; returns its title and body."""
    text = digest_text(data, lang)
    out.write_text(text, encoding="utf-8")
    title, _, body = text.partition("\n")
    return title, body.strip()


def report_notice(notice: ReportNotice, lang: str) -> tuple[str, str]:
    """Exporter ``report-notice``: the title and text of the message sent with a report."""
    axis = notice.axis or t("all axes", lang)
    period = notice.period or t("all periods", lang)
    title = t(
        "Report {name}: {axis}, {period}", lang, name=notice.schedule, axis=axis, period=period
    )
    return title, t("The report is in the workspace: {path}", lang, path=notice.path.name)
