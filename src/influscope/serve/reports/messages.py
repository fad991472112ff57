"""French and English sentences of the reports that the dashboard does not share.

A report says where its map and journey come from: the ones ``influscope map``
and ``influscope journey`` stored (with their date and run, so two reports of
the same data can be told apart from two different analyses), or ones
computed for the report because nothing was stored for that axis.
"""

from __future__ import annotations

from influscope.serve import i18n

REPORT: dict[str, dict[str, str]] = {
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
