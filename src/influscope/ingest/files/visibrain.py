"""Visibrain exports (CSV or XLSX; English or French column names).

Visibrain is Twitter/X-centred with media and other networks besides, and its
export headers follow the UI language. Columns read (others stay in
``raw``): Date / Date (UTC), URL / Lien, Tweet ID / ID, Réseau / Network /
Media, Screen name / Pseudo / Auteur, Nom / Name, Texte / Text / Contenu,
Titre / Title, Langue / Language, Followers / Abonnés, Bio / Description,
Vérifié / Verified, Retweets / Partages, Favoris / Likes, Réponses / Replies,
Vues / Views, Type (retweet, reply, quote), Tweet d'origine / Original tweet
URL, Auteur d'origine / Original author. Tonalité / Sentiment stays in ``raw``.
"""

from __future__ import annotations

from influscope.ingest.files.vendor import VendorPreset


class VisibrainPreset(VendorPreset):
    """``--preset visibrain``."""

    name = vendor = "visibrain"
    columns = {
        "id": ("Tweet ID", "Post ID", "ID"),
        "url": ("URL", "Lien", "Link"),
        "published_at": ("Date (UTC)", "Date", "Published"),
        "source_type": ("Réseau", "Network", "Media", "Média", "Source"),
        "author": ("Screen name", "Pseudo", "Auteur", "Author", "Username"),
        "author_name": ("Nom", "Name", "Display name"),
        "bio": ("Bio", "Description"),
        "text": ("Texte", "Text", "Contenu", "Content", "Tweet"),
        "title": ("Titre", "Title"),
        "lang": ("Langue", "Language", "Lang"),
        "followers": ("Followers", "Abonnés", "Audience"),
        "verified": ("Vérifié", "Verified", "Certifié"),
        "shares": ("Retweets", "Partages", "Shares"),
        "likes": ("Favoris", "Likes", "J'aime"),
        "replies": ("Réponses", "Replies", "Commentaires"),
        "views": ("Vues", "Views", "Impressions"),
        "entry_type": ("Type",),
        "thread_url": ("Tweet d'origine", "Original tweet URL", "Original URL"),
        "thread_author": ("Auteur d'origine", "Original author"),
        "sentiment": ("Tonalité", "Sentiment"),
    }
