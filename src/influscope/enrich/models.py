"""Trained classifiers in a workspace: saved with joblib, listed in ``models``, applied by enrich.

Each training writes ``models/<field>-<version>.joblib`` under the workspace
and one row in the ``models`` table (metrics as JSON). ``influscope enrich``
then runs one :class:`LearnedEnricher` per field with the newest model; its
producer is ``learned:<field>``, which exports prefer over default producers,
and labelled documents keep their human label (score 1.0).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ibis
import orjson
import pyarrow as pa

from influscope.enrich import vectors
from influscope.enrich.base import EnrichContext, EnricherBase, result_table
from influscope.enrich.learned import TrainResult, predict
from influscope.enrich.text import combine_text
from influscope.errors import N_, StoreError
from influscope.store.runs import now
from influscope.store.writer import Writer

MODEL_DIR = "models"
KIND = "tfidf-logreg"
REPLY_STANCE = "reply_stance"
REPLY_STANCE_KIND = "reply-stance-thread"


def model_path(field: str, version: str) -> str:
    """The workspace-relative file of a model (field names made file-safe)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", field)
    return f"{MODEL_DIR}/{safe}-{version}.joblib"


def save(
    root: Path, writer: Any, field: str, result: TrainResult, run_id: str, kind: str = KIND
) -> str:
    """Write the model file and its ``models`` row; returns the relative path."""
    import joblib

    relative = model_path(field, result.version)
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"field": field, "version": result.version, "model": result.model}, target)
    row = {
        "field": field,
        "version": result.version,
        "path": relative,
        "kind": kind,
        "labels": int(result.metrics.get("labels", 0)),
        "metrics": orjson.dumps(result.metrics).decode(),
        "trained_at": now(),
        "run_id": run_id,
    }
    writer.upsert("models", pa.Table.from_pylist([row]), coalesce=False)
    return relative


def latest(store: Any) -> list[dict[str, Any]]:
    """The newest model of each field."""
    models = store.table("models")
    rank = ibis.row_number().over(group_by=models.field, order_by=ibis.desc(models.trained_at))
    newest = models.mutate(_r=rank).filter(lambda t: t._r == 0).drop("_r").order_by("field")
    rows: list[dict[str, Any]] = store.to_arrow(newest).to_pylist()
    for row in rows:
        row["metrics"] = orjson.loads(row["metrics"]) if row.get("metrics") else {}
    return rows


def load(root: Path, relative: str) -> Any:
    """Load a saved model (raises a StoreError naming the file when it is gone)."""
    import joblib

    path = root / relative
    if not path.exists():
        raise StoreError(
            N_("Model file {path} is missing."),
            N_("Train it again with 'influscope train FIELD'."),
            path=str(path),
        )
    return joblib.load(path)["model"]


class LearnedEnricher(EnricherBase):
    """Fills a field for every document with a model trained on the workspace's labels."""

    subject = "document"
    columns = ("doc_id", "text", "title", "lang")
    requires = ("language",)

    def __init__(self, root: Path, row: dict[str, Any], labels: dict[str, str]) -> None:
        self.field = row["field"]
        self.name = f"learned:{self.field}"
        self.version = row["version"]
        self.fields = (self.field,)
        self.path = row["path"]
        self.root = root
        self.labels = labels
        self._model: Any = None
        self._embeds = False
        # Sentence embeddings encoded by this batch, written with its results (persist).
        self._vectors: pa.Table | None = None

    def run(self, context: EnrichContext, rows: pa.Table) -> pa.Table:
        """Predict the field; documents labelled by a person keep their label."""
        if self._model is None:
            self._model = load(self.root, self.path)
            self._embeds = vectors.uses_embeddings(self._model)
        ids = rows.column("doc_id").to_pylist()
        if self.field == REPLY_STANCE and self._reads_threads():
            values, scores = self._reply_stances(context, [str(i) for i in ids])
        else:
            texts = combine_text(rows).to_pylist()
            known = vectors.recall(context.store, texts) if self._embeds else set()
            values, probabilities = predict(self._model, texts)
            scores = probabilities.tolist()
            if self._embeds:
                self._vectors = vectors.fresh([str(i) for i in ids], texts, known)
        for i, doc_id in enumerate(ids):
            label = self.labels.get(doc_id)
            if label is not None:
                values[i], scores[i] = label, 1.0
        return result_table(ids, self.field, values, scores)

    def persist(self, writer: Writer, rows: pa.Table, result: pa.Table) -> None:
        """Keep the sentence embeddings this batch encoded (:mod:`influscope.enrich.vectors`)."""
        if self._vectors is not None:
            writer.append(vectors.TABLE, self._vectors)
            self._vectors = None

    def _reads_threads(self) -> bool:
        """Whether the model is the thread-aware reply-stance model (older ones read text only)."""
        from influscope.enrich.reply_stance_model import ReplyStanceModel

        return isinstance(self._model, ReplyStanceModel)

    def _reply_stances(
        self, context: EnrichContext, ids: list[str]
    ) -> tuple[list[str], list[float]]:
        """Each post read against its parent and thread (the model of ``train reply_stance``)."""
        from influscope.enrich.reply_context import replies_of

        if not ids:
            return [], []
        replies = replies_of(context.store, ids)
        texts = [r.text for r in replies]
        known = vectors.recall(context.store, texts) if self._embeds else set()
        weights = self._model.predict_proba(replies)
        if self._embeds:
            self._vectors = vectors.fresh(ids, texts, known)
        classes = self._model.classes_
        best = weights.argmax(axis=1)
        return [classes[i] for i in best], weights.max(axis=1).tolist()
