"""SQL pieces that keep link plumbing and phantom handles out of the actors.

Two rules of :mod:`influscope.store.ingestion`, written once here:

- **Shorteners are hops, not actors.** ``web:t.co`` is nobody: a link whose
  domain is a shortener (:func:`influscope.ingest.hosts.shortener_hosts`, each
  with its subdomains) makes no stub actor and no ``link`` edge. The link row
  itself stays (a crawl can still resolve where it leads).
- **A page's @mention is a known account.** A web page has no handles of its
  own, so ``@maelle_cobot`` in an article mentions the account with that handle
  on whichever platform the workspace knows it (``twitter:maelle_cobot``), not a
  ``web:maelle_cobot`` phantom. When several platforms have that handle, the
  account with the most followers is taken (then the smallest id, so the choice
  is stable); an unknown handle gives no edge (the mention stays in the
  document's ``mentions``), and :func:`late_web_mentions` adds the edge when the
  account arrives in a later import.
"""

from __future__ import annotations

import re

from influscope import ids
from influscope.ingest.hosts import shortener_hosts

WEB = ids.WEB


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def not_shortener(domain_sql: str) -> str:
    """A SQL predicate: the domain expression is not a shortener host (nor a subdomain of one)."""
    hosts = shortener_hosts()
    listed = ", ".join(_quoted(h) for h in hosts)
    pattern = r"\.(" + "|".join(re.escape(h) for h in hosts) + ")$"
    return f"NOT ({domain_sql} IN ({listed}) OR regexp_matches({domain_sql}, {_quoted(pattern)}))"


def handle_key(actor_sql: str) -> str:
    """SQL: the handle part of an actor id (``twitter:a`` -> ``a``; ``mastodon:a@i`` -> ``a@i``)."""
    return f"lower({ids.native_of_sql(actor_sql)})"


def _best_accounts(keys_sql: str) -> str:
    """SQL: ``(m, actor_id)``: the non-web actor chosen for each handle key in ``keys_sql``."""
    return f"""
        SELECT {handle_key("actor_id")} AS m, actor_id FROM actors
        WHERE platform <> {_quoted(WEB)} AND {handle_key("actor_id")} IN ({keys_sql})
        QUALIFY row_number() OVER (
            PARTITION BY {handle_key("actor_id")} ORDER BY followers DESC NULLS LAST, actor_id
        ) = 1"""


def staged_mention_edges(pages: bool = True) -> str:
    """SQL: mention edges of the staged documents (columns src, dst, kind, doc_id, at).

    Social posts mention handles of their own platform; web pages mention known
    accounts (module doc). ``pages=False`` is the caller's word that no staged
    page mentions anyone: the search for the accounts (a scan of every
    actor) is left out.
    """
    web = _quoted(WEB)
    posts = """
        SELECT author_id AS src, actor_id AS dst, 'mention' AS kind, doc_id, published_at AS "at"
        FROM _staged_mentions"""
    if not pages:
        return posts
    return f"""{posts}
        UNION ALL
        SELECT d.author_id, k.actor_id, 'mention', d.doc_id, d.published_at
        FROM (SELECT author_id, doc_id, published_at, unnest(mentions) AS m
              FROM _staged_docs WHERE platform = {web}) d
        JOIN ({
        _best_accounts(f"SELECT unnest(mentions) FROM _staged_docs WHERE platform = {web}")
    }) k USING (m)"""


def staged_mention_stubs() -> str:
    """SQL: stub actors of mentioned handles (posts only: a page's mention needs a known account)."""
    return """
        SELECT actor_id, platform, handle, source_run, collected_at FROM _staged_mentions"""


def stage_mentions() -> str:
    """SQL: the temporary table ``_staged_mentions``, one row per handle a staged post mentions.

    Stubs and edges both read it, so each id is computed once: built inside
    the expression that uses it, DuckDB pastes the id expression into every
    filter on it as well (measured on 1M posts: twice the CPU). Unnested
    first and the ids computed on the rows, not in a lambda over the list: a
    lambda that reads a column of its row (the platform) makes DuckDB copy
    that column per list item.
    """
    return f"""CREATE OR REPLACE TEMP TABLE _staged_mentions AS
        SELECT {ids.actor_id_sql("platform", "m")} AS actor_id, m AS handle, platform,
               author_id, doc_id, published_at, source_run, collected_at
        FROM (SELECT platform, author_id, doc_id, published_at, source_run, collected_at,
                     unnest(mentions) AS m
              FROM _staged_docs WHERE platform <> {_quoted(WEB)})"""


def late_web_mentions(run_id: str) -> str:
    """SQL: mention edges of stored pages toward accounts this run made known.

    Only handles with no mention edge yet from that page are resolved, so an
    edge chosen earlier is never doubled by a second account of the same handle.
    """
    web = _quoted(WEB)
    new_keys = (
        f"SELECT {handle_key('actor_id')} FROM actors "
        f"WHERE source_run = {_quoted(run_id)} AND platform <> {web}"
    )
    return f"""
        SELECT d.author_id AS src, k.actor_id AS dst, 'mention' AS kind, d.doc_id,
               d.published_at AS "at"
        FROM (SELECT author_id, doc_id, published_at, unnest(mentions) AS m FROM documents
              WHERE platform = {web} AND len(mentions) > 0) d
        JOIN ({_best_accounts(new_keys)}) k USING (m)
        WHERE NOT EXISTS (
            SELECT 1 FROM interactions i
            WHERE i.kind = 'mention' AND i.doc_id = d.doc_id AND {handle_key("i.dst")} = d.m
        )"""
