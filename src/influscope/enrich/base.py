"""What an enricher is: a named, versioned producer of derived values.

An enricher reads rows it has not seen at its version and returns enrichment
rows ``(subject_id, field, value, score)``; the pipeline stamps producer,
version and run, and writes them through the store's writer. Registering
under the ``influscope.enricher`` entry-point group makes it runnable by
``influscope enrich`` (built-ins included).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

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
    """What an enricher may use besides its input rows: the workspace config and store."""

    config: Any
    store: Any
    run_id: str


class Enricher(Protocol):
    """The small protocol every enricher follows."""

    name: str
    version: str
    subject: Literal["document", "actor"]
    fields: tuple[str, ...]
    columns: tuple[str, ...]  # input columns it reads (e.g. ("doc_id", "text", "lang"))

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Return enrichment rows (ENRICHMENT_SCHEMA) for the given input rows."""
        ...
