"""Sentiment with a Hugging Face model the user names (the ``transformers`` extra).

Set ``[enrich] sentiment_model`` to a model folder (or the name of a model
already in the local Hugging Face cache): influscope never downloads at run
time, so loading uses ``local_files_only``. The model's labels are mapped to
positive / neutral / negative by name (``pos``/``neg``/``neu``…), by star
rating (1–2 negative, 3 neutral, 4–5 positive), or by position for unnamed
``LABEL_n`` heads (2 classes: negative, positive; 3: negative, neutral,
positive). The score is P(positive) − P(negative), comparable with the
lexicon's compound score.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from influscope.enrich.base import EnrichContext, EnricherBase, result_table
from influscope.enrich.text import combine_text
from influscope.errors import N_, ConfigError, MissingExtra, Phrase

HINT = "pip install 'influscope[transformers]'"


def map_labels(id2label: dict[int, str]) -> list[str]:
    """positive/neutral/negative for each output of a classification head, in order."""
    names = [str(id2label[i]).lower() for i in sorted(id2label)]
    mapped = []
    for name in names:
        if "neg" in name:
            mapped.append("negative")
        elif "pos" in name:
            mapped.append("positive")
        elif "neu" in name:
            mapped.append("neutral")
        elif name[:1].isdigit() and ("star" in name or len(names) == 5):
            stars = int(name[0])
            mapped.append("negative" if stars <= 2 else "neutral" if stars == 3 else "positive")
        else:
            mapped.append("")
    if all(mapped):
        return mapped
    if len(names) == 3:
        return ["negative", "neutral", "positive"]
    if len(names) == 2:
        return ["negative", "positive"]
    raise ConfigError(
        N_("Cannot read the labels {labels} of the sentiment model as positive/neutral/negative."),
        N_("Use a model whose labels name the sentiment, or with 2 or 3 outputs."),
        labels=str(names),
    )


class TransformersSentiment(EnricherBase):
    """Sentiment from a local Hugging Face sequence-classification model."""

    name = "sentiment"
    subject = "document"
    fields = ("sentiment",)
    columns = ("doc_id", "text", "title", "lang")
    requires = ("language",)

    def __init__(self, model: str, batch_size: int = 32, max_length: int = 256) -> None:
        self.model_name = model
        self.batch_size = batch_size
        self.max_length = max_length
        self._loaded: tuple[Any, Any, list[str]] | None = None

    def available(self) -> str | None:
        """Why this enricher cannot run here (None when it can)."""
        for package in ("transformers", "torch"):
            if importlib.util.find_spec(package) is None:
                return Phrase(N_("{package} is not installed: {hint}"), package=package, hint=HINT)
        return None

    @property
    def version(self) -> str:
        """The model's name plus a fingerprint of its files when it is a folder."""
        path = Path(self.model_name)
        digest = hashlib.sha256(self.model_name.encode())
        if path.is_dir():
            for item in sorted(path.iterdir()):
                if item.is_file():
                    stat = item.stat()
                    digest.update(f"{item.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
        return f"transformers-{digest.hexdigest()[:12]}"

    def load(self) -> tuple[Any, Any, list[str]]:
        """Tokenizer, model and label mapping (loaded once, offline)."""
        if self._loaded is None:
            reason = self.available()
            if reason:
                raise MissingExtra("transformers", "transformers", "A Hugging Face sentiment model")
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            try:
                tokenizer = AutoTokenizer.from_pretrained(self.model_name, local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(
                    self.model_name, local_files_only=True
                )
            except OSError as exc:
                raise ConfigError(
                    N_("Cannot load the sentiment model {model}: {reason}"),
                    N_(
                        "Point [enrich] sentiment_model at a local model folder "
                        "(influscope never downloads)."
                    ),
                    model=repr(self.model_name),
                    reason=str(exc),
                ) from exc
            model.eval()
            self._loaded = (tokenizer, model, map_labels(model.config.id2label))
        return self._loaded

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Classify each row's text."""
        import torch

        tokenizer, model, mapping = self.load()
        texts = combine_text(rows).to_pylist()
        values: list[str] = []
        scores: list[float] = []
        positive = [i for i, m in enumerate(mapping) if m == "positive"]
        negative = [i for i, m in enumerate(mapping) if m == "negative"]
        with torch.no_grad():
            for start in range(0, len(texts), self.batch_size):
                chunk = [t or "" for t in texts[start : start + self.batch_size]]
                encoded = tokenizer(
                    chunk,
                    truncation=True,
                    max_length=self.max_length,
                    padding=True,
                    return_tensors="pt",
                )
                probabilities = torch.softmax(model(**encoded).logits, dim=-1).numpy()
                best = probabilities.argmax(axis=1)
                values += [mapping[i] for i in best]
                compound = probabilities[:, positive].sum(axis=1) - probabilities[:, negative].sum(
                    axis=1
                )
                scores += np.asarray(compound, dtype=np.float64).tolist()
        return result_table(rows.column("doc_id"), "sentiment", values, scores)
