"""The one value of an enrichment field per subject: which producer wins.

Several producers can write the same field of a document: the default
sentiment enricher, and ``learned:sentiment`` once a team trains a model on
its own labels. Every reader must see the same single value, or the
negative-spike rule, the share of voice's positive share, the stance inputs,
the exports and the reports tell different stories about one post. This
module is the only place that decides: a learned value beats a default one,
then the newest row wins, then the producer name (so ties are stable).
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

LEARNED_PREFIX = "learned"


def chosen_values(store: Any, field: str, subject: str = "document") -> ir.Table:
    """``subject_id, value, score, producer``: the winning row of ``field`` for each subject.

    Example:
        >>> chosen_values(store, "sentiment")  # doctest: +SKIP
    """
    e: ir.Table = store.table("enrichments")
    rows = e.filter((e.subject == subject) & (e.field == field) & e.value.notnull())
    rank = ibis.row_number().over(
        group_by=rows.subject_id,
        order_by=[
            ibis.desc(rows.producer.startswith(LEARNED_PREFIX)),
            ibis.desc(rows.created_at),
            rows.producer,
        ],
    )
    best = rows.mutate(_rank=rank).filter(lambda t: t._rank == 0)
    return best.select("subject_id", "value", "score", "producer")


def document_sentiment(store: Any) -> ir.Table:
    """``doc_id, sentiment``: the one sentiment label of each document that has one."""
    best = chosen_values(store, "sentiment")
    return best.select(doc_id=best.subject_id, sentiment=best.value.lower())
