"""French and English sentences of the reports that the dashboard does not share.

A report says where its map and journey come from: the ones ``influscope map``
and ``influscope journey`` stored (with their date and run, so two reports of
the same data can be told apart from two different analyses), or ones
computed for the report because nothing was stored for that axis. Severity
and state values are shown as words of the report's language, never as the
stored codes.
"""

from __future__ import annotations

from influscope.serve import i18n

STORED = {"map": "report.map_stored", "journey": "report.journey_stored"}
COMPUTED = {"map": "report.map_computed", "journey": "report.journey_computed"}

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
    "report.scope_note": {
        "en": "Documents and share of voice: the axis in the period. "
        "Map and journey: the axis over all the data.",
        "fr": "Documents et part de voix : l'axe sur la période. "
        "Cartographie et parcours : l'axe sur toutes les données.",
    },
    "report.more_alerts": {
        "en": "{shown} of {total} alerts shown (newest first).",
        "fr": "{shown} alertes sur {total} affichées (les plus récentes d'abord).",
    },
    "report.indicator": {"en": "Indicator", "fr": "Indicateur"},
    "report.value": {"en": "Value", "fr": "Valeur"},
    "Actors on the map": {"en": "Actors on the map", "fr": "Acteurs cartographiés"},
    "Camps on the map": {"en": "Camps on the map", "fr": "Camps de la cartographie"},
    "Rule": {"en": "Rule", "fr": "Règle"},
    "no document": {"en": "no document", "fr": "aucun document"},
    "Map legend": {"en": "Camps", "fr": "Camps"},
    "severity.critical": {"en": "critical", "fr": "critique"},
    "severity.warning": {"en": "warning", "fr": "avertissement"},
    "severity.info": {"en": "info", "fr": "information"},
    "severity.None": {"en": "—", "fr": "—"},
    "state.new": {"en": "new", "fr": "nouvelle"},
    "state.acked": {"en": "acknowledged", "fr": "prise en compte"},
    "state.closed": {"en": "closed", "fr": "close"},
    "state.None": {"en": "—", "fr": "—"},
    "report.digest_title": {
        "en": "Alert digest — {name} — {day}",
        "fr": "Synthèse des alertes — {name} — {day}",
    },
    "report.digest_none": {
        "en": "No new alert since {since}.",
        "fr": "Aucune nouvelle alerte depuis le {since}.",
    },
    "report.digest_count": {
        "en": "{count} new alert(s) since {since}:",
        "fr": "{count} nouvelle(s) alerte(s) depuis le {since} :",
    },
    "ui.all_periods": {"en": "all periods", "fr": "toutes périodes"},
    "report.scheduled_title": {
        "en": "Report {name}: {axis}, {period}",
        "fr": "Rapport {name} : {axis}, {period}",
    },
    "report.scheduled_text": {
        "en": "The report is in the workspace: {path}",
        "fr": "Le rapport est dans l'espace de travail : {path}",
    },
}


i18n.register(REPORT)
