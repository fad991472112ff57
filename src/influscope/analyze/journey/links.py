"""The journey's onward links, read set-based: the engine counts, Python resolves each URL once.

A node's onward links come from every document's links (a page's outlinks, a
post's links), from reposts and quotes, and from ``link`` interactions
imported without a document (a weighted hyperlink map). At ten million
documents that is tens of millions of link rows, so none of them crosses into
Python: the engine groups them by *(page or author, target)* and counts, and
only the distinct URLs are resolved to nodes (:class:`~.nodes.NodeResolver`
is Python: canonical URLs, redirects, hosts). The resolved names are joined
back to the counts in Arrow and summed per *(node, node)* pair, so what comes
out is the aggregated link graph, not the rows behind it.

Every URL and account an input names is resolved (and so gets its actor),
even when the other end of its link leads nowhere known: the chain's node ->
actor table is the same whichever rows kept a link.
"""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from influscope import ids
from influscope.analyze.journey.nodes import NodeResolver
from influscope.ingest.profiles import social_post
from influscope.store.engine import Store

PAIRS = pa.schema([("src", pa.string()), ("dst", pa.string()), ("n", pa.float64())])


def document_links(store: Store) -> pa.Table:
    """Links of the documents counted per ``web`` (page or post), ``key``, ``target``.

    ``key`` is a web page's URL (its native id without one) or a post's
    author; rows that can lead nowhere are dropped in the engine (a page
    without an http(s) address, a post without an author).
    """
    documents = store.table("documents")
    links = store.table("links")
    joined = documents.join(links, documents.doc_id == links.doc_id).select(
        web=documents.platform == ids.WEB,
        page=documents.url.fill_null(documents.native_id),
        author=documents.author_id,
        target=links.url,
    )
    lowered = joined.page.lower()
    is_page = lowered.startswith("http://") | lowered.startswith("https://")
    kept = joined.filter(
        joined.target.notnull()
        & ((joined.web & is_page) | (~joined.web & joined.author.notnull() & (joined.author != "")))
    )
    keyed = kept.select("web", "target", key=kept.web.ifelse(kept.page, kept.author))
    grouped = keyed.group_by(["web", "key", "target"]).aggregate(n=keyed.count())
    return store.to_arrow(grouped.order_by(["web", "key", "target"]))


def shared_links(store: Store) -> pa.Table:
    """Reposts, quotes and weighted ``link`` interactions per account pair (``src, dst, amount``).

    A ``link`` interaction's amount is its weight (a hyperlink map's
    multiplicity); a repost or quote counts one each.
    """
    interactions = store.table("interactions")
    shared = interactions.filter(
        interactions.kind.isin(["repost", "quote"])
        | ((interactions.kind == "link") & (interactions.doc_id == ""))
    )
    grouped = shared.group_by(["src", "dst", "kind"]).aggregate(
        n=shared.count(), weight=shared.weight.fill_null(1.0).sum()
    )
    amount = (grouped.kind == "link").ifelse(grouped.weight, grouped.n.cast("float64"))
    found = grouped.select("src", "dst", amount=amount)
    return store.to_arrow(found.filter(found.amount > 0).order_by(["src", "dst"]))


def _nodes(resolver: NodeResolver, urls: pa.ChunkedArray | pa.Array) -> pa.Table:
    """``url, node, shown, post`` for each distinct URL (one Python resolution per URL)."""
    distinct = sorted(u for u in pc.unique(urls).to_pylist() if u is not None)
    nodes = [resolver.node(u) for u in distinct]
    return pa.table(
        {
            "url": pa.array(distinct, pa.string()),
            "node": pa.array(nodes, pa.string()),
            "shown": pa.array(
                [resolver.actor.get(n) if n is not None else None for n in nodes], pa.string()
            ),
            "post": pa.array([social_post(u) for u in distinct], pa.bool_()),
        }
    )


def _accounts(resolver: NodeResolver, actor_ids: list[pa.ChunkedArray | pa.Array]) -> None:
    """Register each distinct account as a node (an account is its own node)."""
    chunks = [
        c
        for column in actor_ids
        for c in (column.chunks if isinstance(column, pa.ChunkedArray) else [column])
    ]
    if not chunks:
        return
    found = pc.unique(pa.chunked_array(chunks, pa.string())).to_pylist()
    for actor in sorted(a for a in found if a is not None):
        resolver.account(actor)


def read_links(store: Store, resolver: NodeResolver) -> tuple[pa.Table, Counter[tuple[str, str]]]:
    """Known onward links between nodes, and the posts pages embed (see module doc).

    Returns the ``src, dst, n`` pairs (``n`` the link's multiplicity, summed
    over documents and interactions; self-links kept, the link step drops
    them) and, per *(page node, author shown)*, how many embedded posts.
    """
    rows = document_links(store)
    web = rows.filter(rows["web"])
    posts = rows.filter(pc.invert(rows["web"]))
    _accounts(resolver, [posts["key"]])
    pages = _nodes(resolver, web["key"])
    targets = _nodes(resolver, rows["target"])
    web_pairs = _attach(web, pages, targets)
    post_pairs = _attach_posts(posts, targets)
    shared = shared_links(store)
    _accounts(resolver, [shared["src"], shared["dst"]])
    interaction_pairs = pa.table(
        {"src": shared["src"], "dst": shared["dst"], "n": shared["amount"]}, schema=PAIRS
    )
    pairs = pa.concat_tables(
        [
            web_pairs.select(["src", "dst", "n"]).cast(PAIRS),
            post_pairs.select(["src", "dst", "n"]).cast(PAIRS),
            interaction_pairs,
        ]
    )
    summed = (
        pairs.group_by(["src", "dst"], use_threads=False)
        .aggregate([("n", "sum")])
        .rename_columns(["src", "dst", "n"])
    )
    # One thread: the sums add in the rows' (sorted) order, so the same store gives the same bits.
    summed = summed.sort_by([("src", "ascending"), ("dst", "ascending")])
    return summed, _cited(web_pairs)


def _lookup(keys: pa.ChunkedArray | pa.Array, names: pa.Table, column: str) -> pa.Array:
    """``names[column]`` of each key (matched on ``names["url"]``; null where none)."""
    found = pc.index_in(keys, value_set=names["url"])
    return pc.take(names[column], found)


def _attach(web: pa.Table, pages: pa.Table, targets: pa.Table) -> pa.Table:
    """Web rows with their page's node (``src``) and their target's node, actor, post flag."""
    return _with_targets(web.append_column("src", _lookup(web["key"], pages, "node")), targets)


def _attach_posts(posts: pa.Table, targets: pa.Table) -> pa.Table:
    """Post rows: the author is the source node."""
    return _with_targets(posts.append_column("src", posts["key"]), targets)


def _with_targets(rows: pa.Table, targets: pa.Table) -> pa.Table:
    """The rows with ``dst, shown, post`` of their target; those leading nowhere dropped."""
    target = rows["target"]
    joined = rows.append_column("dst", _lookup(target, targets, "node"))
    joined = joined.append_column("shown", _lookup(target, targets, "shown"))
    joined = joined.append_column("post", pc.fill_null(_lookup(target, targets, "post"), False))
    kept = joined.filter(pc.and_(pc.is_valid(joined["src"]), pc.is_valid(joined["dst"])))
    return kept.set_column(kept.column_names.index("n"), "n", pc.cast(kept["n"], pa.float64()))


def _cited(web_pairs: pa.Table) -> Counter[tuple[str, str]]:
    """Per (page node, author shown): how many of its links designate one social post."""
    embeds = web_pairs.filter(pc.and_(pc.is_valid(web_pairs["shown"]), web_pairs["post"]))
    grouped = embeds.group_by(["src", "shown"], use_threads=False).aggregate([("n", "sum")])
    cited: Counter[tuple[str, str]] = Counter()
    for src, shown, n in zip(
        grouped["src"].to_pylist(),
        grouped["shown"].to_pylist(),
        grouped["n_sum"].to_pylist(),
        strict=True,
    ):
        cited[(src, shown)] = int(n)
    return cited
