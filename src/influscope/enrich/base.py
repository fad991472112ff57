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
from typing import Any, Literal, Protocol, runtime_checkable

import pyarrow as pa

ENRICHMENT_SCHEMA = pa.schema(
    [
        ("subject_id", pa.string()),
        ("field", pa.string()),
        ("value", pa.string()),
        ("score", pa.float64()),
    ]
)


@dataclass
class EnrichContext:
    """What an enricher may use besides its input rows: the workspace config, store and root."""

    config: Any
    store: Any
    run_id: str
    root: Any = None


@runtime_checkable
class Enricher(Protocol):
    """The small protocol every enricher follows.

    Optional members the pipeline also honours:

    * ``requires: tuple[str, ...]`` — names of enrichers that must run first
      (``sentiment`` requires ``language`` because it reads ``documents.lang``);
    * ``default: bool`` — False keeps it out of a plain ``influscope enrich``
      (it then runs only with ``--only NAME``);
    * ``available() -> str | None`` — a reason (the pip command) when an
      optional dependency is missing, so a default run skips it with a hint;
    * ``persist(writer, rows, result)`` — extra writes in the same
      transaction (``language`` fills ``documents.lang`` where it is missing);
    * ``from_config(config)`` (classmethod) — build from ``influscope.toml``.
    """

    name: str
    version: str
    subject: Literal["document", "actor"]
    fields: tuple[str, ...]
    columns: tuple[str, ...]  # input columns it reads (e.g. ("doc_id", "text", "lang"))

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Return enrichment rows (ENRICHMENT_SCHEMA) for the given input rows."""
        ...


def build(factory: Any, config: Any) -> Any:
    """Instantiate a registered enricher (a class, or an object already built)."""
    if not isinstance(factory, type):
        return factory
    maker = getattr(factory, "from_config", None)
    return maker(config) if callable(maker) else factory()


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
