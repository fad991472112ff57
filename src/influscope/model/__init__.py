"""The data model: one frozen dataclass per store table, the one definition of its schema.

Field names are the store's column names, so a row moves between layers
without renaming; types, nullability, defaults and keys are declared once
(:mod:`influscope.model.schema` says how) and everything else derives from
them: the Arrow schemas writers build tables with (``spec("documents")
.arrow_schema()``), the keys the store's writer upserts on, the DDL the
numbered migrations must reproduce (a test migrates a database and compares),
and API response models (:func:`api_model`).

The tables, by the stage that writes them:

* canonical (:mod:`~influscope.model.canonical`): documents, actors,
  interactions, links, search demand and result pages, enrichments, the
  axes and brands mirrored from the config, offline notes, alerts, runs;
* derived (:mod:`~influscope.model.derived`): brand attribution, labels,
  learned models, themes, maps, journeys, aggregates;
* operations (:mod:`~influscope.model.operations`): live sources, alert
  deliveries, accounts, erasures.

This package imports nothing from the rest of influscope (import-linter
checks it): every stage may use it.
"""

from __future__ import annotations

from influscope.model.canonical import (
    ACTOR_KINDS,
    Actor,
    Alert,
    Cursor,
    Document,
    Enrichment,
    Interaction,
    Link,
    OfflineNote,
    RowError,
    Run,
    RunError,
    SearchDemand,
    SerpSlot,
    StoredAxis,
    StoredBrand,
)
from influscope.model.crisis import Claim, Incident, IncidentAlert, IncidentEvent
from influscope.model.derived import (
    ActorLabel,
    ActorOnMap,
    ActorStance,
    Community,
    CommunityMember,
    DocCount,
    DocumentBrand,
    DocumentLabel,
    DocumentSearch,
    DocumentVector,
    FrontierEntry,
    JourneyPath,
    JourneyWeight,
    MapEdge,
    MapRun,
    RosterEntry,
    SovCount,
    Theme,
    TrainedModel,
    Transition,
)
from influscope.model.influence import ActorProfile, ActorTier, Relationship, RelationshipAudit
from influscope.model.operations import (
    AlertDelivery,
    ApiToken,
    AuditEntry,
    Erasure,
    Secret,
    Session,
    SourceState,
    User,
)
from influscope.model.personal import (
    ACTOR_ID_COLUMNS,
    DOCUMENT_ID_COLUMNS,
    DOCUMENT_REF_COLUMNS,
)
from influscope.model.schema import (
    NO_DEFAULT,
    TABLES,
    Column,
    Int32,
    Table,
    api_model,
    spec,
    table,
)

# The tables of DESIGN.md §3 (migration 0001), in declaration order.
CANONICAL_TABLES = tuple(
    name for name, spec in TABLES.items() if spec.row.__module__ == "influscope.model.canonical"
)

__all__ = [
    "AuditEntry",
    "ActorProfile",
    "ActorTier",
    "Claim",
    "Incident",
    "IncidentAlert",
    "IncidentEvent",
    "Relationship",
    "RelationshipAudit",
    "ACTOR_ID_COLUMNS",
    "ACTOR_KINDS",
    "DOCUMENT_ID_COLUMNS",
    "DOCUMENT_REF_COLUMNS",
    "CANONICAL_TABLES",
    "NO_DEFAULT",
    "TABLES",
    "Actor",
    "ActorLabel",
    "ActorOnMap",
    "ActorStance",
    "Alert",
    "AlertDelivery",
    "ApiToken",
    "Column",
    "Community",
    "CommunityMember",
    "Cursor",
    "DocCount",
    "Document",
    "DocumentBrand",
    "DocumentLabel",
    "DocumentSearch",
    "DocumentVector",
    "Enrichment",
    "Erasure",
    "FrontierEntry",
    "Int32",
    "Interaction",
    "JourneyPath",
    "JourneyWeight",
    "Link",
    "MapEdge",
    "MapRun",
    "OfflineNote",
    "RosterEntry",
    "RowError",
    "Run",
    "RunError",
    "SearchDemand",
    "Secret",
    "SerpSlot",
    "Session",
    "SourceState",
    "SovCount",
    "StoredAxis",
    "StoredBrand",
    "Table",
    "Theme",
    "TrainedModel",
    "Transition",
    "User",
    "api_model",
    "spec",
    "table",
]
