"""Property-based fuzzing of every reader and preset: 0 tracebacks, rows at true lines.

Each target (``tests/fuzz/targets.py``) gets mutated seeds, raw bytes and
token soups. CI runs a few dozen derandomised examples per target (the
``ci`` hypothesis profile, see tests/conftest.py); ``make fuzz`` runs
thousands, then the coverage-guided run of ``bench/fuzz.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.fuzz.seeds import inputs
from tests.fuzz.targets import TARGETS, run

EXAMPLES = int(os.environ.get("INFLUSCOPE_FUZZ_EXAMPLES", "30"))


@pytest.mark.parametrize("target", sorted(TARGETS))
@settings(max_examples=EXAMPLES)
@given(data=st.data())
def test_reader_never_raises_anything_but_a_located_error(target: str, data: st.DataObject) -> None:
    # run() raises on anything but an InfluscopeError naming the file, and on a
    # record out of file order or off the file's lines.
    outcome = run(target, data.draw(inputs(target), label="input"))
    if outcome.error is None:
        # No silent loss: every record read is mapped or rejected.
        assert outcome.mapped + outcome.rejected == outcome.records


# Inputs on which the coverage-guided run (bench/fuzz.py) once crashed a reader.
FOUND = sorted((DATA / "fuzz").iterdir())


@pytest.mark.parametrize("path", FOUND, ids=[p.name for p in FOUND])
def test_former_crashes_stay_fixed(path: Path) -> None:
    target = path.name.split("-", 1)[0]
    outcome = run(target, path.read_bytes())
    assert outcome.error is not None or outcome.mapped + outcome.rejected == outcome.records
