"""Words of the dashboard and reports, French and English side by side (DESIGN.md §7 glossary)."""

from __future__ import annotations

from influscope.serve import i18n

UI: dict[str, dict[str, str]] = {
    "ui.crisis": {"en": "Crisis", "fr": "Crise"},
    "ui.crisis_help": {
        "en": "One incident at a time: what is said, who spreads it, who defends the company, and whether its own pages are found.",
        "fr": "Un incident à la fois : ce qui se dit, qui le propage, qui défend l'entreprise, et si ses propres pages sont trouvées.",
    },
    "ui.incident": {"en": "Incident", "fr": "Incident"},
    "ui.timeline": {"en": "Timeline", "fr": "Chronologie"},
    "ui.incident_open": {"en": "open", "fr": "ouvert"},
    "ui.incident_acknowledged": {"en": "acknowledged", "fr": "pris en charge"},
    "ui.incident_resolved": {"en": "resolved", "fr": "résolu"},
    "ui.resolve": {"en": "Resolve", "fr": "Résoudre"},
    "ui.when": {"en": "When", "fr": "Quand"},
    "ui.event": {"en": "Event", "fr": "Événement"},
    "ui.by": {"en": "By", "fr": "Par"},
    "ui.detail": {"en": "Detail", "fr": "Détail"},
    "ui.rule": {"en": "Rule", "fr": "Règle"},
    "ui.detector": {"en": "Detector", "fr": "Détecteur"},
    "ui.observed": {"en": "Observed", "fr": "Observé"},
    "ui.narratives": {"en": "Narratives", "fr": "Récits"},
    "ui.narrative": {"en": "Narrative", "fr": "Récit"},
    "ui.documents_count": {"en": "Posts", "fr": "Messages"},
    "ui.accounts": {"en": "Accounts", "fr": "Comptes"},
    "ui.origin": {"en": "Origin", "fr": "Origine"},
    "ui.first_seen": {"en": "First seen", "fr": "Première apparition"},
    "ui.cascade": {"en": "Cascade of the attack", "fr": "Cascade de l'attaque"},
    "ui.size": {"en": "Size", "fr": "Taille"},
    "ui.depth": {"en": "Depth", "fr": "Profondeur"},
    "ui.breadth": {"en": "Breadth", "fr": "Largeur"},
    "ui.structural_virality": {"en": "Structural virality", "fr": "Viralité structurelle"},
    "ui.first_movers": {"en": "First movers", "fr": "Premiers relais"},
    "ui.crisis_defenders": {"en": "Defenders", "fr": "Défenseurs"},
    "ui.defender_share": {"en": "Defenders' share of voice", "fr": "Part de voix des défenseurs"},
    "ui.relation": {"en": "Relation", "fr": "Lien"},
    "ui.coordination": {"en": "Coordinated accounts", "fr": "Comptes coordonnés"},
    "ui.contents": {"en": "Contents", "fr": "Contenus"},
    "ui.riposte": {"en": "Riposte readiness", "fr": "Capacité de riposte"},
    "ui.owned_rank": {
        "en": "Best rank of an owned page",
        "fr": "Meilleur rang d'une page de l'entreprise",
    },
    "ui.owned_slots": {
        "en": "Owned results in the top 10",
        "fr": "Résultats de l'entreprise dans le top 10",
    },
    "ui.absent": {"en": "absent", "fr": "absente"},
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
    "ui.influence": {"en": "Influencers", "fr": "Influenceurs"},
    "ui.tiers": {"en": "Tiers by position", "fr": "Niveaux par position"},
    "ui.tier": {"en": "Tier", "fr": "Niveau"},
    "ui.tier_mainstream": {"en": "mainstream", "fr": "grand public"},
    "ui.tier_macro": {"en": "macro", "fr": "macro"},
    "ui.tier_affinity": {"en": "affinity (micro)", "fr": "affinitaire (micro)"},
    "ui.tier_micro": {"en": "micro", "fr": "micro"},
    "ui.tier_none": {"en": "none", "fr": "aucun"},
    "ui.tiers_help": {
        "en": "Tiers read the actor's place in the map, not its followers: position (PageRank "
        "among actors of its kind of site or account), rank inside its community, how many "
        "communities hear it, its journey weight and its focus on one axis. Each community's "
        "leaders come first.",
        "fr": "Les niveaux lisent la place de l'acteur dans la carte, pas ses abonnés : position "
        "(PageRank parmi les sites ou comptes de sa famille), rang dans sa communauté, nombre "
        "de communautés qui l'écoutent, poids dans le parcours et concentration sur un axe. "
        "Les têtes de chaque communauté viennent d'abord.",
    },
    "ui.reason_position": {"en": "top {top} of the map", "fr": "{top} de tête de la carte"},
    "ui.reason_community": {
        "en": "#{rank} of its community of {size}",
        "fr": "n° {rank} de sa communauté de {size}",
    },
    "ui.reason_reach": {
        "en": "heard in {communities} communities ({outside} from outside its own)",
        "fr": "écouté dans {communities} communautés ({outside} hors de la sienne)",
    },
    "ui.reason_journey": {"en": "top {top} of journey weights", "fr": "{top} de tête du parcours"},
    "ui.reason_focus": {
        "en": "{share} of its posts on the axis",
        "fr": "{share} de ses publications sur l'axe",
    },
    "ui.rising": {"en": "Rising stars", "fr": "Étoiles montantes"},
    "ui.growth": {"en": "Growth", "fr": "Croissance"},
    "ui.worth": {"en": "Worth a relationship", "fr": "À rencontrer"},
    "ui.worth_help": {
        "en": "The heaviest actors of the public's journey that nobody in the team has met yet "
        "and that are not hostile.",
        "fr": "Les acteurs les plus présents sur le parcours du public que personne dans "
        "l'équipe n'a encore rencontrés et qui ne sont pas hostiles.",
    },
    "ui.relations": {"en": "Relationship log", "fr": "Journal des relations"},
    "ui.date": {"en": "Date", "fr": "Date"},
    "ui.relation_kind": {"en": "Interaction", "fr": "Échange"},
    "ui.collaboration": {"en": "Collaboration", "fr": "Collaboration"},
    "ui.horizon": {"en": "Horizon", "fr": "Horizon"},
    "ui.owner": {"en": "Owner", "fr": "Responsable"},
    "ui.next_step": {"en": "Next step", "fr": "Prochaine étape"},
    "ui.add_entry": {"en": "Add to the log", "fr": "Ajouter au journal"},
    "ui.saved": {"en": "Saved.", "fr": "Enregistré."},
    "ui.advocacy": {"en": "Employee advocacy", "fr": "Ambassadeurs salariés"},
    "ui.participation": {"en": "Participation", "fr": "Participation"},
    "ui.originality": {"en": "Own words", "fr": "Mots à eux"},
    "ui.own_words": {"en": "Own words", "fr": "Mots à eux"},
    "ui.copies": {
        "en": "Copies of corporate posts",
        "fr": "Copies des publications de l'entreprise",
    },
    "ui.reposts": {"en": "Reposts", "fr": "Partages"},
    "ui.executives": {"en": "Executives active", "fr": "Dirigeants actifs"},
    "ui.leaderboard": {"en": "Leaderboard", "fr": "Classement"},
    "ui.pseudonymised": {
        "en": "Pseudonymised: names are shown to admins only.",
        "fr": "Pseudonymisé : les noms ne sont visibles que des administrateurs.",
    },
    "ui.sov_contribution": {
        "en": "Employees' part of the company's citations",
        "fr": "Part des salariés dans les citations de l'entreprise",
    },
    "ui.roi": {"en": "Return on influence", "fr": "Retour sur influence"},
    "ui.journey_share": {
        "en": "Share of journey encounters",
        "fr": "Part des rencontres du parcours",
    },
    "ui.acceptability": {"en": "Social acceptability", "fr": "Acceptabilité sociale"},
    "ui.acceptability_help": {
        "en": "Favourable actors' share among favourable and opposed ones, weighted by journey "
        "weight (equal weights when no journey is stored), with its 95 % interval.",
        "fr": "Part des acteurs favorables parmi les favorables et les opposés, pondérée par le "
        "poids dans le parcours (poids égaux sans parcours enregistré), avec son intervalle à 95 %.",
    },
    "ui.stance_balance": {
        "en": "Stance balance (allies − detractors)",
        "fr": "Solde des positions (alliés − détracteurs)",
    },
    "ui.campaigns": {"en": "Campaigns", "fr": "Campagnes"},
    "ui.campaign_effect": {
        "en": "Effect: {effect} citations a day (95 % interval {low} to {high})",
        "fr": "Effet : {effect} citations par jour (intervalle à 95 % de {low} à {high})",
    },
    "ui.confidence": {"en": "Confidence", "fr": "Confiance"},
    "ui.defenders": {"en": "Defenders in incidents", "fr": "Défenseurs dans les incidents"},
}

JS_KEYS = tuple(UI)


i18n.register(UI)
