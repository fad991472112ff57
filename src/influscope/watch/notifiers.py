"""Notifiers: webhook (Slack/Teams/Mattermost-compatible JSON), e-mail over SMTP, stdout.

Each takes the channel's ``options`` and sends one alert message. Every
message carries an idempotency key (``alert_id:level``) — the webhook in an
``Idempotency-Key`` header and the payload, e-mail as the Message-ID — so a
receiver can drop the rare resend after a crash between send and bookkeeping.

A webhook is posted through the one outbound client
(:class:`~influscope.ingest.http.HttpClient`): its URL comes from a config file
and must not reach the machine itself or its private network, so loopback,
private, link-local and other non-public addresses are refused unless the
channel sets ``allow_private = true``; redirects are not followed (a 3xx is a
failed delivery). A webhook URL is a secret as a whole (Slack and Teams put the
key in the path), so errors name only its site.
"""

from __future__ import annotations

import mimetypes
import os
import smtplib
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import orjson

from influscope.errors import N_, ConfigError, Phrase, SourceError
from influscope.ingest.http import HttpClient, allow_private_option, redact_url


@dataclass(frozen=True)
class Notice:
    """A message that is not an alert: a scheduled report or a digest.

    ``key`` is its idempotency key (schedule and slot); ``attachment`` a file
    that e-mail attaches (a webhook carries only the text, which names the file).
    """

    title: str
    text: str
    key: str
    attachment: Path | None = None


SEVERITY_COLOURS = {"critical": "#d32f2f", "warning": "#f9a825", "info": "#1976d2"}


def message(alert: dict[str, Any], level: int) -> dict[str, Any]:
    """The fields every notifier renders."""
    title = f"[{alert['severity']}] {alert['rule']} — {alert['key']}"
    if level:
        title = f"ESCALATION {level}: {title}"
    return {
        "title": title,
        "text": alert.get("explanation") or title,
        "alert_id": alert["alert_id"],
        "idempotency_key": f"{alert['alert_id']}:{level}",
        "severity": alert["severity"],
    }


class WebhookNotifier:
    """POSTs JSON with ``text`` (Slack/Mattermost) plus ``blocks`` and ``attachments``."""

    def __init__(self, options: dict[str, Any]) -> None:
        url = options.get("url") or os.environ.get(str(options.get("url_env", "")), "")
        if not url:
            raise ConfigError(
                N_("A webhook channel needs options.url (or url_env)."),
                'options = { url = "https://..." }',
            )
        self.url = str(url)
        self.timeout = float(options.get("timeout", 5.0))
        self.allow_private = allow_private_option(options, Phrase(N_("A webhook channel")))
        self.site = redact_url(self.url, keep_path=False)

    def send(self, alert: dict[str, Any], level: int, recipient: str) -> None:
        """Send one notification; raises SourceError on failure."""
        m = message(alert, level)
        text = f"*{m['title']}*\n{m['text']}" + (f"\n(on call: {recipient})" if recipient else "")
        payload = {
            "text": text,
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": m["title"][:150]}},
                {"type": "section", "text": {"type": "mrkdwn", "text": m["text"][:2900]}},
            ],
            "attachments": [
                {"color": SEVERITY_COLOURS.get(m["severity"], "#777777"), "fallback": m["title"]}
            ],
            "alert_id": m["alert_id"],
            "idempotency_key": m["idempotency_key"],
        }
        self._post(payload, m["idempotency_key"])

    def post(self, notice: Notice) -> None:
        """Send a scheduled report's or digest's text (the file stays in the workspace)."""
        payload = {
            "text": f"*{notice.title}*\n{notice.text}",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": notice.title[:150]}},
                {"type": "section", "text": {"type": "mrkdwn", "text": notice.text[:2900]}},
            ],
            "idempotency_key": notice.key,
        }
        self._post(payload, notice.key)

    def _post(self, payload: dict[str, Any], key: str) -> None:
        """POST JSON through the one outbound client; raises SourceError on failure."""
        client = HttpClient(
            timeout=self.timeout,
            retries=0,  # the delivery queue retries, with its own backoff
            follow_redirects=False,
            allow_private=self.allow_private,
            max_bytes=1_000_000,
            hide_paths=True,
        )
        try:
            with client:
                response = client.post(
                    self.url,
                    content=orjson.dumps(payload),
                    headers={"Content-Type": "application/json", "Idempotency-Key": key},
                    raise_status=False,
                )
        except SourceError as exc:
            raise SourceError.around(
                exc, N_("Webhook {site} failed: {reason}"), site=self.site
            ) from exc
        if response.status_code >= 300:
            raise SourceError(
                N_("Webhook {site} answered {status}."),
                site=self.site,
                status=str(response.status_code),
            )


class EmailNotifier:
    """Sends a plain-text e-mail over SMTP (``host``, ``port``, ``sender``, ``to``, optional login)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.host = str(options.get("host", "localhost"))
        self.port = int(options.get("port", 25))
        self.sender = str(options.get("sender", "influscope@localhost"))
        self.to = options.get("to") or []
        self.user = options.get("user")
        self.password = os.environ.get(str(options.get("password_env", "")), None)
        self.starttls = bool(options.get("starttls", False))

    def send(self, alert: dict[str, Any], level: int, recipient: str) -> None:
        """Send one e-mail to the recipient (an address) or the channel's ``to`` list."""
        m = message(alert, level)
        targets = [recipient] if recipient and "@" in recipient else list(self.to)
        if not targets:
            raise ConfigError(N_("An email channel needs options.to or a person with an email."))
        mail = EmailMessage()
        mail["Subject"] = m["title"]
        mail["From"] = self.sender
        mail["To"] = ", ".join(targets)
        mail["Message-ID"] = f"<{m['idempotency_key'].replace(':', '.')}@influscope>"
        mail.set_content(m["text"])
        self._send(mail)

    def post(self, notice: Notice) -> None:
        """E-mail a scheduled report (attached) or a digest to the channel's ``to`` list."""
        if not self.to:
            raise ConfigError(N_("An email channel needs options.to for scheduled reports."))
        mail = EmailMessage()
        mail["Subject"] = notice.title
        mail["From"] = self.sender
        mail["To"] = ", ".join(self.to)
        mail["Message-ID"] = f"<{notice.key.replace(':', '.')}@influscope>"
        mail.set_content(notice.text)
        if notice.attachment is not None:
            kind = mimetypes.guess_type(notice.attachment.name)[0] or "application/octet-stream"
            main, sub = kind.split("/", 1)
            mail.add_attachment(
                notice.attachment.read_bytes(),
                maintype=main,
                subtype=sub,
                filename=notice.attachment.name,
            )
        self._send(mail)

    def _send(self, mail: EmailMessage) -> None:
        """Send one message over SMTP; raises SourceError on failure."""
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user and self.password:
                    smtp.login(str(self.user), self.password)
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            raise SourceError(
                N_("SMTP {host}:{port} failed: {reason}"),
                host=self.host,
                port=str(self.port),
                reason=str(exc),
            ) from exc


class StdoutNotifier:
    """Prints one JSON line per notification (for logs and pipes)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options

    def send(self, alert: dict[str, Any], level: int, recipient: str) -> None:
        """Write the notification to stdout."""
        m = message(alert, level) | {"recipient": recipient}
        sys.stdout.write(orjson.dumps(m).decode() + "\n")
        sys.stdout.flush()

    def post(self, notice: Notice) -> None:
        """Write a scheduled report's or digest's notice as one JSON line."""
        found = {"title": notice.title, "text": notice.text, "idempotency_key": notice.key}
        if notice.attachment is not None:
            found["file"] = str(notice.attachment)
        sys.stdout.write(orjson.dumps(found).decode() + "\n")
        sys.stdout.flush()
