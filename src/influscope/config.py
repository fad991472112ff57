"""The schema of ``influscope.toml``: every setting a user can make, validated once.

Each section is a pydantic model, so the same declaration checks the file, feeds
CLI defaults and API schemas, and documents itself. Unknown keys are errors:
a misspelt key silently ignored is the worst kind of configuration bug.
Environment variables ``INFLUSCOPE_<SECTION>__<KEY>`` override scalar settings
of the ``[workspace]`` section (for containers and CI).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from influscope.errors import N_, ConfigError
from influscope.model.canonical import ACTOR_KINDS

CONFIG_FILE = "influscope.toml"
DATABASE_FILE = "influscope.duckdb"
# The workspace folder when none is given (-w/--workspace wins, then this, then the current one).
ENV_VAR = "INFLUSCOPE_WORKSPACE"


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The workspace folder: the argument, else $INFLUSCOPE_WORKSPACE, else the current folder."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path.cwd()


class Section(BaseModel):
    """Base of every config section: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")


class WorkspaceSettings(Section):
    """Workspace-wide settings."""

    name: str = "influscope"
    language: Literal["en", "fr"] = "en"
    timezone: str = "UTC"
    simulated: bool = False
    retention_days: int | None = Field(
        default=None, ge=1, description="Drop documents older than this many days (None: keep)."
    )


# What a brand may be (the actor kinds but employee, citizen and unknown).
BRAND_KINDS = tuple(k for k in ACTOR_KINDS if k not in ("employee", "citizen", "unknown"))
HANDLE_ALIAS = re.compile(r"@[\w.-]+")  # an alias that is an account ("@acme"), not a phrase


class Brand(Section):
    """A company or competitor whose citations are counted."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    exclude: str | None = None
    own: bool = False
    kind: str = Field(
        default="company",
        description="What the brand is: its own accounts are actors of this kind.",
    )

    @field_validator("kind")
    @classmethod
    def _kind_of_an_organisation_or_a_person(cls, value: str) -> str:
        """A brand is a company by default; a politician, a media, an NGO… is one too.

        On the E-FRA election tweets the brands are two candidates, whose own
        accounts were typed ``company``. An employee or a citizen is no brand.
        """
        if value not in BRAND_KINDS:
            raise ValueError(f"kind {value!r} is not one of {', '.join(BRAND_KINDS)}")
        return value

    @field_validator("handles")
    @classmethod
    def _handles_start_with_at(cls, value: list[str]) -> list[str]:
        for handle in value:
            if not handle.startswith("@"):
                raise ValueError(f"handle {handle!r} must start with '@' (e.g. '@united')")
        return value

    @model_validator(mode="after")
    def _at_aliases_are_handles(self) -> Brand:
        """An alias written "@name" is the brand's account: it is one of its handles too.

        Listed only as an alias, the account cited the brand but was not the
        brand's own: on the E-FRA tweets, with "@EmmanuelMacron" among Macron's
        aliases, his own account was mapped as a detractor of his own brand.
        """
        known = {handle.lower() for handle in self.handles}
        extra = [a.strip() for a in self.aliases if HANDLE_ALIAS.fullmatch(a.strip())]
        missing = [a for a in dict.fromkeys(extra) if a.lower() not in known]
        if missing:
            self.handles = [*self.handles, *missing]
        return self


class Axis(Section):
    """A topic the company wants to be the reference on, defined by a boolean query."""

    name: str
    query: str
    label: str | None = None
    competitors: list[str] = Field(default_factory=list)
    crisis_queries: list[str] = Field(default_factory=list)


class Source(Section):
    """A live source run by the watch loop (connector name plus its options)."""

    name: str
    connector: str
    every: str = "15m"
    enabled: bool = True
    options: dict[str, Any] = Field(default_factory=dict)


class AlertRule(Section):
    """An alert rule: a detector applied to a scope, with its thresholds."""

    name: str
    detector: str
    axis: str | None = None
    brand: str | None = None
    query: str | None = None
    severity: Literal["info", "warning", "critical"] = "warning"
    cooldown: str = "1h"
    options: dict[str, Any] = Field(default_factory=dict)


class Channel(Section):
    """Where alerts are delivered (webhook, email, stdout)."""

    name: str
    kind: Literal["webhook", "email", "stdout"]
    options: dict[str, Any] = Field(default_factory=dict)


class ScheduledReport(Section):
    """A report or an alert digest that the watch process writes on a schedule (``[[reports]]``).

    ``every`` day, week (on ``weekday``) or month (on its first day), at
    ``at`` (UTC), the file is written to ``folder`` in the workspace and sent
    to ``channels`` (names of ``[[channels]]``: e-mail attaches it, a webhook
    gets its summary). A report covers the ``period`` that just ended
    (``previous``: yesterday, last ISO week, last month), the one under way
    (``current``) or all the data (``all``); a digest lists the alerts fired
    since the previous slot.
    """

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    kind: Literal["report", "digest"] = "report"
    every: Literal["daily", "weekly", "monthly"] = "weekly"
    at: str = Field(default="07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    weekday: Literal[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ] = "monday"
    axis: str | None = None
    period: Literal["previous", "current", "all"] = "previous"
    format: Literal["html", "pdf", "pptx"] = "pdf"
    lang: Literal["en", "fr"] | None = None
    channels: list[str] = Field(default_factory=list)
    folder: str = "reports"
    enabled: bool = True


class SameActor(Section):
    """Accounts that belong to one person or organisation, merged in the graph."""

    name: str
    ids: list[str]


class ActorsSettings(Section):
    """How actors are merged and typed."""

    same: list[SameActor] = Field(default_factory=list)
    media_domains: list[str] = Field(default_factory=list)
    ngo_domains: list[str] = Field(default_factory=list)
    institution_domains: list[str] = Field(default_factory=list)
    company_domains: list[str] = Field(default_factory=list)
    kind_patterns: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Extra regular expressions per actor kind, matched in bios and names.",
    )


class EnrichSettings(Section):
    """Enrichment options (language, sentiment, NER, learned classifiers)."""

    skip: list[str] = Field(
        default_factory=list, description="Enrichers a plain 'influscope enrich' leaves out."
    )
    batch_size: int = Field(default=50_000, ge=100, description="Documents per batch and commit.")
    sentiment_threshold: float = Field(
        default=0.05, gt=0, lt=1, description="Compound score beyond which a post is +/-."
    )
    sentiment_adapt: bool = Field(
        default=True,
        description="Adapt the lexicon to the workspace's own documents (self-training, no labels).",
    )
    sentiment_french_lists: bool = Field(
        default=False,
        description=(
            "Also read the imported French lists (textblob-fr, vaderSentiment-fr) in posts with "
            "a sentiment cue of their own: better on French opinion tweets, but more factual "
            "French news read as positive."
        ),
    )
    sentiment_model: str | None = Field(
        default=None,
        description="A Hugging Face model name or folder for sentiment (needs the transformers extra).",
    )
    transformers_batch_size: int = Field(default=32, ge=1)
    entities: bool = Field(
        default=False,
        description="Run the spaCy entity enricher in every enrich (slower; else only with --only).",
    )
    entity_models: dict[str, str] = Field(
        default_factory=lambda: {"fr": "fr_core_news_sm", "en": "en_core_web_sm"},
        description="spaCy pipeline per language for named organisations and people.",
    )
    theme_clusters: int | None = Field(
        default=None, ge=1, description="Sub-conversations per axis (default: from its size)."
    )


# Links to a social profile or post resolve to the platform's domain as a web
# entity; as a map node it would be a hub linking every camp. Share buttons do
# the same with the platform's account.
PLATFORM_ENTITIES = (
    "web:twitter.com",
    "web:x.com",
    "web:t.co",
    "web:facebook.com",
    "web:instagram.com",
    "web:youtube.com",
    "web:youtu.be",
    "web:linkedin.com",
    "web:tiktok.com",
    "web:bsky.app",
    "web:reddit.com",
    "web:mastodon.social",
    "web:threads.net",
    # Accounts that share buttons and apps write into posts ("… via @YouTube",
    # "J'aime une vidéo @YouTube"): six such mentions made @YouTube a central
    # actor of the 424 tweets of the E-FRA election corpus.
    "twitter:youtube",
    "twitter:dailymotion",
    "twitter:sharethis",
    "twitter:addthis",
)


def _default_edge_weights() -> dict[str, float]:
    return {"repost": 1.0, "quote": 0.8, "reply": 0.3, "mention": 0.2, "link": 1.0, "cite": 0.8}


def _default_propagation_weights() -> dict[str, float]:
    # Reposts carry camp membership far better than mentions (DESIGN.md §6).
    return {"repost": 1.0, "quote": 0.5, "reply": 0.1, "mention": 0.05, "link": 1.0, "cite": 0.5}


CONVERSATION_WEIGHT = 0.01


def _default_coarse_weights() -> dict[str, float]:
    # The camps of a debate show in who endorses whom: reposts, quotes, links and
    # citations form the endorsement layer. Replies and mentions are often
    # conversation or conflict (politicians mention their opponents), so they
    # form a lighter layer that only places actors with no endorsement tie;
    # the weight was chosen by leave-one-network-out cross-validation
    # (docs/cartography.md, bench/map_kinds.py).
    return {
        "repost": 1.0,
        "quote": 1.0,
        "link": 1.0,
        "cite": 1.0,
        "reply": CONVERSATION_WEIGHT,
        "mention": CONVERSATION_WEIGHT,
    }


class MapSettings(Section):
    """Cartography options (edge weights, resolutions, stance propagation, roles, layout)."""

    edge_weights: dict[str, float] = Field(default_factory=_default_edge_weights)
    propagation_weights: dict[str, float] = Field(default_factory=_default_propagation_weights)
    coarse_weights: dict[str, float] = Field(
        default_factory=_default_coarse_weights,
        description="Weight of each interaction kind in the coarse level (the camps).",
    )
    coarse_resolution: float | Literal["auto"] = "auto"
    fine_resolution: float = Field(default=1.0, gt=0)
    seed: int = 42
    min_degree: float = Field(default=0.0, ge=0, description="Drop actors weaker than this.")
    imported_edges_on_axis: bool = True
    propagation_alpha: float = Field(default=0.95, gt=0, lt=1)
    text_min_documents: int = Field(
        default=1, ge=1, description="Citing documents an actor needs for a text stance."
    )
    bridge_participation: float = Field(default=0.4, ge=0, le=1)
    bridge_min_degree: float = Field(default=4.0, ge=0)
    untapped_top_share: float = Field(default=0.05, gt=0, le=1)
    hotspot_growth: float = Field(
        default=0.2, description="Relative growth that counts as growing."
    )
    hotspot_negative_share: float = Field(default=0.4, ge=0, le=1)
    hotspot_brand_closeness: float = Field(default=0.05, ge=0, le=1)
    tier_followers: dict[str, int] = Field(
        default_factory=lambda: {"mainstream": 1_000_000, "macro": 100_000, "micro": 10_000}
    )
    layout_iterations: int = Field(default=60, ge=0)
    exclude_actors: list[str] = Field(
        default_factory=lambda: list(PLATFORM_ENTITIES),
        description=(
            "Actors left out of maps (by default the platforms' own web entities and the "
            "accounts share buttons mention)."
        ),
    )


class CrawlSettings(Section):
    """Crawler politeness and safety limits."""

    user_agent: str = "influscope-crawler/0.1 (+https://github.com/influscope)"
    delay: float = Field(default=1.0, ge=0, description="Seconds between requests to one host.")
    timeout: float = Field(default=15.0, gt=0, description="Seconds per request (connect+read).")
    max_bytes: int = Field(
        default=5_000_000, ge=1024, description="Abort a response past this size."
    )
    max_redirects: int = Field(default=5, ge=0)
    depth: int = Field(default=1, ge=0, description="Default link depth from the seeds.")
    max_pages: int = Field(default=200, ge=1, description="Default pages fetched per crawl.")


# Where an observed journey can start from outside the site (transitions import).
ObservedEntry = Literal["search", "external", "internal", "direct", "other"]


class JourneySettings(Section):
    """Influence-journey options (CTR curve, continuation probability, crawler)."""

    ctr: list[float] = Field(
        default_factory=lambda: [0.28, 0.16, 0.11, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03, 0.02],
        description="Click probability of result ranks 1, 2, 3… (published position-CTR studies).",
    )
    ctr_beyond: float = Field(
        default=0.01, ge=0, le=1, description="Click probability of each rank past the list."
    )
    continuation: float = Field(
        default=0.35, ge=0, lt=1, description="Probability that a visit leads on to a link."
    )
    search_share: float = Field(
        default=0.5, ge=0, le=1, description="Share of the public entering by search vs social."
    )
    embed_encounter: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Probability that a reader of a page meets the author of a post it embeds/quotes.",
    )
    social_kinds: list[str] = Field(
        default_factory=lambda: ["repost", "reply", "quote", "link"],
        description="Interactions of the axis' audience that count as social exposure.",
    )
    infrastructure_actors: list[Literal["search", "social", "cdn"]] = Field(
        default_factory=list,
        description="Infrastructure hosts counted as actors anyway: search engines' own pages, "
        "social platforms' non-account pages, CDN/web plumbing (default: none; shorteners never).",
    )
    observed_clicks: bool = Field(
        default=True,
        description="Follow observed transitions ('ingest transitions') in the link step "
        "instead of splitting a page's onward step evenly over its links.",
    )
    unobserved_link_share: float = Field(
        default=0.1,
        ge=0,
        description="On a page with observed clicks, a link without observations weighs this "
        "fraction of the page's smallest observed count (chosen by leave-one-dataset-out "
        "on the Wikipedia clickstream samples, docs/journey.md).",
    )
    observed_entries: list[ObservedEntry] = Field(
        default_factory=lambda: list[ObservedEntry](["search", "external"]),
        description="Observed entries from outside ('other-search'…) that start journeys: "
        "search ones with the search entries, the others with social exposure.",
    )
    top_paths: int = Field(default=10, ge=1, description="Paths kept per actor by 'explain'.")
    explained_actors: int = Field(
        default=50, ge=0, description="Actors (by weight) whose top queries and paths are stored."
    )
    forum_domains: list[str] = Field(
        default_factory=lambda: [
            "reddit.com",
            "quora.com",
            "stackexchange.com",
            "stackoverflow.com",
        ],
        description="Sites counted as forums in 'journey queries'.",
    )
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)

    @field_validator("ctr")
    @classmethod
    def _probabilities(cls, value: list[float]) -> list[float]:
        if any(not 0 <= p <= 1 for p in value) or sum(value) > 1:
            raise ValueError("each CTR must be in [0, 1] and their sum at most 1")
        return value


class Person(Section):
    """Someone on the on-call rota and the channels that reach them."""

    name: str
    channels: list[str] = Field(default_factory=list)
    email: str | None = None


class Shift(Section):
    """When a person is first on call (days "mon".."sun", times "HH:MM" UTC; end may wrap)."""

    person: str
    days: list[str] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    )
    start: str = "00:00"
    end: str = "24:00"


class WatchSettings(Section):
    """Watch-loop options (push endpoint, on-call rota, quiet hours)."""

    tick: float = Field(default=1.0, gt=0, description="Seconds between alert evaluations.")
    catch_up: str = "3d"
    escalate_after: str = "15m"
    quiet_hours: str | None = Field(
        default=None, description='"22:00-07:00": only critical alerts are sent then (UTC).'
    )
    people: list[Person] = Field(default_factory=list)
    shifts: list[Shift] = Field(default_factory=list)


class ServerSettings(Section):
    """REST API and dashboard options."""

    host: str = Field(default="127.0.0.1", description="Address 'influscope serve' listens on.")
    port: int = Field(
        default=8000, ge=1, le=65535, description="Port 'influscope serve' listens on."
    )
    secure_cookies: bool = Field(
        default=False,
        description="Mark cookies Secure even over plain HTTP (behind a TLS-terminating proxy).",
    )
    session_hours: int = Field(
        default=12, ge=1, le=24 * 30, description="Browser session lifetime."
    )
    watch: bool = Field(
        default=False,
        description="Also run the watch loop in 'influscope serve' (like 'serve --watch').",
    )
    request_seconds: float = Field(
        default=1.5,
        gt=0,
        le=600,
        description=(
            "A request's queries are cut after this long (heavy work runs as a job). "
            "Below 2 s so that stopping the query and answering fit in the 2 s promised "
            "to the other users of the server."
        ),
    )
    job_wait_seconds: float = Field(
        default=0.25,
        ge=0,
        le=600,
        description="How long a request waits for a job it started before answering 202.",
    )
    token_days: int = Field(
        default=90, ge=1, le=3650, description="API tokens expire after this many days."
    )
    login_attempts: int = Field(
        default=10,
        ge=1,
        le=1000,
        description="Failed logins per name or address before a lockout (429).",
    )
    lockout_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="How long a lockout lasts."
    )


class StoreSettings(Section):
    """Where posts are kept and which engine analyses them (docs/scale.md)."""

    engine: Literal["duckdb", "spark"] = Field(
        default="duckdb",
        description="Engine of the heavy analyses: duckdb (one machine) or spark (a cluster; "
        "reads the lake). Overridden by 'influscope --engine'.",
    )
    lake: str | None = Field(
        default=None,
        description="A Parquet lake (folder relative to the workspace, or an s3://, gs:// URI): "
        "imports write posts there, and the heavy analyses read it.",
    )
    spark_master: str | None = Field(
        default=None,
        description="Spark master URL (default local[2], or $INFLUSCOPE_SPARK_MASTER; "
        "spark-submit's own session when run under it).",
    )
    memory_limit: str | None = Field(
        default=None,
        pattern=r"^[0-9]+(\.[0-9]+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        description="Most memory DuckDB may use for the store, e.g. '8GB' (default: DuckDB's, "
        "80% of the machine's RAM); beyond it, big imports and joins spill to disk. Set it on a "
        "machine shared with other work (docs/scale.md).",
    )


class Config(Section):
    """The whole of ``influscope.toml``."""

    workspace: WorkspaceSettings = Field(default_factory=WorkspaceSettings)
    brands: list[Brand] = Field(default_factory=list)
    axes: list[Axis] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    alerts: list[AlertRule] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    reports: list[ScheduledReport] = Field(default_factory=list)
    actors: ActorsSettings = Field(default_factory=ActorsSettings)
    enrich: EnrichSettings = Field(default_factory=EnrichSettings)
    map: MapSettings = Field(default_factory=MapSettings)
    journey: JourneySettings = Field(default_factory=JourneySettings)
    watch: WatchSettings = Field(default_factory=WatchSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)

    def axis(self, name: str) -> Axis:
        """The axis called ``name``; raises a ConfigError listing the known ones."""
        for axis in self.axes:
            if axis.name == name:
                return axis
        hint = (
            N_("Known axes: {known}.")
            if self.axes
            else N_("None is defined yet: add an [[axes]] table to {file}.")
        )
        known = ", ".join(a.name for a in self.axes)
        raise ConfigError(
            N_("No axis named {name} in {file}."),
            hint,
            name=repr(name),
            file=CONFIG_FILE,
            known=known,
        )


def load_config(path: Path) -> Config:
    """Read and validate a config file, naming file, line and key on error.

    Example:
        >>> load_config(Path("influscope.toml"))  # doctest: +SKIP
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            N_("{path}: no such file."),
            N_("Run 'influscope init DIR' to create a workspace."),
            path=str(path),
        ) from exc
    return parse_config(text, str(path))


def parse_config(text: str, filename: str = CONFIG_FILE) -> Config:
    """Validate TOML text as a :class:`Config` (the file name is used in messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            N_("{file}: invalid TOML: {reason}."),
            N_("Check quotes, brackets and that each key appears once per table."),
            file=filename,
            reason=str(exc),
        ) from exc
    _apply_env_overrides(data)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line = locate_key(text, loc)
        where = f"{filename}:{line}" if line else filename
        key = ".".join(str(part) for part in loc)
        hint = _hint_for(first)
        raise ConfigError(
            N_("{where}: key '{key}': {reason}."), hint, where=where, key=key, reason=first["msg"]
        ) from exc


def _hint_for(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return N_(
            "This key is not a setting; "
            "check its spelling against the template from 'influscope init'."
        )
    if kind == "missing":
        return N_("Add this key; every entry of this table needs it.")
    return N_(
        "Fix the value; the commented template written by 'influscope init' shows valid examples."
    )


def locate_key(text: str, loc: tuple[Any, ...]) -> int | None:
    """Find the line of a key path like ``("brands", 1, "handles")`` in TOML text.

    tomllib gives no positions, so this walks the table headers: it is exact for
    the layouts ``influscope init`` writes, and returns None when unsure.
    """
    lines = text.splitlines()
    strings = [str(p) for p in loc if not isinstance(p, int)]
    indexes = [p for p in loc if isinstance(p, int)]
    if not strings:
        return None
    table, leaf = strings[0], strings[-1]
    wanted = indexes[0] if indexes else 0
    seen = -1
    start = None
    header = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")
    for number, line in enumerate(lines, start=1):
        match = header.match(line)
        if match and match.group(1) == table:
            seen += 1
            if seen == wanted:
                start = number
                if len(strings) == 1:
                    return number
                continue
        if start is not None:
            if match:
                break
            if re.match(rf"^\s*{re.escape(leaf)}\s*=", line):
                return number
    if start is not None:
        return start
    for number, line in enumerate(lines, start=1):
        if re.match(rf"^\s*{re.escape(table)}\s*=", line):
            return number
    return None


def _apply_env_overrides(data: dict[str, Any]) -> None:
    prefix = "INFLUSCOPE_WORKSPACE__"
    for key, value in os.environ.items():
        if key.startswith(prefix):
            data.setdefault("workspace", {})[key[len(prefix) :].lower()] = value
