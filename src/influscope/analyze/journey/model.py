"""The journey model (parcours d'influence): an exact absorbing Markov chain.

The public enters an axis two ways: by **searching** (each query weighted by its
volume) or by **social exposure** (what the axis' audience reposts, replies to,
quotes and links to). From a query the walker clicks result slot *r* with the
position click-through probability; from a visited page or account it goes on,
with the continuation probability, to something it links to, cites or embeds,
and otherwise stops. Every visit is an *encounter* with the actor owning the
node (a site's ``web:<entity>``, or the social account a URL designates).

With ``P`` the transient-to-transient transition matrix and ``s`` the entry
distribution, the expected visits are ``x = s (I - P)^-1`` (the fundamental
matrix of the absorbing chain). An actor's **journey weight** is its share of
all encounters, so weights sum to 1 over actors. Nothing is sampled: small
chains are solved directly (SuperLU), larger ones by the Neumann series, whose
terms shrink by at least the continuation probability at each step, run to
machine precision.

Example:
    >>> import pyarrow as pa
    >>> graph = JourneyGraph(
    ...     demand=pa.table({"query": ["q"], "volume": [1.0]}),
    ...     slots=pa.table({"query": ["q"], "node": ["https://a/"], "prob": [0.5]}),
    ...     links=pa.table({"src": [], "dst": [], "weight": []}),
    ...     social=pa.table({"node": [], "weight": []}),
    ...     actors=pa.table({"node": ["https://a/"], "actor": ["web:a"]}),
    ... )
    >>> solve_journey(graph).actor_weights()
    {'web:a': 1.0}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp
from scipy.sparse.linalg import splu, spsolve

Vector = npt.NDArray[np.float64]
Index = npt.NDArray[np.int64]

# Published position CTR studies (ranks 1-10), and the share for any rank beyond.
DEFAULT_CTR = (0.28, 0.16, 0.11, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03, 0.02)
# How a link's share of the onward step was set: observed clicks, the share
# given to a link without observations on a page with some, or the even split.
LINK_STEPS = ("even", "observed", "unobserved")
DIRECT_SOLVE_MAX = 2_000  # LU fill-in explodes on web-like graphs; the series does not
SERIES_TOLERANCE = 1e-15


@dataclass(frozen=True)
class JourneyParams:
    """The model's knobs.

    Attributes:
        continuation: probability that a visit leads on to something the node links to.
        search_share: share of the public entering by search (the rest by social
            exposure); used only when both kinds of entry exist.
    """

    continuation: float = 0.35
    search_share: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.continuation < 1.0:
            raise ValueError("continuation must be in [0, 1)")
        if not 0.0 <= self.search_share <= 1.0:
            raise ValueError("search_share must be in [0, 1]")


@dataclass(frozen=True)
class JourneyGraph:
    """The chain's inputs as Arrow tables (node ids are strings, labels arbitrary).

    Attributes:
        demand: ``query, volume`` — the search entries.
        slots: ``query, node, prob`` — click probability of each result (CTR already applied).
        links: ``src, dst, weight`` — what a node leads on to (weights are relative);
            an optional ``step`` column names the rule that gave each weight
            (:data:`LINK_STEPS`), reported by the path explanations.
        social: ``node, weight`` — social exposure entries.
        actors: ``node, actor`` — who owns each node (nodes absent here are their own
            actor; a null actor means nobody is met there: link plumbing).
        cites: ``node, actor, weight`` — actors a node shows to its reader without a click
            (an embedded or quoted post): each visit is also an encounter with that actor,
            with probability ``weight`` (capped at 1). Optional.
    """

    demand: pa.Table
    slots: pa.Table
    links: pa.Table
    social: pa.Table
    actors: pa.Table
    cites: pa.Table | None = None


@dataclass
class JourneyResult:
    """A solved chain: states are queries first, then nodes."""

    queries: list[str]
    nodes: list[str]
    node_actor: Index
    actors: list[str]
    entry: Vector
    transition: Any  # scipy CSR matrix, states x states
    visits: Vector
    encounter: Any  # scipy CSC matrix, nodes x actors: encounters per visit
    params: JourneyParams
    link_steps: Any = None  # scipy CSR int8, states x states: 1 + index in LINK_STEPS
    _lu: Any = field(default=None, repr=False)

    @property
    def n_queries(self) -> int:
        """Number of query states (they come first)."""
        return len(self.queries)

    def node_visits(self) -> Vector:
        """Expected visits of each node (queries excluded)."""
        return self.visits[self.n_queries :]

    def actor_encounters(self) -> Vector:
        """Expected encounters per actor: its nodes' visits, plus visits of nodes citing it."""
        return np.asarray(self.encounter.T @ self.node_visits(), dtype=np.float64).reshape(-1)

    def actor_weight_vector(self) -> Vector:
        """Journey weight per actor, aligned with :attr:`actors` (sums to 1, or all 0)."""
        encounters = self.actor_encounters()
        total = float(encounters.sum())
        return encounters / total if total > 0 else encounters

    def actor_weights(self) -> dict[str, float]:
        """Journey weight per actor id (actors with weight > 0)."""
        weights = self.actor_weight_vector()
        return {self.actors[i]: float(w) for i, w in enumerate(weights) if w > 0}

    def node_weights(self) -> dict[str, float]:
        """Journey weight per node: its share of all encounters."""
        visits = self.node_visits()
        total = float(visits.sum())
        return {self.nodes[i]: float(v / total) for i, v in enumerate(visits) if v > 0}

    def reach_to(self, targets: Index) -> Vector:
        """Expected visits to ``targets`` (node indexes) starting from each state: ``(I-P)^-1 1_T``."""
        indicator = np.zeros(self.transition.shape[0])
        indicator[targets + self.n_queries] = 1.0
        return self._solve_columns(indicator)

    def encounters_of(self, actor: str) -> Vector:
        """Encounters with ``actor`` per visit of each state (0 for queries)."""
        vector = np.zeros(self.transition.shape[0])
        try:
            code = self.actors.index(actor)
        except ValueError:
            return vector
        vector[self.n_queries :] = self.encounter[:, code].toarray().ravel()
        return vector

    def reach_actor(self, actor: str) -> Vector:
        """Expected encounters with ``actor`` from each state on: ``(I-P)^-1 e_A``."""
        return self._solve_columns(self.encounters_of(actor))

    def _solve_columns(self, rhs: Vector) -> Vector:
        """Solve ``(I - P) y = rhs`` (expected visits weighted by ``rhs``)."""
        size = self.transition.shape[0]
        if size <= DIRECT_SOLVE_MAX:
            if self._lu is None:
                system = (sp.identity(size, format="csc") - self.transition).tocsc()
                self._lu = splu(system)
            return np.asarray(self._lu.solve(rhs), dtype=np.float64)
        return _neumann(self.transition, rhs)

    def link_step(self, src_state: int, dst_state: int) -> str | None:
        """The rule that set the step ``src -> dst`` (:data:`LINK_STEPS`), None if unrecorded."""
        if self.link_steps is None:
            return None
        code = int(self.link_steps[src_state, dst_state])
        return LINK_STEPS[code - 1] if code > 0 else None

    def node_index(self) -> dict[str, int]:
        """Node id -> node index (queries excluded)."""
        return {node: i for i, node in enumerate(self.nodes)}

    def actor_nodes(self, actor: str, citing: bool = False) -> Index:
        """Node indexes owned by an actor (with ``citing``: also those showing it); empty if unknown."""
        if citing:
            return np.flatnonzero(self.encounters_of(actor)[self.n_queries :] > 0).astype(np.int64)
        try:
            code = self.actors.index(actor)
        except ValueError:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.node_actor == code).astype(np.int64)


def solve_system(matrix: Any, rhs: Vector) -> Vector:
    """Solve ``(I - M) y = rhs`` for a substochastic ``M`` (direct when small, else series)."""
    size = matrix.shape[0]
    if size == 0:
        return np.zeros(0)
    if size <= DIRECT_SOLVE_MAX:
        system = (sp.identity(size, format="csr") - matrix).tocsc()
        return np.asarray(spsolve(system, rhs), dtype=np.float64).reshape(-1)
    return _neumann(matrix, rhs)


def _codes(columns: list[pa.ChunkedArray | pa.Array]) -> tuple[list[Index], pa.Array]:
    """Integer codes of string columns over one shared vocabulary (first appearance order).

    One Arrow dictionary-encode over the concatenation: no Python loop per value,
    which is what keeps a million nodes fast.
    """
    chunks: list[Any] = []
    for column in columns:
        chunks.extend(column.chunks if isinstance(column, pa.ChunkedArray) else [column])
    combined = pa.chunked_array(chunks, type=pa.string()).combine_chunks()
    encoded = pc.dictionary_encode(combined)
    indices = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    parts, offset = [], 0
    for column in columns:
        parts.append(indices[offset : offset + len(column)])
        offset += len(column)
    return parts, encoded.dictionary


def _floats(column: pa.ChunkedArray | pa.Array) -> Vector:
    return np.asarray(pc.fill_null(column, 0.0).to_numpy(zero_copy_only=False), dtype=np.float64)


def _strings(table: pa.Table, name: str) -> pa.ChunkedArray:
    return table.column(name).cast(pa.string())


def build_chain(graph: JourneyGraph, params: JourneyParams) -> JourneyResult:
    """Index the graph and build the entry vector and transition matrix (not solved)."""
    cites = graph.cites
    if cites is None:
        cites = pa.table(
            {"node": [], "actor": [], "weight": []},
            schema=pa.schema(
                [("node", pa.string()), ("actor", pa.string()), ("weight", pa.float64())]
            ),
        )
    (demand_q, slot_q), query_names = _codes(
        [_strings(graph.demand, "query"), _strings(graph.slots, "query")]
    )
    (slot_n, link_s, link_d, social_n, actor_n, cite_n), node_dict = _codes(
        [
            _strings(graph.slots, "node"),
            _strings(graph.links, "src"),
            _strings(graph.links, "dst"),
            _strings(graph.social, "node"),
            _strings(graph.actors, "node"),
            _strings(cites, "node"),
        ]
    )
    n_q, n_n = len(query_names), len(node_dict)
    size = n_q + n_n

    # Node -> actor: declared owner (last declaration wins; null: nobody), else the node itself.
    declared = np.full(n_n, -1, dtype=np.int64)
    declared[actor_n] = np.arange(len(actor_n))
    owner_names = pc.if_else(
        pa.array(declared >= 0),
        _strings(graph.actors, "actor").combine_chunks().take(pa.array(np.maximum(declared, 0)))
        if len(actor_n)
        else node_dict,
        node_dict,
    )
    met = np.asarray(pc.is_valid(owner_names).to_numpy(zero_copy_only=False), dtype=bool)
    (owner_met, cite_a), actor_dict = _codes(
        [owner_names.filter(pa.array(met)), _strings(cites, "actor")]
    )
    owner = np.full(n_n, -1, dtype=np.int64)
    owner[met] = owner_met
    n_a = len(actor_dict)
    cited = sp.csr_matrix(
        (np.maximum(_floats(cites.column("weight")), 0.0), (cite_n, cite_a)), shape=(n_n, n_a)
    )
    cited.sum_duplicates()
    cited.data = np.minimum(cited.data, 1.0)
    owned = sp.csr_matrix(
        (np.ones(int(met.sum())), (np.flatnonzero(met), owner_met)), shape=(n_n, n_a)
    )
    cited = cited - cited.multiply(owned)  # a node's own actor is met once per visit
    encounter = (owned + cited).tocsc()

    # Entries: search mass over queries that have results, social mass over nodes.
    volume = np.bincount(demand_q, weights=_floats(graph.demand.column("volume")), minlength=n_q)
    slot_p = _floats(graph.slots.column("prob"))
    has_results = np.bincount(slot_q, weights=slot_p, minlength=n_q) > 0
    volume = np.where(has_results, np.maximum(volume, 0.0), 0.0)
    if volume.sum() == 0 and has_results.any():
        volume = has_results.astype(np.float64)  # SERPs without demand: equal weight
    social = np.bincount(social_n, weights=_floats(graph.social.column("weight")), minlength=n_n)
    social = np.maximum(social, 0.0)
    share = params.search_share
    if volume.sum() == 0:
        share = 0.0
    elif social.sum() == 0:
        share = 1.0
    entry = np.zeros(size)
    if volume.sum() > 0:
        entry[:n_q] = share * volume / volume.sum()
    if social.sum() > 0:
        entry[n_q:] = (1.0 - share) * social / social.sum()

    # Query -> node: click probabilities (a query's slots sum to at most 1).
    clicks = sp.csr_matrix((slot_p, (slot_q, slot_n + n_q)), shape=(size, size))
    row_sums = np.asarray(clicks.sum(axis=1)).ravel()
    too_big = row_sums > 1.0
    if too_big.any():
        scale = np.where(too_big, 1.0 / np.where(too_big, row_sums, 1.0), 1.0)
        clicks = sp.diags(scale) @ clicks
    # Node -> node: continuation split in proportion to link weights; self-links dropped.
    link_w = np.maximum(_floats(graph.links.column("weight")), 0.0)
    keep = (link_s != link_d) & (link_w > 0)
    follow = sp.csr_matrix(
        (link_w[keep], (link_s[keep] + n_q, link_d[keep] + n_q)), shape=(size, size)
    )
    out = np.asarray(follow.sum(axis=1)).ravel()
    follow = sp.diags(np.where(out > 0, params.continuation / np.where(out > 0, out, 1.0), 0.0)) @ (
        follow
    )
    transition = (clicks + follow).tocsr()
    transition.sum_duplicates()
    steps = None
    if "step" in graph.links.column_names:
        names = graph.links.column("step").to_pylist()
        codes = np.array([LINK_STEPS.index(n) + 1 if n in LINK_STEPS else 0 for n in names])
        steps = sp.csr_matrix(
            (codes[keep].astype(np.int8), (link_s[keep] + n_q, link_d[keep] + n_q)),
            shape=(size, size),
        )
        steps.sum_duplicates()  # one row per (src, dst) link: nothing is actually summed
    return JourneyResult(
        queries=query_names.to_pylist(),
        nodes=node_dict.to_pylist(),
        node_actor=owner,
        actors=actor_dict.to_pylist(),
        entry=entry,
        transition=transition,
        visits=np.zeros(size),
        encounter=encounter,
        params=params,
        link_steps=steps,
    )


def _neumann(matrix: Any, start: Vector, transpose: bool = False) -> Vector:
    """Sum of ``start (P^T)^k`` (or ``P^k start``) until terms vanish: exact to machine precision."""
    operator = matrix.T.tocsr() if transpose else matrix
    total = start.copy()
    term = start
    scale = max(float(np.abs(start).sum()), 1e-300)
    for _ in range(100_000):
        term = operator @ term
        total += term
        if float(np.abs(term).sum()) <= SERIES_TOLERANCE * scale:
            break
    return np.asarray(total, dtype=np.float64)


def solve_journey(graph: JourneyGraph, params: JourneyParams | None = None) -> JourneyResult:
    """Build and solve the chain: expected visits of every state.

    Example: see the module docstring.
    """
    result = build_chain(graph, params or JourneyParams())
    size = result.transition.shape[0]
    if size == 0:
        return result
    if size <= DIRECT_SOLVE_MAX:
        system = (sp.identity(size, format="csr") - result.transition).T.tocsc()
        result.visits = np.asarray(spsolve(system, result.entry), dtype=np.float64).reshape(-1)
    else:
        result.visits = _neumann(result.transition, result.entry, transpose=True)
    return result
