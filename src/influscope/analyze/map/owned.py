"""Which actors belong to a brand: its own accounts and sites, never its allies or critics.

A brand's own account praising it is not an ally, and a competitor's site
linking to its own products is not a sympathiser: these actors speak *for* a
brand, so stance toward a target treats them apart (``owned`` and
``competitor``). One function decides it from the brand config, so every
analysis that needs "is this the company talking?" (the map, the journey,
organisation merging) asks the same question the same way: the matching rule
itself is :class:`~influscope.organisations.Organisations`'; this module
applies it to the store's actors.

An actor belongs to a brand when:

- its handle (or, for handle-less ids, the part after ``platform:``) is one of
  the brand's ``handles``, on any platform (``@united`` is ``twitter:united``
  and ``mastodon:united`` alike);
- it is a web actor (``web:host`` or ``web:host/path``) whose host is one of
  the brand's ``domains`` or a subdomain of it (``web:news.aa.com`` for
  ``aa.com``).

Example:
    >>> from influscope.config import Brand
    >>> brands = [Brand(name="American", handles=["@AmericanAir"], domains=["aa.com"])]
    >>> owners(brands, [("twitter:americanair", None), ("web:news.aa.com", None), ("web:aa.com.evil", None)])
    {'twitter:americanair': 'American', 'web:news.aa.com': 'American'}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ibis

from influscope import ids
from influscope.config import Brand
from influscope.organisations import Organisations
from influscope.store.engine import Store


def owners(brands: Sequence[Brand], actors: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The brand owning each actor that belongs to one (module doc); others are left out.

    Args:
        brands: the workspace's brands (``[[brands]]``).
        actors: ``(actor_id, handle)`` pairs. The id decides
            (:meth:`~influscope.organisations.Organisations.brand_of`, the one
            place that rule lives); an account whose id is not its handle (a
            YouTube channel id) is matched by its handle on its platform.

    A handle or domain declared by two brands goes to the first one listed.
    """
    organisations = Organisations(brands)
    found: dict[str, str] = {}
    for actor_id, handle in actors:
        owner = organisations.brand_of(actor_id)
        if owner is None and handle and not ids.is_web(actor_id):
            by_handle = ids.actor_id(ids.platform_of(actor_id), handle)
            owner = organisations.brand_of(by_handle) if by_handle else None
        if owner is not None:
            found[actor_id] = owner
    return found


def _domain_key(domain: str) -> str:
    return domain.strip().lower().removeprefix("www.").rstrip("/")


def owned_in_store(store: Store, brands: Sequence[Brand]) -> dict[str, str]:
    """:func:`owners` over the store's actors (only plausible candidates are read)."""
    handles = sorted({ids.normalise_handle(h) for b in brands for h in b.handles})
    domains = sorted({_domain_key(d) for b in brands for d in b.domains if _domain_key(d)})
    if not handles and not domains:
        return {}
    actors = store.table("actors")
    suffix = actors.actor_id.split(":")[1].lower()
    cond: Any = ibis.literal(False)
    if handles:
        cond = cond | actors.handle.lower().isin(handles) | suffix.isin(handles)
    for domain in domains:
        cond = cond | (actors.actor_id.startswith("web:") & actors.actor_id.contains(domain))
    rows = store.to_arrow(actors.filter(cond).select("actor_id", "handle")).to_pylist()
    return owners(brands, [(r["actor_id"], r["handle"]) for r in rows])
