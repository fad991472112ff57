"""What an actor's own posts say about its kind, when its profile says nothing.

Exports often carry no bio (the airline tweets have a handle and nothing
else), so the posts are the evidence. Three habits are read, in French and
English, over the actor's original posts (reposts carry someone else's words):

- **headlines** — a post with a link, no first- or second-person word and no
  question: how a news account or an aggregator writes (``@JetBlue Airways
  Stock Rating Lowered … http://…``) → ``media``;
- **customer** — talk of one's own purchase, trip or service problem that is
  not a headline (« ma commande », "my flight", "on hold for an hour",
  "rebook me") on most posts → ``citizen`` (a member of the public speaking as
  a customer);
- **first person** — a private voice (``I``, ``my``, « je », « mon »)
  with no headline habit → ``citizen``, with less weight.

A habit counts only over at least :data:`MIN_ORIGINALS` original posts and
when it holds for most of them, so one chatty post never types an account;
the weight grows with the number of posts that show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from influscope.analyze.kinds import Evidence
from influscope.errors import N_, Phrase

MIN_ORIGINALS = 3
URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
MENTION = re.compile(r"(?<!\w)@\w+")
FIRST_PERSON = re.compile(
    r"(?<![\w'])(?:i|i'm|i've|i'd|i'll|im|me|my|mine|we|we're|our|us|je|j'|moi|mon|ma|mes|"
    r"nous|notre|nos)(?![\w])|(?<![\w])j['’]",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(
    r"(?<![\w'])(?:you|your|you're|vous|votre|vos|tu|ton|ta|tes)(?!\w)", re.I
)
OWN_THINGS = re.compile(
    r"(?<!\w)(?:my|our|mon|ma|mes|notre|nos)\s+(?:\w+\s+)?"
    r"(?:flights?|flt|bags?|luggage|baggage|suitcase|seats?|booking|reservation|tickets?|"
    r"refund|voucher|connection|layover|trip|order|delivery|package|parcel|account|bill|"
    r"subscription|car|phone|card|points|miles|upgrade|confirmation|itinerary|"
    r"vols?|bagages?|valises?|sièges?|réservation|billets?|remboursement|commande|"
    r"livraison|colis|compte|facture|abonnement|voyage|correspondance|carte)(?!\w)",
    re.IGNORECASE,
)
SERVICE_EVENT = re.compile(
    r"(?<!\w)(?:delayed|delays?|cancell?ed|stuck|stranded|lost|missed|rebook(?:ed|ing)?|on hold|"
    r"waiting|wait|refund|reimburse\w*|compensat\w*|customer service|customer support|"
    r"reservations?|record locator|confirmation|itinerary|booked|boarding|tarmac|gate|"
    r"luggage|baggage|bags?|seats?|upgrade|miles|flights?|connection|layover|tickets?|"
    r"en retard|retard|annulée?|bloquée?|perdue?|remboursement|service client|réservation|"
    r"commande|livraison|colis|billets?|bagages?|correspondance|vols?)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Behaviour:
    """How many of an actor's original posts show each habit."""

    originals: int = 0
    first_person: int = 0
    customer: int = 0
    headlines: int = 0

    def share(self, count: int) -> float:
        """``count`` as a share of the original posts (0 without any)."""
        return count / self.originals if self.originals else 0.0


def read_posts(texts: Iterable[str]) -> Behaviour:
    """Count the habits over an actor's original posts."""
    originals = first = customer = headlines = 0
    for raw in texts:
        text = raw or ""
        if not text.strip():
            continue
        originals += 1
        body = URL.sub(" ", text)
        personal = bool(FIRST_PERSON.search(MENTION.sub(" ", body)))
        first += personal
        headline = bool(URL.search(text)) and not personal and not SECOND_PERSON.search(body)
        headline = headline and "?" not in body
        headlines += headline
        if not headline and (OWN_THINGS.search(body) or SERVICE_EVENT.search(body)):
            customer += 1
    return Behaviour(originals, first, customer, headlines)


def behaviour_evidence(habits: Behaviour) -> list[Evidence]:
    """The kind clues of an actor's habits (see module doc)."""
    n = habits.originals
    if n < MIN_ORIGINALS:
        return []
    found: list[Evidence] = []

    # More posts showing a habit, more weight: 3 posts 0.45, 10 posts or more ~0.65.
    def weight(base: float, count: int) -> float:
        return round(min(base + 0.03 * min(count, 10), base + 0.3), 3)

    headline_share = habits.share(habits.headlines)
    if headline_share >= 0.75 and habits.share(habits.first_person) <= 0.2:
        found.append(
            Evidence(
                "media",
                "behaviour",
                weight(0.25, habits.headlines),
                Phrase(
                    N_("{count} of {posts} posts are headlines with a link"),
                    count=habits.headlines,
                    posts=n,
                ),
            )
        )
        return found
    if habits.share(habits.customer) >= 0.5:
        found.append(
            Evidence(
                "citizen",
                "behaviour",
                weight(0.35, habits.customer),
                Phrase(
                    N_(
                        "{count} of {posts} posts speak as a customer (own trip, order, "
                        "booking or service problem)"
                    ),
                    count=habits.customer,
                    posts=n,
                ),
            )
        )
    elif habits.share(habits.first_person) >= 0.5:
        found.append(
            Evidence(
                "citizen",
                "behaviour",
                weight(0.25, habits.first_person),
                Phrase(
                    N_("{count} of {posts} posts are written in the first person"),
                    count=habits.first_person,
                    posts=n,
                ),
            )
        )
    return found
