"""Each stored post as a :class:`~influscope.enrich.reply_stance.Reply`: with its parent and thread.

The reply-stance model reads a post against what it answers, so training
(``influscope train reply_stance``) and enrichment look up, in the store,
each post's parent (the post it answers, quotes or reposts) and climb the
chain to the thread's source. Parents are fetched by batch, one query per
level, never one per post; a chain is followed at most :data:`MAX_DEPTH`
levels (a loop in bad data stops there too).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from influscope.enrich.reply_stance import Reply

MAX_DEPTH = 50
COLUMNS = (
    "doc_id",
    "platform",
    "title",
    "text",
    "published_at",
    "reply_to",
    "quote_of",
    "repost_of",
)


def _parent(row: dict[str, Any]) -> str | None:
    """The canonical id of what a post answers, quotes or reposts (bare ids read on its platform)."""
    for column in ("reply_to", "quote_of", "repost_of"):
        value = row.get(column)
        if value:
            return str(value) if ":" in str(value) else f"{row['platform']}:{value}"
    return None


def _text(row: dict[str, Any]) -> str:
    return " ".join(p for p in (row.get("title"), row.get("text")) if p)


def _seconds(later: datetime | None, earlier: datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return (later - earlier).total_seconds()


def _fetch(store: Any, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    docs = store.table("documents")
    found = store.to_arrow(docs.filter(docs.doc_id.isin(sorted(ids))).select(*COLUMNS))
    return {str(row["doc_id"]): row for row in found.to_pylist()}


def replies_of(store: Any, doc_ids: list[str]) -> list[Reply]:
    """One :class:`Reply` per id, in order (an unknown id gives an empty post)."""
    known = _fetch(store, set(doc_ids))
    todo = {p for row in known.values() if (p := _parent(row)) and p not in known}
    for _ in range(MAX_DEPTH):
        if not todo:
            break
        fetched = _fetch(store, todo)
        known.update(fetched)
        todo = {p for row in fetched.values() if (p := _parent(row)) and p not in known}
    replies = []
    for doc_id in doc_ids:
        row = known.get(doc_id, {"doc_id": doc_id})
        chain = [row]
        while (p := _parent(chain[-1])) in known and len(chain) <= MAX_DEPTH:
            if known[p] in chain:
                break
            chain.append(known[p])
        parent = chain[1] if len(chain) > 1 else None
        source = chain[-1]
        answers_unknown = _parent(chain[-1]) is not None  # the chain leaves the store
        depth = len(chain) - 1 + (1 if answers_unknown else 0)
        replies.append(
            Reply(
                _text(row),
                _text(parent) if parent else "",
                is_source=depth == 0,
                answers_source=depth == 1,
                source_text=_text(source) if source is not row else "",
                depth=depth,
                seconds_after_parent=_seconds(
                    row.get("published_at"), parent.get("published_at") if parent else None
                ),
                seconds_after_source=_seconds(row.get("published_at"), source.get("published_at")),
                thread=str(source["doc_id"]),
            )
        )
    return replies
