"""Employee advocacy from the roster: who speaks, how far, in whose words, and the leaders.

For the employees of the roster (``influscope ingest roster``) and the
company's own accounts (the own brands' handles and domains,
:class:`~influscope.organisations.Organisations`):

- **participation** per period (month by default): the share of the roster
  that published at least once;
- **reach**: the employee's journey weight on the axis and audience
  (followers where the source gives them);
- **contribution to the axis's share of voice**: the share of the documents
  citing the company on the axis that its employees wrote;
- **originality**: each original post compared with the corporate posts
  (:mod:`.originality`): own words, or a copy; reposts are counted apart
  (amplification, neither);
- **leaders' presence**: the same figures for executives (roster department
  *Direction*/*Executive*/…, or a leadership title in the name or bio).

The leaderboard is pseudonymised unless asked otherwise (admins): an
employee is shown as a salted hash of their id, stable within the workspace
and meaningless outside it, the way pseudonymised exports are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import ibis
import pyarrow as pa

from influscope.analyze.advocacy.originality import Closest, Post, closest_corporate
from influscope.config import Axis, Config
from influscope.enrich.axis_filter import matching
from influscope.organisations import Organisations
from influscope.store.engine import Store
from influscope.store.privacy import actor_hash, salt

Period = Literal["week", "month", "quarter"]
EXECUTIVE_DEPARTMENTS = frozenset(
    {"direction", "executive", "executives", "board", "comex", "codir", "direction générale"}
)
EXECUTIVE_TITLE = re.compile(
    r"(?<!\w)(?:ceo|cfo|coo|cto|chief \w+ officer|président(?:e)?|president|"
    r"direct(?:eur|rice) général(?:e)?|dg|pdg|vice[- ]président(?:e)?|vp|managing director)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EmployeePost:
    """One employee document and what it is: ``own``, ``copy`` or ``repost``."""

    doc_id: str
    actor_id: str
    at: datetime | None
    kind: str
    source: str | None
    similarity: float


@dataclass
class EmployeeStats:
    """One employee's figures (the leaderboard row before pseudonymisation)."""

    actor_id: str
    name: str | None
    department: str | None
    executive: bool
    documents: int = 0
    own_words: int = 0
    copies: int = 0
    reposts: int = 0
    axis_documents: int = 0
    axis_brand_documents: int = 0
    journey_weight: float = 0.0
    followers: int | None = None

    @property
    def originality(self) -> float | None:
        """Own words over own words + copies (None when it wrote nothing of its own)."""
        written = self.own_words + self.copies
        return round(self.own_words / written, 4) if written else None


@dataclass(frozen=True)
class Participation:
    """One period of the programme: employees and executives who published at least once."""

    period: str
    active: int
    participation: float
    executives_active: int
    executives: int


@dataclass(frozen=True)
class LeaderRow:
    """One leaderboard row; ``actor_id``/``name`` are None and ``pseudonym`` set when pseudonymised."""

    rank: int
    actor_id: str | None
    name: str | None
    pseudonym: str | None
    department: str | None
    executive: bool
    documents: int
    own_words: int
    copies: int
    reposts: int
    originality: float | None
    axis_documents: int
    axis_brand_documents: int
    journey_weight: float
    followers: int | None


@dataclass
class Advocacy:
    """The programme's figures on an axis (or all documents)."""

    axis: str | None
    roster: int
    employees: list[EmployeeStats]
    posts: list[EmployeePost]
    participation: list[Participation] = field(default_factory=list)
    brand_documents: int = 0
    employee_brand_documents: int = 0

    @property
    def sov_contribution(self) -> float | None:
        """Share of the company's citations on the axis written by its employees.

        None without a roster (nobody is known to be an employee: not 0 %) or
        without a citation of the company.
        """
        if not self.roster or not self.brand_documents:
            return None
        return round(self.employee_brand_documents / self.brand_documents, 4)


def is_executive(department: str | None, name: str | None, bio: str | None) -> bool:
    """A leader: an executive department on the roster, or a leadership title."""
    if department and department.strip().lower() in EXECUTIVE_DEPARTMENTS:
        return True
    return any(EXECUTIVE_TITLE.search(text or "") for text in (name, bio))


def _roster(store: Store) -> list[dict[str, Any]]:
    roster = store.table("roster")
    actors = store.table("actors").select("actor_id", "bio", "followers", actor_name="name")
    joined = roster.left_join(actors, "actor_id").select(
        "actor_id", "name", "department", "bio", "followers"
    )
    return list(store.to_arrow(joined.order_by("actor_id")).to_pylist())


def _documents(store: Store, authors: list[str]) -> list[dict[str, Any]]:
    if not authors:
        return []
    docs = store.table("documents")
    mine = docs.filter(docs.author_id.isin(authors)).select(
        "doc_id", "author_id", "published_at", "text", "repost_of"
    )
    return list(store.to_arrow(mine.order_by(["published_at", "doc_id"])).to_pylist())


def _owned_actors(store: Store, config: Config) -> list[str]:
    orgs = Organisations(config.brands)
    ids = store.to_arrow(store.table("actors").select("actor_id")).column(0).to_pylist()
    return sorted(a for a in ids if orgs.is_owned(a))


def _axis_sets(
    store: Store, config: Config, axis: Axis | None, doc_ids: list[str]
) -> tuple[set[str], set[str], int]:
    """The employees' axis documents, those citing an own brand, and the axis' brand count.

    Of ``doc_ids`` (the employees' documents): those on the axis, and those
    of them citing an own brand; plus how many of all the axis' documents
    cite an own brand. The axis may hold millions of documents: the engine answers with the
    employees' few and one count, never the axis' ids.
    """
    docs = store.table("documents")
    scoped = matching(store, axis.query, docs) if axis else docs
    scoped = scoped.select("doc_id")
    own = [b.name for b in config.brands if b.own]
    cites = store.table("document_brands")
    citing = cites.filter(cites.brand.isin(own)).select("doc_id").distinct()
    citing = citing.semi_join(scoped, citing.doc_id == scoped.doc_id)
    brand_documents = int(store.to_arrow(citing.aggregate(n=citing.count()))["n"][0].as_py())
    if not doc_ids:
        return set(), set(), brand_documents
    wanted = ibis.memtable(pa.table({"doc_id": pa.array(sorted(set(doc_ids)), pa.string())}))
    mine = scoped.semi_join(wanted, scoped.doc_id == wanted.doc_id)
    cited = citing.semi_join(wanted, citing.doc_id == wanted.doc_id)
    on_axis = set(store.to_arrow(mine).column("doc_id").to_pylist())
    return on_axis, set(store.to_arrow(cited).column("doc_id").to_pylist()), brand_documents


def _journey(store: Store, axis: Axis | None) -> dict[str, float]:
    table = store.table("journey_weights")
    rows = store.to_arrow(
        table.filter((table.axis == (axis.name if axis else "")) & (table.level == "actor")).select(
            "actor_id", "weight"
        )
    ).to_pylist()
    return {r["actor_id"]: float(r["weight"]) for r in rows if r["actor_id"]}


def classify_posts(
    docs: list[dict[str, Any]], corporate: list[dict[str, Any]]
) -> list[EmployeePost]:
    """Each employee document as a repost, a copy of a corporate post, or own words."""
    written = [d for d in docs if not d["repost_of"]]
    found: dict[str, Closest] = {
        c.doc_id: c
        for c in closest_corporate(
            [Post(d["doc_id"], d["published_at"], d["text"] or "") for d in written],
            [Post(c["doc_id"], c["published_at"], c["text"] or "") for c in corporate],
        )
    }
    out = []
    for d in docs:
        if d["repost_of"]:
            out.append(
                EmployeePost(
                    d["doc_id"], d["author_id"], d["published_at"], "repost", d["repost_of"], 1.0
                )
            )
            continue
        near = found[d["doc_id"]]
        kind = "copy" if near.copy else "own"
        out.append(
            EmployeePost(
                d["doc_id"], d["author_id"], d["published_at"], kind, near.source, near.similarity
            )
        )
    return out


def compute_advocacy(
    store: Store, config: Config, axis: Axis | None = None, period: str = "month"
) -> Advocacy:
    """The advocacy figures of the roster on an axis (all documents without one)."""
    roster = _roster(store)
    ids = [r["actor_id"] for r in roster]
    corporate = _documents(store, _owned_actors(store, config))
    docs = _documents(store, ids)
    posts = classify_posts(docs, [c for c in corporate if not c["repost_of"]])
    on_axis, citing, brand_documents = _axis_sets(store, config, axis, [d["doc_id"] for d in docs])
    journey = _journey(store, axis)
    stats = {
        r["actor_id"]: EmployeeStats(
            r["actor_id"],
            r["name"],
            r["department"],
            is_executive(r["department"], r["name"], r["bio"]),
            journey_weight=journey.get(r["actor_id"], 0.0),
            followers=r["followers"],
        )
        for r in roster
    }
    for post in posts:
        s = stats[post.actor_id]
        s.documents += 1
        if post.kind == "own":
            s.own_words += 1
        elif post.kind == "copy":
            s.copies += 1
        else:
            s.reposts += 1
        if post.doc_id in on_axis:
            s.axis_documents += 1
            s.axis_brand_documents += post.doc_id in citing
    return Advocacy(
        axis=axis.name if axis else None,
        roster=len(roster),
        employees=list(stats.values()),
        posts=posts,
        participation=participation(posts, stats, period),
        brand_documents=brand_documents,
        employee_brand_documents=sum(s.axis_brand_documents for s in stats.values()),
    )


def _period(at: datetime, period: str) -> str:
    if period == "week":
        year, week, _ = at.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "quarter":
        return f"{at.year}-Q{(at.month - 1) // 3 + 1}"
    return f"{at.year}-{at.month:02d}"


def participation(
    posts: list[EmployeePost], stats: dict[str, EmployeeStats], period: str = "month"
) -> list[Participation]:
    """Per period: employees and executives active, as counts and shares of the roster."""
    active: dict[str, set[str]] = defaultdict(set)
    for post in posts:
        if post.at is not None:
            active[_period(post.at, period)].add(post.actor_id)
    total = len(stats)
    leaders = {a for a, s in stats.items() if s.executive}
    return [
        Participation(
            period=key,
            active=len(active[key]),
            participation=round(len(active[key]) / total, 4) if total else 0.0,
            executives_active=len(active[key] & leaders),
            executives=len(leaders),
        )
        for key in sorted(active)
    ]


def leaderboard(
    store: Store, advocacy: Advocacy, pseudonymise: bool = True, limit: int | None = None
) -> list[LeaderRow]:
    """Employees ranked by their on-axis citations of the company, own words, then reach.

    With ``pseudonymise`` (the default; admins may turn it off), ids and names
    become a salted hash of the id, stable within this workspace.
    """
    ranked = sorted(
        advocacy.employees,
        key=lambda s: (-s.axis_brand_documents, -s.own_words, -s.journey_weight, s.actor_id),
    )
    key = salt(store.con) if pseudonymise else ""
    return [
        LeaderRow(
            rank=rank,
            actor_id=None if pseudonymise else s.actor_id,
            name=None if pseudonymise else s.name,
            pseudonym="emp-" + actor_hash(key, s.actor_id)[:10] if pseudonymise else None,
            department=s.department,
            executive=s.executive,
            documents=s.documents,
            own_words=s.own_words,
            copies=s.copies,
            reposts=s.reposts,
            originality=s.originality,
            axis_documents=s.axis_documents,
            axis_brand_documents=s.axis_brand_documents,
            journey_weight=s.journey_weight,
            followers=s.followers,
        )
        for rank, s in enumerate(ranked[:limit] if limit else ranked, start=1)
    ]


@dataclass(frozen=True)
class AdvocacyReport:
    """The employee programme on an axis: totals, participation per period, the leaderboard."""

    axis: str | None
    period: Period
    roster: int
    sov_contribution: float | None
    brand_documents: int
    employee_brand_documents: int
    own_words: int
    copies: int
    reposts: int
    originality: float | None
    executives: int
    executive_documents: int
    participation: list[Participation]
    leaderboard: list[LeaderRow]
    pseudonymised: bool


def advocacy_report(
    store: Store, config: Config, axis: Axis | None, period: Period, names: bool = False
) -> AdvocacyReport:
    """The programme's totals, participation and leaderboard (pseudonymised unless ``names``)."""
    result = compute_advocacy(store, config, axis, period)
    own = sum(s.own_words for s in result.employees)
    copies = sum(s.copies for s in result.employees)
    leaders = [s for s in result.employees if s.executive]
    return AdvocacyReport(
        axis=axis.name if axis else None,
        period=period,
        roster=result.roster,
        sov_contribution=result.sov_contribution,
        brand_documents=result.brand_documents,
        employee_brand_documents=result.employee_brand_documents,
        own_words=own,
        copies=copies,
        reposts=sum(s.reposts for s in result.employees),
        originality=round(own / (own + copies), 4) if own + copies else None,
        executives=len(leaders),
        executive_documents=sum(s.documents for s in leaders),
        participation=result.participation,
        leaderboard=leaderboard(store, result, pseudonymise=not names),
        pseudonymised=not names,
    )
