"""The alert digest as plain text, and the message announcing a scheduled report (FR/EN).

Plain text because it is read in a mail client or a chat channel: a title
line, how many alerts, then one line per alert (when, severity, rule, its
one-sentence summary), newest first. Registered as the ``digest-text``
digest and the ``report-notice`` notice that :mod:`influscope.workspace.schedules`
loads (see :mod:`influscope.plugins`).
"""

from __future__ import annotations

from pathlib import Path

from influscope.serve.i18n import t
from influscope.serve.reports import messages, numbers
from influscope.serve.reports.content import summary
from influscope.workspace.schedules import DigestData, ReportNotice

_ = messages  # registers the sentences


def digest_text(data: DigestData, lang: str) -> str:
    """The digest: title line, count line, one line per alert."""
    since = numbers.moment(data.since) + " UTC"
    title = t("report.digest_title", lang, name=data.name, day=numbers.day(data.until))
    if not data.alerts:
        return f"{title}\n\n{t('report.digest_none', lang, since=since)}\n"
    lines = [title, "", t("report.digest_count", lang, count=len(data.alerts), since=since), ""]
    for alert in data.alerts:
        lines.append(
            f"- {numbers.moment(alert.get('fired_at'))} "
            f"[{t('severity.' + str(alert.get('severity')), lang)}] "
            f"{alert.get('rule')} — {alert.get('key')}: "
            f"{summary(alert.get('explanation') or '')}"
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
    axis = notice.axis or t("ui.all_axes", lang)
    period = notice.period or t("ui.all_periods", lang)
    title = t("report.scheduled_title", lang, name=notice.schedule, axis=axis, period=period)
    return title, t("report.scheduled_text", lang, path=notice.path.name)
