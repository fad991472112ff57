"""Sentence fragments of the SIMULATED demo, in French and English.

A post is ``opener + core + closer``: the core carries the subject (an axis
keyword ``{K}``, a brand ``{B}``, a place ``{P}``, a number ``{N}``), openers
and closers carry the tone with the words sentiment models key on (« bravo »,
« scandale », "great", "disgrace"), so sentiment is detectable from wording
alone. Tones are indexed 0 = negative, 1 = neutral, 2 = positive.
"""

from __future__ import annotations

Fragments = dict[str, tuple[tuple[str, ...], ...]]

OPENERS: Fragments = {
    "fr": (
        (
            "Scandale :",
            "Honteux.",
            "Franchement inquiétant :",
            "Encore une déception :",
            "Inacceptable :",
            "Colère :",
            "Quelle honte :",
            "Triste constat :",
            "Lamentable :",
            "Désastreux :",
        ),
        (
            "",
            "",
            "Info :",
            "À lire :",
            "Point d'étape :",
            "En bref :",
            "Actu :",
            "Dossier :",
            "Compte rendu :",
            "Chiffres du jour :",
        ),
        (
            "Bravo !",
            "Excellente nouvelle :",
            "Superbe initiative :",
            "Très fier :",
            "Enthousiasmant :",
            "Belle réussite :",
            "Génial :",
            "Formidable :",
            "Chapeau :",
            "Quelle fierté :",
        ),
    ),
    "en": (
        (
            "Disgraceful:",
            "Shocking:",
            "Terrible news:",
            "Deeply worrying:",
            "Awful:",
            "Unacceptable:",
            "What a failure:",
            "Appalling:",
        ),
        ("", "", "News:", "Worth reading:", "Update:", "In brief:", "Report:", "Figures:"),
        (
            "Great news:",
            "Brilliant:",
            "Impressive:",
            "Love this:",
            "Excellent work:",
            "So proud:",
            "Fantastic:",
            "Well done!",
        ),
    ),
}

CLOSERS: Fragments = {
    "fr": (
        (
            "C'est scandaleux.",
            "Honteux.",
            "On ne peut plus se taire.",
            "Inadmissible.",
            "Les riverains sont en colère.",
            "Quelle déception.",
            "Un vrai désastre.",
            "Mensonges et greenwashing.",
            "Ça suffit.",
        ),
        (
            "",
            "",
            "À suivre.",
            "Détails dans l'article.",
            "Le compte rendu est en ligne.",
            "Prochaine réunion en janvier.",
            "Données publiques.",
            "Source : communiqué.",
        ),
        (
            "Bravo aux équipes !",
            "Une vraie réussite 👏",
            "Vivement la suite !",
            "Superbe travail.",
            "Très prometteur.",
            "Inspirant !",
            "Excellent exemple.",
            "Fier de cette industrie 🇫🇷",
        ),
    ),
    "en": (
        (
            "This is a disgrace.",
            "Terrible.",
            "Absolutely unacceptable.",
            "A total failure.",
            "People deserve better.",
            "Shameful.",
        ),
        (
            "",
            "",
            "More in the thread.",
            "Full report linked.",
            "Worth watching.",
            "Data from the company filing.",
        ),
        (
            "Great work by the team!",
            "Really impressive.",
            "Excellent example.",
            "Brilliant progress 👏",
            "Love to see it.",
            "Inspiring!",
        ),
    ),
}

# Cores by language, then by citation (0: no brand, 1: a brand {B}), then by tone.
AXIS_CORES: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {
    "fr": (
        (
            (
                "{K} reste un slogan tant que les PME n'ont pas les moyens d'investir",
                "on nous vend {K} mais les ateliers ferment à {P}",
                "{K} sert surtout à justifier des suppressions de postes",
                "le bilan de {K} est mauvais : promesses non tenues et budgets gaspillés",
                "derrière {K}, des cadences plus dures et des salariés épuisés",
            ),
            (
                "où en est vraiment {K} en France ? Le rapport est paru",
                "table ronde sur {K} jeudi à {P}",
                "{N} % des PME disent avoir un projet lié à {K}",
                "trois questions sur {K} à un directeur d'usine",
                "le salon de {P} consacre une journée à {K}",
                "étude : {K} dans l'agroalimentaire et la mécanique",
            ),
            (
                "{K} crée des emplois qualifiés dans nos territoires",
                "à {P}, {K} redonne envie aux jeunes de travailler en atelier",
                "{K}, c'est aussi des usines plus sûres et plus propres",
                "une PME de {P} montre tout ce que {K} peut apporter",
                "retour d'expérience réussi sur {K} dans un atelier de {N} personnes",
            ),
        ),
        (
            (
                "{B} parle de {K} mais supprime des postes à {P}",
                "encore du greenwashing de {B} sur {K}",
                "{B} vend {K} comme une révolution, les salariés n'y croient pas",
                "les promesses de {B} sur {K} sont creuses",
                "{B} et {K} : communication brillante, réalité décevante",
            ),
            (
                "{B} présente son plan pour {K} ce jeudi à {P}",
                "selon {B}, {K} représentera {N} % de ses investissements",
                "{B} publie un livre blanc sur {K}",
                "{B} participe au salon de {P} sur {K}",
                "conférence de presse de {B} sur {K} demain",
            ),
            (
                "{B} inaugure à {P} une ligne pilote pour {K}",
                "{B} mise sur {K} et ça marche",
                "la nouvelle usine de {B} montre ce que {K} peut apporter",
                "{B} forme ses opérateurs à {K}, un modèle à suivre",
                "{B} recrute {N} techniciens pour {K}",
            ),
        ),
    ),
    "en": (
        (
            (
                "{K} is still a slogan while small plants cannot afford it",
                "{K} is mostly an excuse for job cuts",
                "the {K} promises keep failing on the shop floor",
                "{K} projects are overbudget and underdelivering",
            ),
            (
                "where does {K} really stand in Europe? New report out",
                "{N}% of manufacturers report a project on {K}",
                "panel on {K} at the {P} trade fair",
                "three questions on {K} for a plant manager",
            ),
            (
                "{K} is creating skilled jobs across Europe",
                "{K} makes plants safer and cleaner",
                "a small plant shows what {K} can deliver",
                "a great case study on {K} in a {N}-person workshop",
            ),
        ),
        (
            (
                "{B} talks about {K} while cutting jobs",
                "more greenwashing from {B} on {K}",
                "{B}'s {K} claims look hollow",
            ),
            (
                "{B} presents its plan for {K}",
                "{B} says {K} will be {N}% of its capex",
                "{B} publishes a white paper on {K}",
            ),
            (
                "{B} opens a pilot line for {K} in {P}",
                "{B} is betting on {K} and it is working",
                "{B}'s new plant is a great showcase for {K}",
            ),
        ),
    ),
}

OFF_TOPIC_CORES: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {
    "fr": (
        (
            (
                "encore deux heures de bouchons ce matin à {P}",
                "le train de {P} supprimé, encore",
                "la pluie tout le week-end, déprimant",
                "mon vélo volé devant la gare de {P}",
            ),
            (
                "marché de producteurs samedi à {P}",
                "le match de ce soir commence à 21 h",
                "quelqu'un connaît un bon garage vers {P} ?",
                "rentrée scolaire : les horaires à {P}",
            ),
            (
                "superbe balade le long de la rivière à {P}",
                "le festival de {P} était génial",
                "la boulangerie de {P} a gagné un prix, bravo",
                "belle victoire du club de {P}",
            ),
        ),
        (
            (
                "{B} encore en retard sur ses livraisons",
                "le service client de {B} est nul",
                "{B} ferme le parking du personnel à {P}, aberrant",
            ),
            (
                "{B} publie ses résultats trimestriels",
                "{B} change de directeur financier",
                "{B} organise des portes ouvertes à {P}",
            ),
            (
                "{B} recrute {N} personnes à {P}, bonne nouvelle",
                "{B} soutient le club de {P}",
                "journée portes ouvertes chez {B} : accueil génial",
            ),
        ),
    ),
    "en": (
        (
            (
                "another two hours stuck in traffic",
                "train cancelled again",
                "rain all weekend, miserable",
            ),
            (
                "match starts at 9 pm tonight",
                "anyone know a good mechanic near {P}?",
                "quarterly numbers out next week",
            ),
            (
                "lovely walk by the river today",
                "great festival in {P} this weekend",
                "our local team won again, brilliant",
            ),
        ),
        (
            ("{B} late on deliveries again", "{B}'s customer service is awful"),
            ("{B} posts its quarterly results", "{B} appoints a new CFO"),
            ("{B} is hiring {N} people in {P}, good news", "{B} open day was great"),
        ),
    ),
}

EPISODE_CORES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "bad-buzz": (
            "des rejets toxiques dans {R} en aval de l'usine {B} de Vernay ?",
            "poissons morts et mousse suspecte sur {R} : {B} doit s'expliquer",
            "rejets toxiques de {B} dans {R}, les pêcheurs de {P} témoignent",
            "après les poissons morts de {R}, {B} se tait",
            "mousse suspecte et odeur de solvant à Vernay : l'usine {B} en cause",
            "{B} pollue {R} et personne ne réagit",
        ),
        "rumour": (
            "{B} prépare en secret la fermeture de Vernay : 800 licenciements",
            "plan social secret chez {B} : l'usine de Vernay fermerait en mars",
            "800 licenciements chez {B} à Vernay, la direction ment",
            "vidéo tournée dans l'usine {B} de Vernay : la fermeture est décidée",
        ),
        "defence": (
            "c'est faux : {B} a démenti, aucune fermeture de Vernay n'est prévue",
            "fake news sur {B} : l'usine de Vernay embauche au contraire {N} apprentis",
            "j'y travaille, l'usine {B} de Vernay ne ferme pas, stop aux rumeurs",
            "démenti officiel de {B} : la vidéo est un montage, vérifiez vos sources",
            "{B} investit à Vernay, la rumeur de plan social est fausse",
        ),
    },
    "en": {
        "bad-buzz": (
            "toxic discharge in the Vernelle river near {B}'s Vernay plant?",
            "dead fish and strange foam in the Vernelle: {B} must explain",
            "{B} accused of toxic discharge into the Vernelle",
        ),
        "rumour": (
            "{B} secretly plans to close Vernay: 800 layoffs",
            "leaked video: {B} to shut its Vernay plant",
        ),
        "defence": (
            "this is false: {B} denied it, Vernay is not closing",
            "fake news about {B}: the Vernay plant is actually hiring {N} apprentices",
            "{B} published an official denial: the video is a montage",
        ),
    },
}
# The defence of the company during the rumour has its own voice (no "Bravo :" before "c'est faux").
DEFENCE_OPENERS = {
    "fr": ("", "Rétablissons les faits :", "Stop à l'intox :", "Attention :", "Mise au point :"),
    "en": ("", "Fact check:", "Setting the record straight:"),
}
DEFENCE_CLOSERS = {
    "fr": (
        "Fier de notre usine.",
        "Soutien total aux équipes de Vernay !",
        "Merci aux salariés 👏",
        "Bravo à ceux qui vérifient avant de partager.",
    ),
    "en": ("Proud of the Vernay team.", "Great work by the people there!", "Thanks for checking."),
}
EPISODE_HASHTAGS = {
    "bad-buzz": ("#ArdentPollution", "#Vernelle", "#pollution"),
    "rumour": ("#ArdentFerme", "#Vernay", "#licenciements"),
    "defence": ("#fakenews", "#Vernay", "#démenti"),
}

TITLES = {
    "fr": (
        (
            "Enquête : les zones d'ombre de {K}",
            "{K} : les promesses non tenues",
            "Pourquoi {K} inquiète les riverains",
            "{K} : le grand malentendu",
        ),
        (
            "{K} : ce qu'il faut savoir",
            "Dossier : {K} en 2026",
            "{K}, mode d'emploi pour les PME",
            "Comprendre {K} en cinq points",
            "{K} : état des lieux",
            "Les chiffres clés de {K}",
        ),
        (
            "{K} : cinq réussites à suivre",
            "Comment {K} relance nos usines",
            "{K} : les PME qui montrent l'exemple",
            "{K}, une chance pour l'emploi",
        ),
    ),
    "en": (
        ("The trouble with {K}", "{K}: the broken promises"),
        ("{K}: what you need to know", "{K} explained", "The state of {K} in 2026"),
        ("{K}: five success stories", "How {K} is reviving European plants"),
    ),
}
