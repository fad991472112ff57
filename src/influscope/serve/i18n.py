"""French and English messages for the CLI, API and dashboard.

The language comes from ``--lang``, else the workspace's ``language`` when its
influscope.toml sets one (commands that open a workspace pass it), else
``INFLUSCOPE_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` in
POSIX order: ``LANG=fr_FR.UTF-8`` gives French), else English. Messages are
looked up by key so the two catalogues stay side by side and a missing
translation is visible.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "Error", "fr": "Erreur"},
    "hint": {"en": "Hint", "fr": "Conseil"},
    "init.done": {
        "en": "Workspace created in {path}: edit {config} to add brands and axes.",
        "fr": "Espace de travail créé dans {path} : éditez {config} pour ajouter marques et axes.",
    },
    "ingest.summary": {
        "en": "{records} records read from {files} file(s): {inserted} documents added, {updated} updated, {rejected} rejected.",
        "fr": "{records} enregistrements lus dans {files} fichier(s) : {inserted} documents ajoutés, {updated} mis à jour, {rejected} rejetés.",
    },
    "ingest.resumed": {
        "en": "Resumed {file} after line {line} (an earlier run was interrupted).",
        "fr": "Reprise de {file} après la ligne {line} (une exécution précédente a été interrompue).",
    },
    "ingest.rejected": {
        "en": "{count} record(s) rejected; first ones:",
        "fr": "{count} enregistrement(s) rejeté(s) ; les premiers :",
    },
    "ingest.rejected_hint": {
        "en": "The full list is in the run's error log: influscope status --errors",
        "fr": "La liste complète est dans le journal d'erreurs : influscope status --errors",
    },
    "incidents.acknowledged": {
        "en": "{incident_id}: acknowledged",
        "fr": "{incident_id} : pris en charge",
    },
    "incidents.resolved": {"en": "{incident_id}: resolved", "fr": "{incident_id} : résolu"},
    "incidents.assigned": {
        "en": "{incident_id}: owner set",
        "fr": "{incident_id} : responsable désigné",
    },
    "incidents.noted": {"en": "{incident_id}: note added", "fr": "{incident_id} : note ajoutée"},
    "claims.added": {"en": "Claim {claim_id} recorded", "fr": "Allégation {claim_id} enregistrée"},
    "claims.debunked": {
        "en": "{claim_id}: verdict recorded, debunked at {at}",
        "fr": "{claim_id} : verdict enregistré, démentie le {at}",
    },
    "claims.spread.open": {
        "en": "{label}: {documents} posts carry it; not debunked yet.",
        "fr": "{label} : {documents} messages la relaient ; pas encore démentie.",
    },
    "claims.spread.debunked": {
        "en": "{label}: {before} posts before the debunk, {after} after ({new} accounts new to it); "
        "hourly peak {peak_before} before, {peak_after} after; after the debunk, {denials} "
        "denials and {shares} posts passing the fact-check on.",
        "fr": "{label} : {before} messages avant le démenti, {after} après ({new} comptes "
        "nouveaux) ; pic horaire {peak_before} avant, {peak_after} après ; après le démenti, "
        "{denials} réfutations et {shares} messages relayant la vérification.",
    },
    "alerts.acked": {
        "en": "{alert_id}: acknowledged by {by}",
        "fr": "{alert_id} : pris en charge par {by}",
    },
    "alerts.closed": {
        "en": "{alert_id}: closed by {by}",
        "fr": "{alert_id} : clos par {by}",
    },
    "export.done": {
        "en": "{rows} rows written to {path}.",
        "fr": "{rows} lignes écrites dans {path}.",
    },
    "enrich.skipped": {
        "en": "Skipped {name}: {reason}",
        "fr": "Non exécuté : {name} : {reason}",
    },
    "train.done": {
        "en": "{field}: accuracy {accuracy}, macro-F1 {macro_f1} ({folds}-fold cross-validation on {labels} labels); model {version} saved.",
        "fr": "{field} : exactitude {accuracy}, F1 macro {macro_f1} (validation croisée à {folds} plis sur {labels} étiquettes) ; modèle {version} enregistré.",
    },
    "label.summary": {
        "en": "{labels} labels stored ({fields}); {rejected} line(s) rejected.",
        "fr": "{labels} étiquettes enregistrées ({fields}) ; {rejected} ligne(s) rejetée(s).",
    },
    "simulated": {
        "en": "SIMULATED DATA — generated scenario, not real posts",
        "fr": "DONNÉES SIMULÉES — scénario généré, pas de vrais messages",
    },
    "search.summary": {
        "en": "{records} records read ({preset}): {rows} {what} ({inserted} new, {updated} updated), {rejected} rejected.",
        "fr": "{records} enregistrements lus ({preset}) : {rows} {what} ({inserted} nouveaux, {updated} mis à jour), {rejected} rejetés.",
    },
    "search.queries": {"en": "queries", "fr": "requêtes"},
    "search.slots": {"en": "result slots", "fr": "résultats"},
    "search.transitions": {"en": "observed transitions", "fr": "transitions observées"},
    "crawl.resume": {
        "en": "No seeds given: resuming the URLs still queued from earlier crawls.",
        "fr": "Aucune URL de départ : reprise des URL encore en file des explorations précédentes.",
    },
    "crawl.summary": {
        "en": "{fetched} pages fetched, {skipped} skipped, {failed} failed, {queued} URLs queued, {links} links.",
        "fr": "{fetched} pages récupérées, {skipped} ignorées, {failed} en échec, {queued} URL en file, {links} liens.",
    },
    "journey.weight": {
        "en": "{actor}: journey weight {weight:.2%} (share of the public's encounters)",
        "fr": "{actor} : poids dans le parcours {weight:.2%} (part des rencontres du public)",
    },
    "journey.observed": {
        "en": "Link steps follow observed clicks from {pages} pages (link_step: observed / unobserved; even = even split).",
        "fr": "Les étapes de lien suivent les clics observés depuis {pages} pages (link_step : observed / unobserved ; even = partage égal).",
    },
    "journey.company_share": {
        "en": "Company share of journey clicks: {share:.1%}",
        "fr": "Part de l'entreprise dans les clics du parcours : {share:.1%}",
    },
    "journey.crisis_absent": {
        "en": "Crisis query without the company in the results: {query}",
        "fr": "Requête de crise sans l'entreprise dans les résultats : {query}",
    },
    "journey.crisis_no_results": {
        "en": "Crisis query with no result page imported: {query}",
        "fr": "Requête de crise sans page de résultats importée : {query}",
    },
    "journey.shown": {
        "en": "{shown} of {total} rows shown (--limit 0 for all).",
        "fr": "{shown} lignes affichées sur {total} (--limit 0 pour tout).",
    },
    "users.password": {"en": "Password", "fr": "Mot de passe"},
    "users.created": {
        "en": "User {name} created with role {role}.",
        "fr": "Utilisateur {name} créé avec le rôle {role}.",
    },
    "users.no_credentials": {
        "en": "This user has neither a password nor a token: give one with --password or --token.",
        "fr": "Cet utilisateur n'a ni mot de passe ni jeton : donnez-en un avec --password ou --token.",
    },
    "users.token": {
        "en": "API token (shown once): {token}",
        "fr": "Jeton d'API (affiché une seule fois) : {token}",
    },
    "users.passwd_done": {
        "en": "Password of {name} changed; their open sessions are closed.",
        "fr": "Mot de passe de {name} changé ; ses sessions ouvertes sont fermées.",
    },
    "users.generated": {
        "en": "New password (shown once): {password}",
        "fr": "Nouveau mot de passe (affiché une seule fois) : {password}",
    },
    "users.disabled": {
        "en": "User {name} disabled: sessions closed, tokens refused.",
        "fr": "Utilisateur {name} désactivé : sessions fermées, jetons refusés.",
    },
    "users.enabled": {
        "en": "User {name} enabled again.",
        "fr": "Utilisateur {name} réactivé.",
    },
    "users.deleted": {
        "en": "User {name} deleted with their tokens and sessions.",
        "fr": "Utilisateur {name} supprimé avec ses jetons et sessions.",
    },
    "users.delete_confirm": {
        "en": "Delete user {name}, their tokens and sessions?",
        "fr": "Supprimer l'utilisateur {name}, ses jetons et ses sessions ?",
    },
    "users.revoked": {
        "en": "{count} API token(s) of {name} revoked.",
        "fr": "{count} jeton(s) d'API de {name} révoqué(s).",
    },
    "report.unknown_format": {
        "en": "Unknown report format {fmt!r}.",
        "fr": "Format de rapport inconnu : {fmt!r}.",
    },
    "report.formats": {"en": "Use html, pdf or pptx.", "fr": "Utilisez html, pdf ou pptx."},
    "report.written": {"en": "Report written to {path}.", "fr": "Rapport écrit dans {path}."},
    "serve.listening": {
        "en": "influscope serving {root} on {url}",
        "fr": "influscope sert {root} sur {url}",
    },
    "serve.listening_watch": {
        "en": "influscope serving {root} on {url} (watching sources)",
        "fr": "influscope sert {root} sur {url} (et surveille les sources)",
    },
    "erase.confirm": {
        "en": "Erase {actor} and all their data (posts, edges, notes, labels, and their name in alerts, maps and other people's posts)?",
        "fr": "Effacer {actor} et toutes ses données (messages, liens, notes, étiquettes, et son nom dans les alertes, cartes et messages des autres) ?",
    },
    "erase.done": {
        "en": "Erased {actor}; the database file was rewritten without their data, and later imports skip them.",
        "fr": "{actor} effacé ; le fichier de la base a été réécrit sans ses données, et les imports suivants l'ignorent.",
    },
    "retention.plan": {
        "en": "Documents published before {cutoff} ({days} days) will be deleted, with what hangs off them:",
        "fr": "Les documents publiés avant le {cutoff} ({days} jours) seront supprimés, avec ce qui en dépend :",
    },
    "retention.nothing": {
        "en": "Nothing was published before {cutoff} ({days} days): nothing to delete.",
        "fr": "Rien n'a été publié avant le {cutoff} ({days} jours) : rien à supprimer.",
    },
    "retention.confirm": {
        "en": "Delete these rows for good?",
        "fr": "Supprimer définitivement ces lignes ?",
    },
    "serve.no_users": {
        "en": "No users yet: create one with 'influscope users add NAME --role admin'.",
        "fr": "Aucun utilisateur : créez-en un avec « influscope users add NOM --role admin ».",
    },
}

LOCALE_VARIABLES = ("INFLUSCOPE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add a catalogue of messages (the dashboard and reports keep theirs beside them)."""
    MESSAGES.update(messages)


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """The best of ``fr``/``en`` for an HTTP ``Accept-Language`` header (quality-ordered)."""
    best, best_q = default, -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower()[:2]
        if code in ("fr", "en") and quality > best_q:
            best, best_q = code, quality
    return best


def language(explicit: str | None = None, configured: str | None = None) -> str:
    """The language to speak: ``fr`` or ``en``.

    ``explicit`` is ``--lang``; ``configured`` the workspace's setting when its
    file sets one. The POSIX locale values ``C`` and ``POSIX`` are no choice.
    """
    found = (os.environ.get(name) for name in LOCALE_VARIABLES)
    for value in (explicit, configured, *found):
        if value and value.split(".")[0].upper() not in ("C", "POSIX"):
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in the current language, formatted with ``values``.

    Without values a template is returned as it is (``{top}`` kept): the
    dashboard's scripts fill the placeholders themselves.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(language(lang)) or entry["en"]
    return text.format(**values) if values else text
