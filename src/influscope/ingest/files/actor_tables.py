"""Small CSV files about actors: labels, the employee roster, offline notes.

Each reader yields clean rows and collects bad ones as :class:`RowError` with
file and line, so a typo in row 40 is reported and the other rows still land.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influscope.errors import InputError
from influscope.ingest.files.readers import open_text
from influscope.ingest.values import to_utc
from influscope.model import RowError

STANCES = ("ally", "sympathiser", "neutral", "detractor")
# Spellings people type, mapped to the four stances.
STANCE_ALIASES = {
    "sympathizer": "sympathiser",
    "allie": "ally",
    "allié": "ally",
    "sympathisant": "sympathiser",
    "neutre": "neutral",
    "détracteur": "detractor",
    "detracteur": "detractor",
    "favor": "ally",
    "against": "detractor",
    "none": "neutral",
}


@dataclass
class TableRead:
    """Rows read from a CSV file, plus the ones rejected."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def normalise_stance(value: str | None) -> str | None:
    """One of :data:`STANCES`, or None when the value is not a stance.

    >>> normalise_stance(" Allié ")
    'ally'
    """
    if value is None:
        return None
    text = value.strip().lower()
    text = STANCE_ALIASES.get(text, text)
    return text if text in STANCES else None


def _rows(path: Path, required: tuple[str, ...]) -> tuple[list[tuple[int, dict[str, str]]], str]:
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(
                f"{path}: missing column(s) {', '.join(missing)}.",
                f"The file needs a header line with: {', '.join(required)}.",
            )
        rows = [
            (reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items()})
            for row in reader
        ]
    return rows, str(path)


def read_labels(path: Path) -> TableRead:
    """``actor_id,field,value`` rows; stance values are checked and normalised."""
    rows, name = _rows(path, ("actor_id", "field", "value"))
    out = TableRead()
    for line, row in rows:
        actor, fld, value = row["actor_id"].lower(), row["field"].lower(), row["value"]
        if not actor or not fld:
            out.errors.append(RowError(name, line, "actor_id", "actor_id and field are required"))
            continue
        if fld == "stance":
            stance = normalise_stance(value)
            if stance is None:
                out.errors.append(
                    RowError(
                        name, line, "value", f"not a stance: {value!r} (use {', '.join(STANCES)})"
                    )
                )
                continue
            value = stance
        elif fld == "kind":
            value = value.lower()
        out.rows.append({"actor_id": actor, "field": fld, "value": value})
    return out


def read_roster(path: Path) -> TableRead:
    """``actor_id,name,department`` rows (name and department optional)."""
    rows, name = _rows(path, ("actor_id",))
    out = TableRead()
    for line, row in rows:
        if not row["actor_id"]:
            out.errors.append(RowError(name, line, "actor_id", "actor_id is required"))
            continue
        out.rows.append(
            {
                "actor_id": row["actor_id"].lower(),
                "name": row.get("name") or None,
                "department": row.get("department") or None,
            }
        )
    return out


def read_notes(path: Path) -> TableRead:
    """``actor_id,date,stance,note,owner`` rows; dates normalised to UTC."""
    rows, name = _rows(path, ("actor_id", "date"))
    out = TableRead()
    for line, row in rows:
        if not row["actor_id"]:
            out.errors.append(RowError(name, line, "actor_id", "actor_id is required"))
            continue
        try:
            date = to_utc(row["date"])
        except (TypeError, ValueError) as exc:
            out.errors.append(RowError(name, line, "date", f"not a date: {row['date']!r} ({exc})"))
            continue
        if date is None:
            out.errors.append(RowError(name, line, "date", "date is required"))
            continue
        stance_text = row.get("stance") or ""
        stance = normalise_stance(stance_text) if stance_text else None
        if stance_text and stance is None:
            out.errors.append(RowError(name, line, "stance", f"not a stance: {stance_text!r}"))
            continue
        out.rows.append(
            {
                "actor_id": row["actor_id"].lower(),
                "date": date,
                "stance": stance,
                "note": row.get("note") or None,
                "owner": row.get("owner") or "",
            }
        )
    return out
