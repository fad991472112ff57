"""Digimind Social (Onclusive Social) mention exports (XLSX with a title block, or CSV).

Columns read (others stay in ``raw``): Date / Date de publication, URL,
Source Type / Type de source / Media, Author / Auteur, Author Name / Nom de
l'auteur, Title / Titre, Content / Contenu / Snippet / Extrait, Language /
Langue, Followers / Abonnés / Audience, Likes / J'aime, Shares / Partages,
Comments / Commentaires, Views / Vues, Source / Site. Sentiment / Tonalité,
Reach / Portée, Engagement and Country / Pays stay in ``raw``.
"""

from __future__ import annotations

from influscope.ingest.files.vendor import VendorPreset


class DigimindPreset(VendorPreset):
    """``--preset digimind``."""

    name = vendor = "digimind"
    columns = {
        "id": ("Mention ID", "ID"),
        "url": ("URL", "Url", "Lien"),
        "published_at": ("Date de publication", "Publication Date", "Date"),
        "source_type": ("Source Type", "Type de source", "Media", "Média", "Network"),
        "author": ("Author", "Auteur", "Author Handle"),
        "author_name": ("Author Name", "Nom de l'auteur"),
        "bio": ("Author Description", "Description de l'auteur"),
        "text": ("Content", "Contenu", "Snippet", "Extrait", "Texte"),
        "title": ("Title", "Titre"),
        "site_name": ("Source", "Site", "Source Name"),
        "lang": ("Language", "Langue"),
        "followers": ("Followers", "Abonnés", "Audience"),
        "likes": ("Likes", "J'aime"),
        "shares": ("Shares", "Partages"),
        "replies": ("Comments", "Commentaires"),
        "views": ("Views", "Vues"),
        "sentiment": ("Sentiment", "Tonalité"),
        "reach": ("Reach", "Portée"),
    }
