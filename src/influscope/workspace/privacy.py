"""Personal data: erasure of an actor and retention limits (pseudonymised exports are in data)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from influscope.errors import N_, NotFound, UsageError
from influscope.store import privacy
from influscope.store.runs import now
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.workspace.sov import SovService


class PrivacyService:
    """Erase an actor everywhere; delete what is older than the retention period.

    Example:
        >>> ws.privacy.erase_actor("twitter:jdoe")["documents"]  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, sov: SovService) -> None:
        self.ctx = ctx
        self.sov = sov

    def erase_actor(self, actor_id: str) -> dict[str, int]:
        """Erase an actor everywhere (documents, edges, enrichments, notes…); imports skip them.

        Returns the rows deleted per table.

        Raises:
            NotFound: when the store knows nothing of this actor.
        """
        with self.ctx.run("erase", {"actor": "(withheld)"}) as run:
            with self.ctx.store.transaction() as writer:
                deleted = privacy.erase_actor(writer, actor_id, run.run_id, now())
            if not deleted:
                raise NotFound(
                    N_("No actor {actor} in this workspace."),
                    N_("Actor ids look like 'twitter:handle'; see 'influscope export actors'."),
                    actor=repr(actor_id),
                )
            self.sov.invalidate_counts()
            run.counts.update(deleted)
        self.ctx.store.compact()  # the deleted values leave the file's free blocks too
        return deleted

    def retention_plan(self, days: int | None = None) -> tuple[datetime, dict[str, int]]:
        """The cutoff date and the rows per table :meth:`apply_retention` would delete."""
        with self.ctx.store.lock:
            return privacy.retention_plan(self.ctx.store.con, self._days(days), now())

    def _days(self, days: int | None) -> int:
        days = days or self.ctx.config.workspace.retention_days
        if not days:
            raise UsageError(
                N_("No retention period set."),
                N_("Pass --days N or set retention_days in [workspace]."),
            )
        return days

    def apply_retention(self, days: int | None = None) -> dict[str, int]:
        """Delete documents older than ``days`` (default: ``[workspace] retention_days``)."""
        days = self._days(days)
        with self.ctx.run("retention", {"days": days}) as run:
            with self.ctx.store.transaction() as writer:
                deleted = privacy.apply_retention(writer, days, now())
            self.sov.invalidate_counts()
            run.counts.update(deleted)
        if deleted:
            self.ctx.store.compact()
        return deleted
