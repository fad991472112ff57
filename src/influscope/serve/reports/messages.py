"""French and English sentences of the reports that the dashboard does not share.

A report says where its map and journey come from: the ones ``influscope map``
and ``influscope journey`` stored (with their date and run, so two reports of
the same data can be told apart from two different analyses), or ones
computed for the report because nothing was stored for that axis.
"""

from __future__ import annotations

from influscope.serve import i18n

REPORT: dict[str, dict[str, str]] = {
    "crisis.title": {
        "en": "Crisis report — incident {incident}",
        "fr": "Rapport de crise — incident {incident}",
    },
    "crisis.timeline": {
        "en": "What happened and what was done",
        "fr": "Ce qui s'est passé et ce qui a été fait",
    },
    "crisis.window": {
        "en": "Event from {start} to {end} UTC; state: {state}; {alerts} alerts grouped.",
        "fr": "Événement du {start} au {end} UTC ; état : {state} ; {alerts} alertes regroupées.",
    },
    "crisis.attack": {"en": "The attack and how it spread", "fr": "L'attaque et sa propagation"},
    "crisis.attack_line": {
        "en": "Narrative « {label} », started by {origin}: {documents} posts by {accounts} accounts.",
        "fr": "Récit « {label} », lancé par {origin} : {documents} messages de {accounts} comptes.",
    },
    "crisis.cascade_line": {
        "en": "Cascade: {size} posts, depth {depth}, structural virality {virality}.",
        "fr": "Cascade : {size} messages, profondeur {depth}, viralité structurelle {virality}.",
    },
    "crisis.first_movers": {"en": "First movers: {movers}.", "fr": "Premiers relais : {movers}."},
    "crisis.defender_share": {
        "en": "Defenders' share of voice: {share} ({count} defenders).",
        "fr": "Part de voix des défenseurs : {share} ({count} défenseurs).",
    },
    "crisis.group": {
        "en": "{accounts} accounts sharing {contents} contents within seconds.",
        "fr": "{accounts} comptes partageant {contents} contenus en quelques secondes.",
    },
    "crisis.none": {"en": "None found.", "fr": "Aucun."},
    "crisis.query_rank": {"en": "“{query}”: {rank}", "fr": "« {query} » : {rank}"},
    "crisis.rank": {
        "en": "an owned page at rank {rank}",
        "fr": "une page de l'entreprise au rang {rank}",
    },
    "crisis.absent": {
        "en": "no owned page in the top 10",
        "fr": "aucune page de l'entreprise dans le top 10",
    },
    "crisis.first_response": {
        "en": "First owned response after {hours} h.",
        "fr": "Première réponse de l'entreprise après {hours} h.",
    },
    "crisis.no_response": {
        "en": "No owned response in the window.",
        "fr": "Aucune réponse de l'entreprise dans la période.",
    },
    "report.sources": {"en": "Analyses shown", "fr": "Analyses présentées"},
    "report.map_stored": {
        "en": "Map of {date} (run {run})",
        "fr": "Cartographie du {date} (exécution {run})",
    },
    "report.map_computed": {
        "en": "Map computed for this report (none was stored for this axis)",
        "fr": "Cartographie calculée pour ce rapport (aucune n'était enregistrée pour cet axe)",
    },
    "report.journey_stored": {
        "en": "Influence journey of {date} (run {run})",
        "fr": "Parcours d'influence du {date} (exécution {run})",
    },
    "report.journey_computed": {
        "en": "Influence journey computed for this report (none was stored for this axis)",
        "fr": "Parcours d'influence calculé pour ce rapport (aucun n'était enregistré pour cet axe)",
    },
}


i18n.register(REPORT)
