"""Brand names that are not aliases: the citations a share of voice may be missing.

A brand's ``name`` is its label; a document cites the brand through its
aliases, handles and domains only, so that a name that is a common word
("United", "Orange", "Free") does not count every document using the word.
A user who writes ``name = "Macron"`` and lists only "Emmanuel Macron" among
the aliases sees a fifth of the real citations (83 of the 416 tweets of the
E-FRA corpus that name him), with nothing to say why. :func:`name_gaps`
counts, for each brand whose name none of its aliases covers, the documents
that contain the name as a phrase and are not attributed to the brand, so
the share of voice can say so and the user decide. A gap is reported when it
is material: at least :data:`MATERIAL` of the documents attributed to the
brand (on the airline export, "American" in 32 documents beside the 2,800
citing @AmericanAir, 1 %, is not; "Macron" in 333 beside 83 is).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from influscope.config import Brand
from influscope.enrich.brands import attribution_expr
from influscope.enrich.terms import folded_words
from influscope.store.engine import Store

if TYPE_CHECKING:
    from influscope.store.lake_read import LakeStore


MATERIAL = 0.05


@dataclass(frozen=True)
class NameGap:
    """Documents naming a brand (its ``name`` as a phrase) not attributed to it, beside those that are."""

    brand: str
    documents: int
    cited: int


def covers(brand: Brand) -> bool:
    """Whether the brand's aliases match its name: the name is then counted already.

    An alias covers the name when it is the same phrase (case, accents aside)
    or a wildcard alias ("Macr*") whose stem starts the name's only word.

    >>> covers(Brand(name="Acme", aliases=["ACME", "Acme Industries"]))
    True
    >>> covers(Brand(name="United", aliases=["United Airlines"]))
    False
    >>> covers(Brand(name="Macron", aliases=["Macr*"]))
    True
    """
    name = folded_words(brand.name)
    if not name:  # nothing a phrase could match
        return True
    for alias in brand.aliases:
        if folded_words(alias) == name:
            return True
        stem = folded_words(alias.strip().rstrip("*"))
        if alias.strip().endswith("*") and len(stem) == len(name) and stem[:-1] == name[:-1]:
            if name[-1].startswith(stem[-1]):
                return True
    return False


def name_gaps(store: Store | LakeStore, brands: Sequence[Brand]) -> list[NameGap]:
    """For each brand whose name is no alias, the documents naming it but not attributed to it.

    Only material gaps are listed (:data:`MATERIAL`), in the order of the
    configuration. Every name is matched in one scan of the stored searchable
    forms, as brand attribution matches aliases (the name as a phrase), so
    ``sov`` pays one scan, not one per brand: 1.2 s for three names over 1M
    posts, one query each, became one.
    """
    uncovered = [b for b in brands if not covers(b)]
    if not uncovered:
        return []
    probes = [Brand(name=b.name, aliases=[b.name]) for b in uncovered]
    named, layout = attribution_expr(store, probes)
    flags = {brand: column for column, brand, via in layout if via == "alias"}
    if not flags:
        return []
    cited = store.table("document_brands")
    names = [b.name for b in uncovered]
    mine = cited.filter(cited.brand.isin(names))
    per_doc = mine.group_by(cited_id=mine.doc_id).aggregate(
        **{f"_c{i}": (mine.brand == name).any() for i, name in enumerate(names)}
    )
    joined = named.left_join(per_doc, named.doc_id == per_doc.cited_id)
    missing = joined.aggregate(
        **{
            f"_m{i}": (joined[flags[name]] & ~joined[f"_c{i}"].fill_null(False)).sum()
            for i, name in enumerate(names)
            if name in flags
        }
    )
    counts = store.to_arrow(missing).to_pylist()[0]
    attributed = store.to_arrow(
        mine.group_by("brand").aggregate(n=mine.doc_id.nunique())
    ).to_pylist()
    cited_by = {row["brand"]: int(row["n"]) for row in attributed}
    gaps: list[NameGap] = []
    for i, name in enumerate(names):
        count = int(counts.get(f"_m{i}") or 0)
        if count and count >= MATERIAL * cited_by.get(name, 0):
            gaps.append(NameGap(name, count, cited_by.get(name, 0)))
    return gaps
