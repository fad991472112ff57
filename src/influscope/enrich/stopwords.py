"""French and English stop words, folded (lower case, no accents), plus social-media noise.

The French list was written for influscope (function words, auxiliaries and
the pieces left by split elisions); the English one is scikit-learn's.
"""

from __future__ import annotations

from functools import lru_cache

FRENCH = """
a au aux avec ce ces c ca cela celle celles celui ceux cet cette comme d dans de des du
elle elles en et eu eux il ils j je l la le les leur leurs lui m ma mais me meme mes moi
mon n ne ni nos notre nous on ou par pas pour qu que qui s sa sans se ses si son sont sur
t ta te tes toi ton tu un une vos votre vous y est etait etre ete sera seront sont suis es
sommes etes ai as avons avez ont avait avaient aura fait faire font plus moins tres tout
tous toute toutes aussi alors donc car or quand comment pourquoi ici la-bas apres avant
depuis pendant encore deja ainsi autre autres bien peu trop chez contre entre vers sous
dont quel quelle quels quelles ceci voici voila lors leurs jusqu lorsqu puisqu quoiqu
peut peuvent doit doivent va vont fois faut ete cest sest jai ya rien chaque selon
""".split()
# Words that say nothing of a topic in a theme: answers, adverbs of degree and
# time, light verbs. Kept apart from FRENCH, the function words the sentiment's
# imported lists leave out, where "jamais" or "vraiment" may carry an opinion.
FILLERS = """
oui non ouais seulement toujours jamais vraiment beaucoup tellement souvent parfois
parce puis dire aller avoir pouvoir vouloir devoir savoir falloir
""".split()
NOISE = """
rt via amp http https www com fr html _url_ _user_ co t s d l m n j qu cc lol
ok okay mdr ptdr bah ben hein euh ah oh haha yes yeah
""".split()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """French + English stop words and social noise, folded."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(FRENCH) | frozenset(FILLERS) | frozenset(ENGLISH_STOP_WORDS) | frozenset(NOISE)
