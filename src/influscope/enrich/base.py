"""What an enricher is: a named, versioned producer of derived values.

An enricher reads rows it has not seen at its version and returns enrichment
rows ``(subject_id, field, value, score)``; the pipeline stamps producer,
version and run, and writes them through the store's writer. Registering
under the ``influscope.enricher`` entry-point group makes it runnable by
``influscope enrich`` (built-ins included).

An enricher must return at least one row for its *first* field for every
input row (``value`` may be null): that row is how the pipeline knows the
document was done at this version, so the next run skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyarrow as pa

from influscope import model
from influscope.config import Config
from influscope.plugins import Group
from influscope.store.engine import Store
from influscope.store.writer import Writer

# What an enricher returns: the enrichment columns it decides (the pipeline adds the rest).
ENRICHMENT_SCHEMA = model.spec("enrichments").arrow_schema(
    ["subject_id", "field", "value", "score"]
)


@dataclass
class EnrichContext:
    """What an enricher may use besides its input rows: the workspace config, store and root."""

    config: Config
    store: Store
    run_id: str
    root: Path | None = None


@runtime_checkable
class Enricher(Protocol):
    """The protocol every enricher follows (:class:`EnricherBase` gives the defaults).

    Attributes:
        name: its name (``influscope enrich --only NAME``) and its producer name.
        version: changes whenever its output would (the pipeline then redoes rows).
        subject: what it enriches, ``document`` or ``actor`` (its ``subject_id`` then
            is a ``doc_id`` or an ``actor_id``).
        fields: the enrichment fields it writes, the first written for every row.
        columns: the input columns it reads (e.g. ``("doc_id", "text", "lang")``).
        requires: enrichers that must run first (``sentiment`` reads ``documents.lang``,
            which ``language`` fills).
        default: False keeps it out of a plain ``influscope enrich`` (it then runs
            only with ``--only NAME``).
    """

    @property
    def name(self) -> str: ...  # noqa: D102 - described above
    @property
    def version(self) -> str: ...  # noqa: D102
    @property
    def subject(self) -> str: ...  # noqa: D102
    @property
    def fields(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def columns(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def requires(self) -> tuple[str, ...]: ...  # noqa: D102
    @property
    def default(self) -> bool: ...  # noqa: D102

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Return enrichment rows (ENRICHMENT_SCHEMA) for the given input rows."""
        ...

    def available(self) -> str | None:
        """Why it cannot run here (the pip command of a missing extra), or None."""
        ...

    def persist(self, writer: Writer, rows: pa.Table, result: pa.Table) -> None:
        """Extra writes in the batch's transaction (``language`` fills ``documents.lang``)."""
        ...


class EnricherFactory(Protocol):
    """A registered enricher: a class whose ``from_config`` builds it from the configuration."""

    def from_config(self, config: Config) -> Enricher:
        """The enricher as ``influscope.toml`` configures it."""
        ...


class EnricherBase:
    """Defaults of the optional parts of :class:`Enricher`, for built-ins and plugins."""

    requires: tuple[str, ...] = ()
    default: bool = True

    def available(self) -> str | None:
        """Always available (override when an optional dependency may be missing)."""
        return None

    def persist(self, writer: Writer, rows: pa.Table, result: pa.Table) -> None:
        """Nothing more to write (override to write beside the enrichments)."""


ENRICHERS: Group[EnricherFactory] = Group("enricher", Enricher, EnricherFactory)


def result_table(ids: Any, field: str, values: Any, scores: Any | None = None) -> pa.Table:
    """Enrichment rows for one field, from aligned arrays or lists."""
    ids_array = ids if isinstance(ids, pa.Array | pa.ChunkedArray) else pa.array(ids, pa.string())
    n = len(ids_array)
    values_array = (
        values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values, pa.string())
    )
    if scores is None:
        scores_array: Any = pa.nulls(n, pa.float64())
    elif isinstance(scores, pa.Array | pa.ChunkedArray):
        scores_array = scores
    else:
        scores_array = pa.array(scores, pa.float64())
    return pa.table(
        [ids_array, pa.array([field] * n, pa.string()), values_array, scores_array],
        schema=ENRICHMENT_SCHEMA,
    )
