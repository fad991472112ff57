"""Brand attribution: which brands each document cites, computed in bulk with Ibis.

A document cites a brand when one of the brand's aliases appears in its title
or text (a phrase with the query rules: case-, accent- and elision-insensitive),
when it mentions one of the brand's handles (``@united`` on any platform), or
when it links to one of the brand's domains (or a subdomain) — unless it matches
the brand's ``exclude`` query. The result is stored in ``document_brands``
(one row per document, brand and way), which share of voice, exports and the
dashboard read.

All brands are evaluated in one scan of ``documents``: one boolean column per
brand and way, computed by the engine from the query compiler's expressions
over the documents' stored searchable forms (:mod:`influscope.enrich.search`:
normalised once, not on every attribution). Only the matching rows come back
to Python, where they are unpivoted. Attribution is incremental: each stored
form records the brands-config hash it was attributed under, so only documents
new, changed, or attributed under another config are looked at.

Example:
    >>> attribute(store, config.brands, run_id)  # doctest: +SKIP
    {'documents': 14485, 'attributions': 14890, 'cited': 14481, 'mode': 'all'}
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import ibis
import orjson
import pyarrow as pa

from influscope import model
from influscope.config import Brand, Config
from influscope.enrich import search
from influscope.enrich.base import EnricherBase
from influscope.query.ast import Field, Node, Or
from influscope.query.ibis_compiler import IbisCompiler
from influscope.query.normalize import mention_key
from influscope.query.parser import parse

TABLE = "document_brands"
HASH_CURSOR = "brands.config_hash"
VIAS = ("alias", "handle", "domain")
SCHEMA = model.spec(TABLE).arrow_schema()


def config_hash(brands: Sequence[Brand]) -> str:
    """A fingerprint of the brands config: attribution is redone when it changes."""
    payload = orjson.dumps([b.model_dump() for b in brands], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(payload).hexdigest()[:16]


def brand_rules(brand: Brand) -> dict[str, Node | None]:
    """The query trees of one brand: one per way of citing it, plus its exclusion."""
    aliases: list[Node] = []
    for alias in brand.aliases:
        text = alias.replace('"', " ").strip()
        if text:
            aliases.append(parse(f'"{text}"'))
    handles: list[Node] = [
        Field("mention", mention_key(h)) for h in brand.handles if mention_key(h)
    ]
    domains: list[Node] = [
        Field("domain", d.strip().lower().removeprefix("www.")) for d in brand.domains if d.strip()
    ]

    def any_of(nodes: list[Node]) -> Node | None:
        return None if not nodes else nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    return {
        "alias": any_of(aliases),
        "handle": any_of(handles),
        "domain": any_of(domains),
        "exclude": parse(brand.exclude) if brand.exclude and brand.exclude.strip() else None,
    }


def attribution_expr(
    store: Any, brands: Sequence[Brand], documents: Any | None = None, forms: Any | None = None
) -> tuple[Any, list[tuple[str, str, str]]]:
    """One Ibis expression with a boolean column per (brand, way) and per exclusion.

    ``forms``, beside ``documents``: the stored forms of those documents, one
    current form per document (refreshed under the store's lock). When no
    rule reads a document column, they are matched alone, without a join with
    the documents (:meth:`IbisCompiler.forms_alone`); else ``documents`` are.

    Returns the expression (rows citing at least one brand) and the list of
    ``(column, brand, via)`` it holds (``via`` is ``exclude`` for exclusions).
    """
    stored = search.search_table(store) if store.stored_forms else None
    compiler = IbisCompiler(store.table("links"), portable=store.portable, search=stored)
    rules = [brand_rules(b) for b in brands]
    nodes = [n for r in rules for n in r.values() if n is not None]
    prepared = compiler.forms_alone(forms, *nodes) if forms is not None else None
    if prepared is None:
        docs = documents if documents is not None else store.table("documents")
        prepared = compiler.prepare(docs, *nodes)
    columns: dict[str, Any] = {}
    layout: list[tuple[str, str, str]] = []
    positives = []
    for number, (brand, rule) in enumerate(zip(brands, rules, strict=True)):
        for via, node in rule.items():
            if node is None:
                continue
            name = f"_b{number}_{via}"
            columns[name] = compiler.predicate(node, prepared)
            layout.append((name, brand.name, via))
            if via != "exclude":
                positives.append(columns[name])
    if not positives:
        return prepared.select("doc_id").filter(ibis.literal(False)), []
    selected = prepared.select("doc_id", **columns)
    any_positive = selected[layout[0][0]]
    for name, _, via in layout[1:]:
        if via != "exclude":
            any_positive = any_positive | selected[name]
    return selected.filter(any_positive), layout


def attribution_rows(
    store: Any, brands: Sequence[Brand], run_id: str, documents: Any | None = None
) -> pa.Table:
    """``document_brands`` rows for the given documents (default: all)."""
    expr, layout = attribution_expr(store, brands, documents)
    if not layout:
        return SCHEMA.empty_table()
    # Here, not at the top: pyarrow.compute (with pydoc, for its docstrings) is a few
    # hundredths of a second that an import attributing in the engine never uses.
    import pyarrow.compute as pc  # noqa: PLC0415 - banned at module level

    flags = store.to_arrow(expr)
    parts = []
    for brand in dict.fromkeys(b for _, b, _ in layout):
        excluded = [name for name, b, via in layout if b == brand and via == "exclude"]
        keep = pc.invert(flags[excluded[0]]) if excluded else None
        for name, b, via in layout:
            if b != brand or via == "exclude":
                continue
            mask = flags[name] if keep is None else pc.and_(flags[name], keep)
            ids = flags["doc_id"].filter(mask)
            if len(ids):
                parts.append(
                    pa.table(
                        {
                            "doc_id": ids,
                            "brand": pa.array([brand] * len(ids), pa.string()),
                            "via": pa.array([via] * len(ids), pa.string()),
                            "run_id": pa.array([run_id] * len(ids), pa.string()),
                        },
                        schema=SCHEMA,
                    )
                )
    return pa.concat_tables(parts).combine_chunks() if parts else SCHEMA.empty_table()


def attribution_table(
    store: Any,
    brands: Sequence[Brand],
    run_id: str,
    documents: Any | None = None,
    forms: Any | None = None,
) -> Any:
    """``document_brands`` for the given documents (default: all) as one Ibis expression.

    The same rows as :func:`attribution_rows` (a test pins it), unpivoted by
    the engine instead of in Python: a lake read by Spark never sends its
    documents to the driver, and an import writes the rows without bringing
    them back to Python. One branch per (brand, way), united. ``forms``: see
    :func:`attribution_expr`.
    """
    expr, layout = attribution_expr(store, brands, documents, forms)
    if not layout:
        return ibis.memtable(SCHEMA.empty_table())
    parts = []
    for brand in dict.fromkeys(b for _, b, _ in layout):
        excluded = [name for name, b, via in layout if b == brand and via == "exclude"]
        for name, b, via in layout:
            if b != brand or via == "exclude":
                continue
            keep = expr[name] if not excluded else expr[name] & ~expr[excluded[0]]
            parts.append(
                expr.filter(keep).select(
                    "doc_id",
                    brand=ibis.literal(brand, "string"),
                    via=ibis.literal(via, "string"),
                    run_id=ibis.literal(run_id, "string"),
                )
            )
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def stored_hash(store: Any) -> str | None:
    """The brands-config hash of the last full attribution (None if never run)."""
    cursors = store.table("cursors")
    found = store.to_arrow(cursors.filter(cursors.name == HASH_CURSOR).select("value"))
    values = found["value"].to_pylist()
    return values[0] if values else None


def attribute(
    store: Any,
    brands: Sequence[Brand],
    run_id: str,
    *,
    source_run: str | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Compute and store brand attribution, in bulk, for the documents not done yet.

    Args:
        store: the workspace store.
        brands: the configured brands.
        run_id: the run recorded on the rows.
        source_run: the import that triggered it (kept for callers; the
            documents to do are found from the stored forms either way: new or
            changed documents, and all of them when the brands config changed).
        force: redo every document anyway.

    Returns:
        Counts: documents considered, attribution rows, documents citing a brand,
        and ``mode`` (``all`` when forced, or when the config changed or was
        never applied; ``new`` otherwise).
    """
    del source_run
    current = config_hash(brands)
    with store.lock:  # the forms must stay current until the rows are computed
        search.refresh(store)
        full = force or stored_hash(store) != current
        forms = search.search_table(store)
        if not full:  # else every document is redone, whatever it was attributed under
            forms = forms.filter(forms.brands.isnull() | (forms.brands != current))
        todo_ids = forms.select(_todo=forms.doc_id)
        docs = store.table("documents")
        # Redoing all: every document has a current form (just refreshed), no join needed.
        todo = docs if full else docs.semi_join(todo_ids, docs.doc_id == todo_ids._todo)
        considered = int(store.scalar(todo.count()))
        done = todo_ids.select(doc_id=todo_ids._todo)
        attributions = cited = 0
        # The rows are computed and written by the engine: at a million documents,
        # bringing them to Python and back cost more than finding them.
        with store.transaction() as writer:
            if full:
                writer.replace_all(TABLE, SCHEMA.empty_table())
            else:
                writer.delete_query(TABLE, "doc_id", done)
            if considered:
                attributions = writer.insert_query(
                    TABLE, attribution_table(store, brands, run_id, todo, forms)
                )
            if considered and full:  # every form was redone: no lookup of which
                writer.update_all(search.TABLE, {"brands": current})
            elif considered:
                writer.update_query(search.TABLE, {"brands": current}, "doc_id", done)
            if attributions:
                # The rows of the documents done are this transaction's (all rows when full).
                stored = store.table(TABLE)
                if not full:
                    stored = stored.semi_join(done, stored.doc_id == done.doc_id)
                cited = int(store.scalar(stored.doc_id.nunique()))
            writer.set_cursor(HASH_CURSOR, current)
    return {
        "documents": considered,
        "attributions": attributions,
        "cited": cited,
        "mode": "all" if full else "new",
    }


class BrandsEnricher(EnricherBase):
    """Brand attribution as an enricher, so ``influscope enrich`` keeps it up to date.

    Its version carries the hash of the ``[[brands]]`` config: editing a brand
    changes the version, and the pipeline then redoes every document. Each
    document gets one ``brands`` enrichment row (a JSON list of brand names,
    score = how many) marking it done; the per-way detail is written to
    ``document_brands`` in the same transaction (:meth:`persist`).
    """

    name = "brands"
    subject = "document"
    fields = ("brands",)
    columns = ("doc_id",)

    def __init__(self, brands: Sequence[Brand] = ()) -> None:
        self.brands = list(brands)
        self.version = f"1+{config_hash(self.brands)}"
        self._pending: pa.Table = SCHEMA.empty_table()

    @classmethod
    def from_config(cls, config: Config) -> BrandsEnricher:
        """Build from ``influscope.toml`` (its brands)."""
        return cls(config.brands)

    def run(self, context: Any, rows: pa.Table) -> pa.Table:
        """Attribute brands to the given documents (kept for :meth:`persist`)."""
        brands = self.brands or list(getattr(context.config, "brands", []))
        store = context.store
        ids = rows.select(["doc_id"]).rename_columns(["_brand_doc_id"])
        with store.lock:  # the forms must stay current until the rows are computed
            search.refresh(store)
            docs = store.table("documents")
            chosen = ibis.memtable(ids)
            docs = docs.semi_join(chosen, docs.doc_id == chosen._brand_doc_id)
            self._pending = attribution_rows(store, brands, context.run_id, docs)
        found: dict[str, list[str]] = {}
        for doc_id, brand in zip(
            self._pending["doc_id"].to_pylist(), self._pending["brand"].to_pylist(), strict=True
        ):
            names = found.setdefault(doc_id, [])
            if brand not in names:
                names.append(brand)
        doc_ids = rows["doc_id"].to_pylist()
        values = [orjson.dumps(sorted(found.get(d, []))).decode() for d in doc_ids]
        scores = [float(len(found.get(d, []))) for d in doc_ids]
        return pa.table(
            {
                "subject_id": pa.array(doc_ids, pa.string()),
                "field": pa.array(["brands"] * len(doc_ids), pa.string()),
                "value": pa.array(values, pa.string()),
                "score": pa.array(scores, pa.float64()),
            }
        )

    def persist(self, writer: Any, rows: pa.Table, result: pa.Table) -> None:
        """Replace the ``document_brands`` rows of these documents (same transaction)."""
        ids = rows["doc_id"].to_pylist()
        writer.delete(TABLE, "doc_id", ids)
        writer.upsert(TABLE, self._pending, coalesce=False)
        writer.update_in(search.TABLE, {"brands": config_hash(self.brands)}, "doc_id", ids)
        writer.set_cursor(HASH_CURSOR, config_hash(self.brands))
        self._pending = SCHEMA.empty_table()
