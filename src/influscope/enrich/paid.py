"""Paid-content flags: posts that disclose a commercial partnership.

Paid posts must be told from spontaneous ones: an influencer's sponsored
enthusiasm is not an ally's. Disclosure markers are regular enough for a
pattern list: ``#ad``, ``#sponsored``, ``#sponsorisé``, ``#partenariat``,
« partenariat rémunéré », « collaboration commerciale », « publicité », "paid
partnership", "in partnership with"… The text is folded first (lower case,
no accents, typographic apostrophes) so ``#Sponsorisé`` and ``#sponsorise``
match alike. The field ``paid`` is ``true``/``false``; ``paid_marker`` names
the marker found, so a reviewer sees why.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from influscope.config import Config
from influscope.enrich.base import ENRICHMENT_SCHEMA, EnrichContext, EnricherBase, result_table
from influscope.enrich.text import combine_text, fold

MARKERS = (
    r"#ad\b", r"#ads\b", r"#advert\w*", r"#sponsored\b", r"#sponsor\b", r"#spon\b",
    r"#paidpartnership\b", r"#partner\b", r"#gifted\b", r"#collab\b",
    r"#sponsoris\w*", r"#partenariat\w*", r"#pub\b", r"#publicite\b", r"#collaboration\w*",
    r"#produitoffert\b", r"#offert\b",
    r"\bpaid partnership\b", r"\bpaid promotion\b", r"\bsponsored by\b",
    r"\bin partnership with\b", r"\bpartenariat remunere\b", r"\bcollaboration commerciale\b",
    r"\bpartenariat commercial\b", r"\ben partenariat avec\b", r"\bsponsorise par\b",
    r"\bpublicite\b", r"\bproduit offert\b", r"\bcontenu sponsorise\b",
)  # fmt: skip
PATTERN = "(?P<marker>" + "|".join(MARKERS) + ")"


class PaidContentEnricher(EnricherBase):
    """Flags documents that disclose sponsorship (FR/EN markers).

    Example:
        >>> PaidContentEnricher().fields
        ('paid', 'paid_marker')
    """

    name = "paid"
    version = "1"
    subject = "document"
    fields = ("paid", "paid_marker")
    columns = ("doc_id", "text", "title")

    @classmethod
    def from_config(cls, config: Config) -> PaidContentEnricher:
        """Built without options."""
        return cls()

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """One ``paid`` row per document, plus ``paid_marker`` where a marker is found."""
        folded = fold(combine_text(rows))
        found = pc.extract_regex(folded, PATTERN)
        marker = pc.struct_field(found, [0])
        flagged = pc.is_valid(marker)
        ids = rows.column("doc_id")
        paid = result_table(
            ids,
            "paid",
            pc.if_else(flagged, "true", "false"),
            pc.cast(flagged, pa.float64()),
        )
        markers = result_table(
            ids.filter(flagged),
            "paid_marker",
            marker.filter(flagged),
            pa.array([1.0] * int(pc.sum(flagged).as_py() or 0), pa.float64()),
        )
        return pa.concat_tables([paid, markers]).cast(ENRICHMENT_SCHEMA)
