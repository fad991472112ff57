"""Small CSV files about actors: labels, the employee roster, offline notes.

Each reader yields clean rows and collects bad ones as :class:`RowError` with
file and line, so a typo in row 40 is reported and the other rows still land.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influscope.errors import N_, InputError, Phrase
from influscope.ingest.batch import FieldError
from influscope.ingest.files import encoding as enc
from influscope.ingest.files.readers import DelimitedRows, open_text
from influscope.ingest.values import check_id, to_utc
from influscope.model import RowError

STANCES = ("ally", "sympathiser", "neutral", "detractor")
REQUIRED_ACTOR = Phrase(N_("actor_id is required"))
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


def table_rows(
    path: Path, required: tuple[str, ...], encoding: str | None, out: TableRead
) -> tuple[list[tuple[int, dict[str, str]]], str]:
    """The rows of the file at their first line; unreadable rows go to ``out.errors``.

    Every row is checked here for what any actor table refuses: undecodable
    bytes, a wrong number of fields, an ``actor_id`` with a control character.
    """
    if not path.exists():
        raise InputError(N_("{path}: no such file."), path=str(path))
    name = str(path)
    rows: list[tuple[int, dict[str, str]]] = []
    with open_text(path, encoding) as handle:
        reader = DelimitedRows(handle, ",")
        header: list[str] | None = None
        for line, cells in reader:
            if header is None:
                header = [c.strip() for c in cells or []]
                missing = [c for c in required if c not in header]
                if missing:
                    raise InputError(
                        N_("{path}: missing column(s) {missing}."),
                        N_("The file needs a header line with: {required}."),
                        path=str(path),
                        missing=", ".join(missing),
                        required=", ".join(required),
                    )
                continue
            error = _row_error(cells, header, reader)
            if error is not None or cells is None:
                field_name, reason = error or (None, reader.error)
                out.errors.append(RowError(name, line, field_name, reason, reader.raw()))
                continue
            row = {k: v.strip() for k, v in zip(header, cells, strict=False)}
            rows.append((line, row | {c: "" for c in header if c not in row}))
    return rows, name


def _row_error(
    cells: list[str] | None, header: list[str], reader: DelimitedRows
) -> tuple[str | None, str] | None:
    """The field and reason a row is rejected for, or None when it reads."""
    if cells is None:
        return None, reader.error
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        found = f"expected {len(header)} fields as in the header, found {len(cells)}"
        return None, reader.misfit(found)
    for key, value in zip(header, cells, strict=False):
        if enc.damaged(value):
            return key, enc.decode_error(reader.encoding, value)
        if "\x00" in value:
            return key, "NUL character (U+0000) in the value"
    if "actor_id" in header:
        try:
            check_id(
                cells[header.index("actor_id")] if header.index("actor_id") < len(cells) else ""
            )
        except ValueError as exc:
            return "actor_id", str(exc)
    return None


def read_labels(path: Path, encoding: str | None = None) -> TableRead:
    """``actor_id,field,value`` rows; stance values are checked and normalised."""
    out = TableRead()
    rows, name = table_rows(path, ("actor_id", "field", "value"), encoding, out)
    for line, row in rows:
        actor, fld, value = row["actor_id"].lower(), row["field"].lower(), row["value"]
        if not actor or not fld:
            out.errors.append(
                RowError(name, line, "actor_id", Phrase(N_("actor_id and field are required")))
            )
            continue
        if fld == "stance":
            stance = normalise_stance(value)
            if stance is None:
                out.errors.append(RowError(name, line, "value", _not_a_stance(value)))
                continue
            value = stance
        elif fld == "kind":
            value = value.lower()
        out.rows.append({"actor_id": actor, "field": fld, "value": value})
    out.errors.sort(key=lambda e: e.line or 0)
    return out


def _not_a_stance(value: str) -> Phrase:
    """The reason a row's stance is rejected: the value, and the stances there are."""
    return Phrase(
        N_("not a stance: {value} (use {allowed})"), value=repr(value), allowed=", ".join(STANCES)
    )


def read_roster(path: Path, encoding: str | None = None) -> TableRead:
    """``actor_id,name,department`` rows (name and department optional)."""
    out = TableRead()
    rows, name = table_rows(path, ("actor_id",), encoding, out)
    for line, row in rows:
        if not row["actor_id"]:
            out.errors.append(RowError(name, line, "actor_id", REQUIRED_ACTOR))
            continue
        out.rows.append(
            {
                "actor_id": row["actor_id"].lower(),
                "name": row.get("name") or None,
                "department": row.get("department") or None,
            }
        )
    out.errors.sort(key=lambda e: e.line or 0)
    return out


def read_notes(path: Path, encoding: str | None = None) -> TableRead:
    """``actor_id,date,stance,note,owner`` rows; dates normalised to UTC."""
    out = TableRead()
    rows, name = table_rows(path, ("actor_id", "date"), encoding, out)
    for line, row in rows:
        if not row["actor_id"]:
            out.errors.append(RowError(name, line, "actor_id", REQUIRED_ACTOR))
            continue
        try:
            date = to_utc(row["date"])
        except (TypeError, ValueError) as exc:
            out.errors.append(RowError(name, line, "date", FieldError.of("date", exc).reason))
            continue
        if date is None:
            out.errors.append(RowError(name, line, "date", Phrase(N_("date is required"))))
            continue
        stance_text = row.get("stance") or ""
        stance = normalise_stance(stance_text) if stance_text else None
        if stance_text and stance is None:
            out.errors.append(RowError(name, line, "stance", _not_a_stance(stance_text)))
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
    out.errors.sort(key=lambda e: e.line or 0)
    return out
