"""Personal data: erasure of an actor, retention limits, pseudonymised exports.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

from influscope.errors import (
    NotFound,
    UsageError,
)
from influscope.store import privacy
from influscope.store.runs import now


class PersonalDataMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- personal data: erasure, retention, pseudonymised exports ------------------------
    def erase_actor(self, actor_id: str) -> dict[str, int]:
        """Erase an actor everywhere (documents, edges, enrichments, notes…); future imports skip them.

        Raises:
            NotFound: when the store knows nothing of this actor.
        """
        with self.run("erase", {"actor": "(withheld)"}) as run:
            with self.store.transaction() as writer:
                deleted = privacy.erase_actor(writer, actor_id, run.run_id, now())
            if not deleted:
                raise NotFound(
                    f"No actor {actor_id!r} in this workspace.",
                    "Actor ids look like 'twitter:handle'; see 'influscope export actors'.",
                )
            from influscope.analyze.sov import counts as sov_counts

            sov_counts.invalidate(self.store)  # the counts are rebuilt on the next read
            run.counts.update(deleted)
        return deleted

    def apply_retention(self, days: int | None = None) -> dict[str, int]:
        """Delete documents older than ``days`` (default: ``[workspace] retention_days``)."""
        days = days or self.config.workspace.retention_days
        if not days:
            raise UsageError(
                "No retention period set.", "Pass --days N or set retention_days in [workspace]."
            )
        with self.run("retention", {"days": days}) as run:
            with self.store.transaction() as writer:
                deleted = privacy.apply_retention(writer, days, now())
            from influscope.analyze.sov import counts as sov_counts

            sov_counts.invalidate(self.store)  # the counts are rebuilt on the next read
            run.counts.update(deleted)
        return deleted
