"""Writing imported batches: documents, their authors, and what their text implies.

Mentions, hashtags and links are extracted here, in the engine, for every
document whose source did not give them — one implementation for file imports,
live connectors and the bulk path, vectorised by DuckDB (RE2 with Unicode
classes, so ``#sponsorisé`` is one hashtag). Interactions follow: mention and
link edges from text, reply/repost/quote edges resolved to the author of the
referenced document (or to the ``RT @x`` / leading ``@x`` marker when that
document is unknown).

Link plumbing is kept out of the actors (see :mod:`influscope.ingest.hosts`):
a shortener URL (``t.co/…``) stays in ``links`` as evidence, but makes no
``web:t.co`` actor and no link edge; where the source gave the expanded URLs
(``links`` of the record), the shortened copies in the text are not links at
all. Web pages have no handles of their own, so an ``@name`` in a page is a
mention of the *known* account with that handle (any platform), never a
``web:name`` actor (see :func:`_derived_interactions`).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from influscope import ids, model
from influscope.ingest.batch import Batch
from influscope.ingest.hosts import is_shortener
from influscope.ingest.urls import TRACKING_PARAMS, TRACKING_PREFIXES, canonical_url, web_entity
from influscope.store.plumbing import (
    late_web_mentions,
    not_shortener,
    stage_mentions,
    staged_mention_edges,
    staged_mention_stubs,
)
from influscope.store.privacy import purge_erased
from influscope.store.writer import WriteCount, Writer, _quote

WORD = r"\pL\pN_"
# Handles are ASCII on every platform we read (X, Mastodon, Bluesky, Reddit,
# YouTube), and ASCII classes are twice as fast in RE2; hashtags are not.
HANDLE = "A-Za-z0-9_"
# ".@name" is Twitter's public-reply idiom, so a dot may precede the "@".
# The whole match (the character before the "@" included) is extracted: RE2
# finds match bounds with its DFA but needs its slower engines for a capture
# group, so the handle is cut after the first "@" instead (twice as fast).
MENTION_RE = rf"(?:^|[^{WORD}@/])@[{HANDLE}](?:[{HANDLE}.-]*[{HANDLE}])?(?:@[{HANDLE}-]+(?:\.[{HANDLE}-]+)+)?"
# On platforms whose own handles are word characters only, "@united-rebooked"
# and "@united...do" mention "united"; single dots are kept, as a tweet may
# name a Bluesky handle (@alice.bsky.social).
WORD_HANDLE_PLATFORMS = "('twitter', 'x', 'instagram', 'tiktok', 'threads')"
WORD_HANDLE_RE = rf"^[{HANDLE}]+(?:\.[{HANDLE}]+)*"
# A hashtag is a run of word characters with at least one letter or "_" (#2015
# is not one). RE2 matches the plain run twice as fast as the run with the
# letter condition, so the condition is applied to the matches (DIGITS_RE).
HASHTAG_RE = rf"(?:^|[^{WORD}&/#])#([{WORD}]+)"
DIGITS_RE = r"\pN+"
URL_RE = r"https?://[^\s<>\"'\]\)]+"
# URLs the engine canonicalises itself: plain host and path, and a query (if
# any) of key=value pairs in unreserved characters, which Python's
# parse_qsl/urlencode would give back unchanged.
QUERY_PAIR = r"[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*"
SIMPLE_URL_RE = rf"^https?://([a-z0-9-]+\.)+[a-z0-9-]+(/[^?#%]*)?(\?{QUERY_PAIR}(&{QUERY_PAIR})*)?$"
RT_RE = rf"^RT @([{HANDLE}](?:[{HANDLE}.-]*[{HANDLE}])?)"
LEADING_RE = rf"^@([{HANDLE}](?:[{HANDLE}.-]*[{HANDLE}])?)"
# What anonymised exports write for every account ("@user" in SemEval, TweetEval and
# MLMA, "@USER" in OffensEval, "@url" in MLMA, "@anonymized_account" in PolEval): not
# an account, so no actor, mention or repost comes of it (else one phantom actor is
# "mentioned" by everyone and heads the map and the journey).
PLACEHOLDER_HANDLES = ("user", "url", "username", "mention", "anonymized_account")


def write_batch(
    writer: Writer, batch: Batch, run_id: str, collected_at: Any
) -> dict[str, WriteCount]:
    """Write one batch and everything derived from it; returns counts per table."""
    tables = batch.arrow(run_id, collected_at)
    con = writer.con
    docs = tables["documents"]
    counts: dict[str, WriteCount] = {
        "actors": writer.upsert("actors", tables["actors"], newer="collected_at")
    }
    if docs.num_rows:
        con.register("_incoming_docs", docs)
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _staged_docs AS " + _derive_sql("_incoming_docs")
            )
        finally:
            con.unregister("_incoming_docs")
        _merge(counts, apply_staged(writer, run_id, tables["links"]))
        con.execute("DROP TABLE IF EXISTS _staged_docs")
    _merge(
        counts,
        {"interactions": writer.upsert("interactions", tables["interactions"], coalesce=False)},
    )
    purge_erased(writer, run_id)
    return counts


def apply_staged(
    writer: Writer,
    run_id: str,
    explicit_links: pa.Table | None = None,
    *,
    documents: bool = True,
    authors: bool = True,
) -> dict[str, WriteCount]:
    """Upsert the documents of the relation ``_staged_docs`` and derive links, actors, edges.

    ``_staged_docs`` has the documents columns used below plus those
    :func:`_derive_sql` adds (``_urls``, ``_rt``, ``_lead``); the batch path and
    the bulk path both stage into it. With ``documents=False`` the documents are
    already in the store (the bulk path wrote them straight from the file) and
    only what they imply is written. With ``authors=False`` the authors are
    already actors (the bulk path wrote their profiles) and get no stub.
    """
    counts: dict[str, WriteCount] = {}
    if documents:
        cols = [c for c in writer.columns("documents")]
        counts["documents"] = writer.upsert_from(
            "documents", "_staged_docs", cols, newer="collected_at"
        )
    counts["links"] = _write_links(writer, explicit_links)
    writer.con.execute(stage_mentions())
    try:
        counts["actors"] = _stub_actors(writer, authors)
        counts["interactions"] = _derived_interactions(writer, run_id)
    finally:
        writer.con.execute("DROP TABLE IF EXISTS _staged_mentions")
    return counts


def _merge(into: dict[str, WriteCount], more: dict[str, WriteCount]) -> None:
    for table, count in more.items():
        into[table] = into.get(table, WriteCount()) + count


def _derive_sql(source: str, fill: bool = True, derived: bool = True) -> str:
    """SELECT over ``source`` adding what the derived rows need from each text.

    With ``fill``, mentions and hashtags missing from the source are filled from
    the text. With ``derived``, added: ``_urls`` (raw URLs in the text), ``_rt``
    (the handle of a ``RT @x`` marker) and ``_lead`` (the leading ``@x`` of a
    reply), so deriving links and edges never reads the text again. Lists keep
    the order of first appearance (``_unique``), so exports are stable. The
    regexes run once per row in the inner query; the outer one de-duplicates.
    """
    q = _sql_string
    inner, outer, dropped = [], [], []
    if fill:
        inner += [
            # The platform is tested outside the lambdas: a lambda reading a
            # column of its row makes DuckDB copy that column per list item.
            f"""CASE WHEN mentions IS NULL AND contains(coalesce(text, ''), '@') THEN list_filter(
                    CASE WHEN platform IN {WORD_HANDLE_PLATFORMS} THEN list_transform(
                        regexp_extract_all(text, {q(MENTION_RE)}),
                        x -> lower(regexp_extract(substr(x, strpos(x, '@') + 1), {q(WORD_HANDLE_RE)})))
                    ELSE list_transform(regexp_extract_all(text, {q(MENTION_RE)}),
                        x -> lower(substr(x, strpos(x, '@') + 1))) END,
                    x -> x NOT IN {_placeholders()}) END AS _m""",
            f"""CASE WHEN hashtags IS NULL AND contains(coalesce(text, ''), '#') THEN list_transform(
                    list_filter(regexp_extract_all(text, {q(HASHTAG_RE)}, 1),
                        x -> NOT regexp_full_match(x, {q(DIGITS_RE)})), x -> lower(x)) END AS _h""",
        ]
        dropped += ["_m", "_h"]
    if derived:
        inner += [
            f"""CASE WHEN contains(coalesce(text, ''), '://') THEN
                    regexp_extract_all(text, {q(URL_RE)}) END AS _u""",
            f"""CASE WHEN starts_with(text, 'RT @') THEN {
                _account(f"lower(regexp_extract(text, {q(RT_RE)}, 1))")
            } END AS _rt""",
            f"""CASE WHEN reply_to IS NOT NULL AND starts_with(text, '@') THEN {
                _account(f"lower(regexp_extract(text, {q(LEADING_RE)}, 1))")
            } END AS _lead""",
        ]
        outer.append(f"{_unique('_u')} AS _urls")
        dropped.append("_u")
    filled = (
        f"""REPLACE (
            coalesce(mentions, {_unique("_m")}) AS mentions,
            coalesce(hashtags, {_unique("_h")}) AS hashtags
        )"""
        if fill
        else ""
    )
    return f"""
        SELECT * EXCLUDE ({", ".join(dropped)}) {filled} {"".join(", " + c for c in outer)}
        FROM (SELECT *, {", ".join(inner)} FROM {source})
    """


def _placeholders() -> str:
    """The placeholder handles as an SQL list of strings."""
    return "(" + ", ".join(_sql_string(h) for h in PLACEHOLDER_HANDLES) + ")"


def _account(handle_sql: str) -> str:
    """A handle expression, NULL when empty or a placeholder (the expression runs once)."""
    found = f"nullif({handle_sql}, '')"
    for placeholder in PLACEHOLDER_HANDLES:
        found = f"nullif({found}, {_sql_string(placeholder)})"
    return found


def _unique(list_sql: str) -> str:
    """Distinct elements of a list expression, in order of first appearance.

    Most lists have one element; the quadratic filter only runs on longer ones.
    """
    return (
        f"coalesce(CASE WHEN len({list_sql}) > 1 THEN "
        f"list_filter({list_sql}, (x, i) -> list_position({list_sql}, x) = i) "
        f"ELSE {list_sql} END, [])"
    )


def _write_links(writer: Writer, explicit: pa.Table | None) -> WriteCount:
    """Links of the staged documents: explicit ones from the source, and URLs in text.

    URLs of the common shape (lower-case host, no port, no fragment or
    escapes, a query of plain ``key=value`` pairs) are canonicalised in the
    engine, tracking parameters dropped as
    :func:`~influscope.ingest.urls.canonical_url` does; the others go through
    that function once per distinct URL (a test checks both agree).
    """
    con = writer.con
    q = _sql_string
    trailing = q(".,;:!?…»\"'")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _found_urls AS
        SELECT DISTINCT doc_id, rtrim(u, {trailing}) AS u FROM (
            SELECT doc_id, unnest(_urls) AS u FROM _staged_docs
            UNION ALL
            SELECT doc_id, url FROM _staged_docs WHERE url IS NOT NULL AND platform = 'web'
        )
        """
    )
    # base: the URL before its query, with "/" for an empty path; then the
    # query's parameters minus tracking ones, in their order.
    base = "CASE WHEN regexp_matches(b, '^https?://[^/]+$') THEN b || '/' ELSE b END"
    tracking = ", ".join(q(name) for name in sorted(TRACKING_PARAMS))
    prefixes = " OR ".join(f"starts_with(lower(p), {q(prefix)})" for prefix in TRACKING_PREFIXES)
    kept = f"""list_filter(string_split(query, '&'),
        p -> NOT (lower(split_part(p, '=', 1)) IN ({tracking}) OR {prefixes}))"""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _staged_links AS
        SELECT doc_id,
               {base} || CASE WHEN len(kept) > 0 THEN '?' || array_to_string(kept, '&') ELSE '' END
                   AS url,
               regexp_replace(regexp_extract(b, '^https?://([^/]+)', 1), '^www\\.', '') AS domain
        FROM (
            SELECT doc_id, b, CASE WHEN query <> '' THEN {kept} ELSE [] END AS kept FROM (
                SELECT doc_id, split_part(u, '?', 1) AS b,
                       split_part(u, '?', 2) AS query
                FROM _found_urls WHERE regexp_matches(u, {q(SIMPLE_URL_RE)})
            )
        )
        """
    )
    rows = con.execute(
        f"SELECT doc_id, u FROM _found_urls WHERE NOT regexp_matches(u, {q(SIMPLE_URL_RE)})"
    ).fetchall()
    extra: dict[tuple[str, str], str] = {}
    for doc_id, raw_url in rows:
        url = canonical_url(raw_url)
        domain = web_entity(url)
        if domain:
            extra[(doc_id, url)] = domain
    expanded: set[str] = set()
    for row in explicit.to_pylist() if explicit is not None else []:
        url = canonical_url(row["url"])
        domain = row.get("domain") or web_entity(url)
        if domain:
            extra[(row["doc_id"], url)] = domain
            expanded.add(row["doc_id"])
    if expanded:
        # The source expanded its links: the shortened copies in the text are the same links.
        con.register("_expanded_docs", pa.table({"doc_id": sorted(expanded)}))
        try:
            con.execute(
                "DELETE FROM _staged_links WHERE doc_id IN (SELECT doc_id FROM _expanded_docs) "
                f"AND NOT ({not_shortener('domain')})"
            )
        finally:
            con.unregister("_expanded_docs")
        extra = {k: d for k, d in extra.items() if not (k[0] in expanded and is_shortener(d))}
    if extra:
        table = pa.table(
            {
                "doc_id": [k[0] for k in extra],
                "url": [k[1] for k in extra],
                "domain": list(extra.values()),
            },
            schema=model.spec("links").arrow_schema(),
        )
        con.register("_incoming_links", table)
        try:
            con.execute("INSERT INTO _staged_links SELECT * FROM _incoming_links")
        finally:
            con.unregister("_incoming_links")
    con.execute("DROP TABLE IF EXISTS _found_urls")
    return writer.upsert_from(
        "links",
        "(SELECT DISTINCT * FROM _staged_links WHERE domain <> '')",
        ["doc_id", "url", "domain"],
        coalesce=False,
    )


def _stub_actors(writer: Writer, authors: bool = True) -> WriteCount:
    """Authors, mentioned handles and linked web entities become actors if unknown.

    One row per actor (GROUP BY: an aggregate, cheaper than a window), the
    handle of a mention preferred to an author's missing one.
    """
    author_rows = (
        f"""SELECT author_id AS actor_id, {ids.platform_of_sql("author_id")} AS platform,
                   NULL AS handle, source_run, collected_at
            FROM _staged_docs WHERE author_id IS NOT NULL
            UNION ALL"""
        if authors
        else ""
    )
    web = ids.web_actor_id_sql("l.domain")
    return writer.upsert_from(
        "actors",
        f"""(SELECT actor_id, any_value(platform) AS platform, min(handle) AS handle,
                   any_value(source_run) AS source_run, max(collected_at) AS collected_at FROM (
            {author_rows}
            {staged_mention_stubs()}
            UNION ALL
            SELECT {web}, {ids.sql_string(ids.WEB)}, l.domain, d.source_run, d.collected_at
            FROM _staged_links l JOIN _staged_docs d USING (doc_id)
            WHERE {not_shortener("l.domain")}
        ) WHERE actor_id IS NOT NULL GROUP BY actor_id)""",
        ["actor_id", "platform", "handle", "source_run", "collected_at"],
        update=False,
        unique=True,
    )


EDGE_COLUMNS = ["src", "dst", "kind", "doc_id", "at", "weight", "source_run"]


def _derived_interactions(writer: Writer, run_id: str) -> WriteCount:
    """Mention, link, reply, repost and quote edges of the staged documents.

    The reference edges join the whole ``documents`` table; a part whose
    documents have no reference at all is left out rather than joined for nothing.
    """
    q = _sql_string
    row = writer.con.execute(
        "SELECT count(*) FILTER (repost_of IS NOT NULL OR _rt IS NOT NULL), "
        "count(*) FILTER (reply_to IS NOT NULL), count(*) FILTER (quote_of IS NOT NULL), "
        f"count(*) FILTER (platform = {q(ids.WEB)} AND len(mentions) > 0) "
        "FROM _staged_docs"
    ).fetchone()
    reposts, replies, quotes, pages = row if row else (0, 0, 0, 0)
    parts = [
        staged_mention_edges(pages=bool(pages)),
        # Several URLs of one document may share a domain: one edge.
        f"""SELECT DISTINCT d.author_id, {ids.web_actor_id_sql("l.domain")}, 'link', d.doc_id, d.published_at
           FROM _staged_links l JOIN _staged_docs d USING (doc_id)
           WHERE {not_shortener("l.domain")}""",
    ]
    if reposts:
        parts.append(
            f"""SELECT d.author_id, coalesce(r.author_id, {ids.actor_id_sql("d.platform", "d._rt")}),
                      'repost', d.doc_id, d.published_at
               FROM _staged_docs d LEFT JOIN documents r ON r.doc_id = d.repost_of
               WHERE d.repost_of IS NOT NULL OR d._rt IS NOT NULL"""
        )
    if replies:
        parts.append(
            f"""SELECT d.author_id, coalesce(r.author_id, {ids.actor_id_sql("d.platform", "d._lead")}),
                      'reply', d.doc_id, d.published_at
               FROM _staged_docs d LEFT JOIN documents r ON r.doc_id = d.reply_to
               WHERE d.reply_to IS NOT NULL"""
        )
    if quotes:
        parts.append(
            """SELECT d.author_id, r.author_id, 'quote', d.doc_id, d.published_at
               FROM _staged_docs d JOIN documents r ON r.doc_id = d.quote_of"""
        )
    edges = " UNION ALL ".join(parts)
    # "src <> dst" is NULL when either is: one test instead of three, which
    # matters because DuckDB pastes each target's id expression into the filter
    # once per mention of the column (measured: a third of the statement).
    return writer.upsert_from(
        "interactions",
        f"""(SELECT src, dst, kind, doc_id, "at", 1.0 AS weight, {q(run_id)} AS source_run
             FROM ({edges}) WHERE coalesce(src <> dst, false))""",
        EDGE_COLUMNS,
        update=False,
        # Mentions are distinct per document, links per domain, and a document
        # replies to, reposts and quotes one document each.
        unique=True,
    )


def resolve_references(writer: Writer, run_id: str) -> int:
    """Add the edges whose target arrived after the document that refers to it.

    Reply/repost/quote edges to documents this run wrote, and mentions in web
    pages of accounts this run made known (:func:`~.plumbing.late_web_mentions`).
    Only targets written by this run can complete an edge that was missing (an
    earlier target was joined when the referring document arrived), so the
    join starts from them and stays small whatever the size of the store.
    """
    q = _sql_string
    row = writer.con.execute(
        "SELECT EXISTS (SELECT 1 FROM documents "
        "WHERE reply_to IS NOT NULL OR repost_of IS NOT NULL OR quote_of IS NOT NULL), "
        "EXISTS (SELECT 1 FROM documents WHERE platform = 'web' AND len(mentions) > 0)"
    ).fetchone()
    references, web_mentions = (bool(row[0]), bool(row[1])) if row else (False, False)
    parts = (
        []
        if not references
        else [
            f"""SELECT d.author_id AS src, r.author_id AS dst, '{kind}' AS kind, d.doc_id,
                   d.published_at AS "at", 1.0 AS weight, {q(run_id)} AS source_run
            FROM documents d JOIN documents r ON r.doc_id = d.{_quote(column)}
            WHERE r.source_run = {q(run_id)} AND d.{_quote(column)} IS NOT NULL
              AND d.author_id IS NOT NULL AND r.author_id IS NOT NULL AND d.author_id <> r.author_id"""
            for column, kind in (
                ("reply_to", "reply"),
                ("repost_of", "repost"),
                ("quote_of", "quote"),
            )
        ]
    )
    if web_mentions:
        parts.append(
            f"""SELECT src, dst, kind, doc_id, "at", 1.0 AS weight, {q(run_id)} AS source_run
                FROM ({late_web_mentions(run_id)}) WHERE src IS NOT NULL AND src <> dst"""
        )
    if not parts:
        return 0
    count = writer.upsert_from(
        "interactions",
        "(" + " UNION ALL ".join(parts) + ")",
        EDGE_COLUMNS,
        update=False,
        unique=True,
    )
    return count.inserted


def _count(con: Any, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()
    return int(row[0]) if row else 0


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
