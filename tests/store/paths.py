"""Posts written for one import path or the other: the tests that pin both paths equal use it."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import orjson


def posts_file(folder: Path, rows: list[dict[str, Any]], path_kind: str) -> Path:
    """``rows`` as JSONL: plain for the engine's bulk path, gzipped for the record path."""
    path = folder / "posts.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(row) for row in rows) + b"\n")
    if path_kind == "record":  # the bulk path reads plain JSONL only
        zipped = folder / "posts.jsonl.gz"
        zipped.write_bytes(gzip.compress(path.read_bytes()))
        return zipped
    return path
