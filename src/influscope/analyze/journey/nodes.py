"""Journey nodes and who a reader meets there: people and organisations, not plumbing.

A node is what a reader visits: a canonical URL, or a social account (a URL
designating an account *is* that account). Each node's actor is met at every
visit. The rules that keep link plumbing out (see :mod:`influscope.ingest.hosts`):

- a **redirector** URL carrying its target (``l.facebook.com/l.php?u=…``) is
  its target, and a URL the crawler saw redirect is its final URL;
- a **shortener** URL (``t.co/…``) not resolved that way is a hop to an unknown
  page: no node at all (:meth:`NodeResolver.node` returns None), so it neither
  receives entries nor takes weight;
- a page of a **search engine**, of a **social platform** that is not an
  account, or of a **CDN** is a node without an actor (visited, followed on,
  never met), unless ``[journey] infrastructure_actors`` opts that kind in;
- the accounts and sites of one **brand** (its declared handles and domains)
  are one organisation, met as one actor (:class:`influscope.organisations.Organisations`).
"""

from __future__ import annotations

from collections.abc import Iterable

from influscope import ids
from influscope.config import Config
from influscope.ingest.hosts import host_kind, unwrap_redirect
from influscope.ingest.profiles import social_actor
from influscope.ingest.urls import canonical_url, web_entity
from influscope.organisations import Organisations

MAX_HOPS = 5  # redirect chains recorded by the crawler, followed at most this far


class NodeResolver:
    """URL → journey node, and node → actor (None: a node nobody is met at)."""

    def __init__(self, redirects: dict[str, str], config: Config) -> None:
        self.redirects = redirects
        self.counted = set(config.journey.infrastructure_actors)
        self.organisations = Organisations(config.brands)
        self._cache: dict[str, str | None] = {}
        self.actor: dict[str, str | None] = {}

    def resolve_url(self, url: str) -> str | None:
        """The canonical URL a link really leads to; None for an unresolved shortener."""
        current = canonical_url(url)
        for _ in range(MAX_HOPS):
            unwrapped = unwrap_redirect(current)
            target = canonical_url(unwrapped) if unwrapped else self.redirects.get(current)
            if target is None or target == current:
                break
            current = target
        if host_kind(current) == "shortener":
            return None
        return current

    def node(self, url: str) -> str | None:
        """The node a URL stands for (a social account id, or the resolved canonical URL)."""
        if url in self._cache:
            return self._cache[url]
        resolved = self.resolve_url(url)
        found: str | None = None
        if resolved is not None:
            account = social_actor(resolved)
            found = account or resolved
            if found not in self.actor:
                self.actor[found] = account or self._site_actor(resolved)
        self._cache[url] = found
        return found

    def account(self, actor_id: str) -> str:
        """An account (or any actor id) as a node: the node is the actor itself."""
        if actor_id not in self.actor:
            self.actor[actor_id] = self._id_actor(actor_id)
        return actor_id

    def _site_actor(self, url: str) -> str | None:
        kind = host_kind(url)
        if kind is not None and kind not in self.counted:
            return None
        return ids.web_actor_id(web_entity(url))

    def _id_actor(self, actor_id: str) -> str | None:
        platform, rest = ids.split_id(actor_id)
        if platform == ids.WEB:
            kind = host_kind(rest)
            if kind == "shortener" or (kind is not None and kind not in self.counted):
                return None
        return actor_id

    def merge_organisations(self, known: Iterable[str] = ()) -> dict[str, str]:
        """Give every node of a brand its organisation's representative as actor.

        Returns the merge (member id -> representative) so readers can find an
        organisation by any of its ids. ``known`` adds actor ids that may serve
        as representative (the store's accounts of the brands).
        """
        met = {a for a in self.actor.values() if a is not None}
        merge = self.organisations.merge_map(sorted(met | set(known)))
        for node, actor in self.actor.items():
            if actor is not None and actor in merge:
                self.actor[node] = merge[actor]
        return merge
