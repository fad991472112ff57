"""Getting data in and out: file imports, live sources and connectors, status and exports.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from influscope.config import CONFIG_FILE
from influscope.errors import (
    ConfigError,
    InfluscopeError,
    InputError,
    UsageError,
)
from influscope.ingest.files.generic import DEFAULT_PLATFORM, GenericMapper
from influscope.ingest.files.readers import detect_format, read_records
from influscope.ingest.plugins import CONNECTORS, PRESETS
from influscope.ingest.runner import ImportRunner, ImportSummary, Source, file_fingerprint
from influscope.store import exports, status
from influscope.store.ingestion import resolve_references
from influscope.store.runs import now
from influscope.store.sink import StoreSink


class IngestingMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- ingest --------------------------------------------------------------------------
    def ingest_files(
        self,
        paths: list[str | os.PathLike[str]],
        *,
        fmt: str | None = None,
        preset: str | None = None,
        platform: str | None = None,
        mapping: dict[str, str] | None = None,
        strict: bool = False,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> ImportSummary:
        """Import posts from files (generic tables or a vendor/platform preset).

        Raises:
            ImportRejected: with ``strict`` and a bad record (nothing is written).
        """
        options = {"format": fmt, "preset": preset, "platform": platform, "map": mapping or {}}
        sources = [self._source(Path(p), fmt, preset, platform, mapping) for p in paths]
        with self.run("ingest file", {"paths": [str(p) for p in paths], **options}) as run:
            sink = StoreSink(self.store, run.run_id)
            runner = ImportRunner(sink, strict=strict, progress=progress)
            summary = runner.run(sources)
            with self.store.transaction() as writer:
                resolved = resolve_references(writer, run.run_id)
            run.counts.update(summary.counts)
            run.counts["records"] = summary.records
            run.counts["resolved_references"] = resolved
            run.errors = summary.rejected
            # Without brands there is nothing to attribute, unless rows of an
            # earlier configuration remain to be cleared.
            if summary.records and (self.config.brands or self.store.count("document_brands")):
                from influscope.enrich import brands as brand_attribution

                run.counts["brands"] = brand_attribution.attribute(
                    self.store, self.config.brands, run.run_id, source_run=run.run_id
                )
                from influscope.analyze.sov import counts as sov_counts

                run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return summary

    def _source(
        self,
        path: Path,
        fmt: str | None,
        preset: str | None,
        platform: str | None,
        mapping: dict[str, str] | None,
    ) -> Source:
        if not path.exists():
            raise InputError(f"{path}: no such file.")
        if preset:
            preset_obj = PRESETS.load(preset)(platform=platform, mapping=mapping or {})
            file_format = fmt or preset_obj.detect_format(path)
            records = lambda: preset_obj.records(path, file_format)  # noqa: E731
            mapper = preset_obj
        else:
            file_format = fmt or detect_format(path)
            if file_format == "xml":
                raise UsageError(
                    f"{path}: XML needs a preset.", "Use --preset rss for RSS/Atom feeds."
                )
            records = lambda: read_records(path, file_format)  # noqa: E731
            mapper = GenericMapper(mapping, platform)
        count = (
            (lambda: _estimate_records(path)) if file_format in {"csv", "tsv", "jsonl"} else None
        )
        fingerprint = file_fingerprint(
            path,
            {"format": file_format, "preset": preset, "platform": platform, "map": mapping or {}},
        )
        bulk = None
        if file_format == "jsonl" and not preset and not _is_gzip(path):
            bulk = (path, mapping or {}, platform, DEFAULT_PLATFORM)
        return Source(str(path), records, mapper, fingerprint, count, bulk)

    # -- look and export -----------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Counts by platform, language and month; table sizes; last runs and their errors."""
        report = status.summary(self.store)
        report["workspace"] = str(self.root)
        report["name"] = self.config.workspace.name
        report["simulated"] = self.config.workspace.simulated
        return report

    def export(
        self,
        table: str,
        out: Any,
        *,
        fmt: str = "csv",
        fields: list[str] | None = None,
        pseudonymise: bool = False,
    ) -> int:
        """Write a canonical table to ``out`` (a path or a binary stream); returns rows written."""
        return exports.export_table(
            self.store, table, out, fmt=fmt, fields=fields, pseudonymise=pseudonymise
        )

    def run_errors(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """The error log of a run (default: the last run that had errors)."""
        return status.run_errors(self.store, run_id)

    # -- platforms: presets and live connectors ------------------------------------------
    def _source_config(self, name: str) -> Any:
        for source in self.config.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.config.sources) or "none defined"
        raise ConfigError(f"No source named {name!r} in {CONFIG_FILE}.", f"Known sources: {known}.")

    def poll_source(self, name: str, *, env: dict[str, str] | None = None) -> dict[str, Any]:
        """Run one ``[[sources]]`` entry once: fetch, map, commit rows with the cursor.

        Returns the poll summary (fetched, rejected, cursor, documents written,
        requests, retries, rate limits). A failure is recorded in the source's
        health (``sources_check``) and raised.
        """
        from influscope.errors import SourceError
        from influscope.ingest.platforms.connector import poll
        from influscope.ingest.platforms.sources import build_connector, parse_every
        from influscope.store import sources as source_store
        from influscope.store.runs import now

        source = self._source_config(name)
        every = parse_every(source.every)
        connector = build_connector(source.name, source.connector, source.options, env=env)
        params = {"source": name, "connector": source.connector}
        try:
            with self.run("poll source", params) as run:
                try:
                    summary = poll(connector, StoreSink(self.store, run.run_id))
                except InfluscopeError:
                    raise
                except Exception as exc:  # a malformed API answer must not escape unexplained
                    raise SourceError(f"source {name!r}: {type(exc).__name__}: {exc}") from exc
                with self.store.transaction() as writer:
                    resolve_references(writer, run.run_id)
                    source_store.record_success(
                        writer, name, source.connector, now(), summary.fetched,
                        summary.rejected, summary.rate_limits, every,
                    )  # fmt: skip
                run.counts.update(summary.counts)
                run.counts["fetched"] = summary.fetched
                run.errors = summary.rejected
        except InfluscopeError as exc:
            with self.store.transaction() as writer:
                source_store.record_failure(
                    writer, name, source.connector, now(), exc.message, every
                )
            raise
        finally:
            connector.http.close()
        # run_id: the new and updated rows carry it in source_run (for "enrich what is new").
        return summary.as_dict() | {"run_id": run.run_id}

    def sources_list(self) -> list[dict[str, Any]]:
        """The configured sources (secrets masked)."""
        from influscope.ingest.platforms.sources import public_options

        return [
            {
                "name": s.name,
                "connector": s.connector,
                "every": s.every,
                "enabled": s.enabled,
                "options": public_options(s.options),
            }
            for s in self.config.sources
        ]

    def sources_check(self, name: str | None = None) -> list[dict[str, Any]]:
        """Health of each source: status, last success, last error, cursor, next run, rate limits."""
        from influscope.store import sources as source_store

        states = source_store.states(self.store)
        chosen = [self._source_config(name)] if name else self.config.sources
        current = now()
        report = []
        for source in chosen:
            state = states.get(source.name, {})
            if source.connector in ("push", "file"):
                health = "served by watch"  # the watch loop runs these itself
            elif source.connector not in CONNECTORS.names():
                health = "unknown connector"
            elif not state.get("last_run_at"):
                health = "never run"
            elif state.get("last_error_at") and (
                not state.get("last_success_at")
                or state["last_error_at"] > state["last_success_at"]
            ):
                health = "failing"
            else:
                health = "ok"
            report.append(
                {
                    "name": source.name,
                    "connector": source.connector,
                    "enabled": source.enabled,
                    "health": health,
                    "last_success_at": state.get("last_success_at"),
                    "last_error_at": state.get("last_error_at"),
                    "last_error": state.get("last_error"),
                    "last_fetched": state.get("last_fetched"),
                    "total_fetched": state.get("total_fetched"),
                    "cursor": state.get("cursor") or source_store.cursor(self.store, source.name),
                    "next_run_at": state.get("next_run_at"),
                    "due": source.enabled
                    and (state.get("next_run_at") is None or state["next_run_at"] <= current),
                    "rate_limits": state.get("rate_limits"),
                }
            )
        return report


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _estimate_records(path: Path) -> int | None:
    """Count lines of an uncompressed text file quickly (for the progress bar's ETA)."""
    with path.open("rb") as handle:
        if handle.read(2) == b"\x1f\x8b":
            return None
        handle.seek(0)
        count = 0
        while chunk := handle.read(1 << 22):
            count += chunk.count(b"\n")
    return max(count - 1, 0) if path.suffix.lower() in {".csv", ".tsv"} else count
