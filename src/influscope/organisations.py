"""Which actor ids belong to a brand, and the one actor an organisation is shown as.

A brand's ``handles`` and ``domains`` are declared together in
``influscope.toml``: they are one organisation. ``@ardent_industrie`` on X,
``@ArdentIndustrie`` on YouTube and ``ardent-industrie.fr`` are the same
company, so an analysis that ranks actors (the journey) must count it once,
and one that labels stances must call all of them *owned* (or *competitor*).
This module is the single place that answers "does this actor id belong to
that brand"; it reads only the configuration, so every layer can use it.

Matching rules (the same as brand attribution's): a handle matches the actor
of that handle on any platform (``twitter:ardent_industrie``,
``mastodon:ardent_industrie@instance``; case-insensitive, ``@`` optional); a
domain matches ``web:<domain>`` and its subdomains (``web:blog.<domain>``).

The **representative** of a brand is the actor its rows are shown under: the
first declared handle that is a known actor (``known``), else the first
declared domain's ``web:`` actor, else the first known member.

Example:
    >>> from influscope.config import Brand
    >>> orgs = Organisations([Brand(name="Ardent", handles=["@ardent"], domains=["ardent.fr"])])
    >>> orgs.brand_of("web:blog.ardent.fr"), orgs.brand_of("twitter:ardent"), orgs.brand_of("web:x.fr")
    ('Ardent', 'Ardent', None)
    >>> orgs.representative("Ardent", ["web:ardent.fr", "twitter:ardent"])
    'twitter:ardent'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from influscope import ids
from influscope.config import Brand


def _domain_key(domain: str) -> str:
    return domain.strip().lower().removeprefix("www.").rstrip("/")


@dataclass(frozen=True)
class _Declared:
    name: str
    own: bool
    kind: str
    handles: tuple[str, ...]
    domains: tuple[str, ...]


class Organisations:
    """The brands of a workspace as organisations: membership and representative actor."""

    def __init__(self, brands: Sequence[Brand]) -> None:
        self._brands = [
            _Declared(
                name=b.name,
                own=b.own,
                kind=b.kind,
                handles=tuple(k for k in (ids.normalise_handle(h) for h in b.handles) if k),
                domains=tuple(k for k in (_domain_key(d) for d in b.domains) if k),
            )
            for b in brands
        ]
        self._handles: dict[str, str] = {}
        self._domains: dict[str, str] = {}
        for brand in self._brands:  # first declaration wins when two brands share one
            for handle in brand.handles:
                self._handles.setdefault(handle, brand.name)
            for domain in brand.domains:
                self._domains.setdefault(domain, brand.name)

    @property
    def names(self) -> list[str]:
        """The brand names, in declaration order."""
        return [b.name for b in self._brands]

    def brand_of(self, actor_id: str) -> str | None:
        """The brand an actor id belongs to (by its declared handles and domains), or None."""
        platform, handle = ids.split_id(actor_id)
        if not handle:
            return None
        if platform == ids.WEB:
            labels = handle.lower().split(".")
            for start in range(len(labels) - 1):
                found = self._domains.get(".".join(labels[start:]))
                if found is not None:
                    return found
            return None
        return self._handles.get(handle.split("@", 1)[0].lower())

    def kind_of(self, brand: str) -> str:
        """What a declared brand is (``company`` unless its ``kind`` says otherwise)."""
        return next((b.kind for b in self._brands if b.name == brand), "company")

    def is_owned(self, actor_id: str) -> bool:
        """Whether the actor belongs to one of the company's own brands (``own = true``)."""
        return self._own_flag(actor_id) is True

    def is_competitor(self, actor_id: str) -> bool:
        """Whether the actor belongs to a brand that is not the company's own."""
        return self._own_flag(actor_id) is False

    def _own_flag(self, actor_id: str) -> bool | None:
        name = self.brand_of(actor_id)
        if name is None:
            return None
        return next(b.own for b in self._brands if b.name == name)

    def members(self, actor_ids: Iterable[str]) -> dict[str, list[str]]:
        """Brand name -> the given actor ids belonging to it (sorted), for brands with any."""
        found: dict[str, list[str]] = {}
        for actor in actor_ids:
            name = self.brand_of(actor)
            if name is not None:
                found.setdefault(name, []).append(actor)
        return {name: sorted(set(members)) for name, members in found.items()}

    def representative(self, brand: str, known: Iterable[str]) -> str:
        """The actor id a brand's rows are shown under (see module doc)."""
        declared = next((b for b in self._brands if b.name == brand), None)
        if declared is None:
            raise KeyError(brand)
        mine = sorted({a for a in known if self.brand_of(a) == brand})
        for handle in declared.handles:
            for actor in mine:
                platform, rest = ids.split_id(actor)
                if platform != ids.WEB and rest.split("@", 1)[0].lower() == handle:
                    return actor
        site = ids.web_actor_id(declared.domains[0]) if declared.domains else None
        if site:
            return site
        if mine:
            return mine[0]
        raise KeyError(brand)

    def merge_map(self, actor_ids: Iterable[str]) -> dict[str, str]:
        """Actor id -> its organisation's representative, for every given id that belongs to a brand."""
        ids = list(actor_ids)
        mapping: dict[str, str] = {}
        for brand, members in self.members(ids).items():
            representative = self.representative(brand, ids)
            for actor in members:
                mapping[actor] = representative
        return mapping
