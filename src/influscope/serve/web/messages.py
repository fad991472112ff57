"""Words of the dashboard and reports, French and English side by side (DESIGN.md §7 glossary)."""

from __future__ import annotations

from influscope.serve import i18n

UI: dict[str, dict[str, str]] = {
    "ui.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "ui.job_running": {"en": "Computing", "fr": "Calcul en cours"},
    "ui.job_queued": {"en": "Waiting to compute", "fr": "Calcul en attente"},
    "ui.job_failed": {"en": "The computation failed", "fr": "Le calcul a échoué"},
    "ui.axis": {"en": "Axis", "fr": "Axe"},
    "ui.axes": {"en": "Axes", "fr": "Axes"},
    "ui.map": {"en": "Map", "fr": "Cartographie"},
    "ui.journey": {"en": "Influence journey", "fr": "Parcours d'influence"},
    "ui.alerts": {"en": "Alerts", "fr": "Alertes"},
    "ui.sources": {"en": "Sources", "fr": "Sources"},
    "ui.documents": {"en": "Documents", "fr": "Documents"},
    "ui.actor": {"en": "Actor", "fr": "Acteur"},
    "ui.login": {"en": "Log in", "fr": "Se connecter"},
    "ui.logout": {"en": "Log out", "fr": "Se déconnecter"},
    "ui.user": {"en": "User name", "fr": "Nom d'utilisateur"},
    "ui.password": {"en": "Password", "fr": "Mot de passe"},
    "ui.login_title": {"en": "Log in to influscope", "fr": "Connexion à influscope"},
    "ui.share_of_voice": {"en": "Share of voice", "fr": "Part de voix"},
    "ui.sov_over_time": {"en": "Share of voice over time", "fr": "Part de voix dans le temps"},
    "ui.vs_competitors": {"en": "vs competitors", "fr": "face aux concurrents"},
    "ui.sentiment": {"en": "Sentiment", "fr": "Tonalité"},
    "ui.volume": {"en": "Volume", "fr": "Volume"},
    "ui.volume_trend": {"en": "Volume trend", "fr": "Tendance du volume"},
    "ui.open_alerts": {"en": "Open alerts", "fr": "Alertes ouvertes"},
    "ui.themes": {"en": "Themes", "fr": "Thèmes"},
    "ui.sub_conversation": {"en": "Sub-conversation", "fr": "Sous-conversation"},
    "ui.whole_axis": {"en": "Whole axis", "fr": "Axe entier"},
    "ui.score": {"en": "Score", "fr": "Score"},
    "ui.journey_vs_audience": {
        "en": "Actors: journey weight vs audience",
        "fr": "Acteurs : poids dans le parcours vs audience",
    },
    "ui.journey_weight": {
        "en": "Journey weight (% of encounters)",
        "fr": "Poids dans le parcours (% des rencontres)",
    },
    "ui.journey_weight_help": {
        "en": "Journey weight: the share of the public's encounters (searches → results → "
        "pages → actors, and what social posts expose) that happen with this actor. All actors "
        "together make 100 %; an organisation's accounts and sites count as one actor, link "
        "plumbing (shorteners, search engines, platforms, CDNs) as none.",
        "fr": "Poids dans le parcours : la part des rencontres du public (recherches → "
        "résultats → pages → acteurs, et ce que les publications sociales exposent) qui se "
        "font avec cet acteur. Tous les acteurs totalisent 100 % ; les comptes et sites d'une "
        "organisation comptent pour un seul acteur, la tuyauterie des liens (raccourcisseurs, "
        "moteurs de recherche, plateformes, CDN) pour aucun.",
    },
    "ui.interaction_strength": {
        "en": "Interaction strength on the map",
        "fr": "Force des interactions sur la carte",
    },
    "ui.audience": {"en": "Audience (followers)", "fr": "Audience (abonnés)"},
    "ui.colour_by": {"en": "Colour by", "fr": "Couleur selon"},
    "ui.community": {"en": "Community", "fr": "Communauté"},
    "ui.communities": {"en": "Communities", "fr": "Communautés"},
    "ui.stance": {"en": "Stance", "fr": "Position"},
    "ui.kind": {"en": "Kind", "fr": "Type"},
    "ui.role": {"en": "Role", "fr": "Rôle"},
    "ui.search": {"en": "Search", "fr": "Rechercher"},
    "ui.edges": {"en": "Links", "fr": "Liens"},
    "ui.filter": {"en": "Filter", "fr": "Filtrer"},
    "ui.all": {"en": "All", "fr": "Tous"},
    "ui.min_weight": {"en": "Minimum weight", "fr": "Poids minimum"},
    "ui.nodes_shown": {"en": "actors shown", "fr": "acteurs affichés"},
    "ui.documents_of": {"en": "Documents", "fr": "Documents"},
    "ui.notes": {"en": "Offline notes", "fr": "Notes hors ligne"},
    "ui.stance_history": {"en": "Stance history", "fr": "Historique de position"},
    "ui.card": {"en": "Actor card", "fr": "Fiche acteur"},
    "ui.paths": {"en": "Journey paths", "fr": "Chemins du parcours"},
    "ui.queries": {"en": "Queries", "fr": "Requêtes"},
    "ui.results": {"en": "Results", "fr": "Résultats"},
    "ui.actors": {"en": "Actors", "fr": "Acteurs"},
    "ui.explanation": {"en": "Explanation", "fr": "Explication"},
    "ui.evidence": {"en": "Evidence", "fr": "Éléments"},
    "ui.ack": {"en": "Acknowledge", "fr": "Prendre en charge"},
    "ui.close": {"en": "Close", "fr": "Clore"},
    "ui.state": {"en": "State", "fr": "État"},
    "ui.severity": {"en": "Severity", "fr": "Gravité"},
    "ui.fired_at": {"en": "Fired at", "fr": "Déclenchée le"},
    "ui.health": {"en": "Health", "fr": "État de santé"},
    "ui.loading": {"en": "Loading…", "fr": "Chargement…"},
    "ui.empty": {"en": "Nothing to show.", "fr": "Rien à afficher."},
    "ui.error": {"en": "Error", "fr": "Erreur"},
    "ui.query": {"en": "Query", "fr": "Requête"},
    "ui.previous": {"en": "Previous", "fr": "Précédent"},
    "ui.next": {"en": "Next", "fr": "Suivant"},
    "ui.total": {"en": "total", "fr": "au total"},
    "ui.followers": {"en": "Followers", "fr": "Abonnés"},
    "ui.brand": {"en": "Brand", "fr": "Marque"},
    "ui.share": {"en": "Share", "fr": "Part"},
    "ui.period": {"en": "Period", "fr": "Période"},
    "ui.report": {"en": "Report", "fr": "Rapport"},
    "ui.report_title": {"en": "Management report", "fr": "Rapport de direction"},
    "ui.kpis": {"en": "Key figures", "fr": "Chiffres clés"},
    "ui.top_actors": {
        "en": "Top actors: journey weight vs audience",
        "fr": "Acteurs clés : poids dans le parcours vs audience",
    },
    "ui.alerts_period": {"en": "Alerts of the period", "fr": "Alertes de la période"},
    "ui.front_missing": {
        "en": "The dashboard's scripts are not built: run 'make web' (npm ci + esbuild).",
        "fr": "Les scripts du tableau de bord ne sont pas construits : lancez « make web ».",
    },
    "ui.language": {"en": "Français", "fr": "English"},
    "ui.forbidden": {"en": "You cannot do this.", "fr": "Vous ne pouvez pas faire cela."},
    "ui.all_axes": {"en": "all axes", "fr": "tous les axes"},
}

JS_KEYS = tuple(UI)


i18n.register(UI)
