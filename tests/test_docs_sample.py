"""The getting-started page stays true: its sample is what the generator writes, and its
commands, run as written on that sample, print what the page shows."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from scripts.docs_sample import write_sample

from influscope.serve.cli.app import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "docs" / "sample"
PAGE = ROOT / "docs" / "getting-started.md"
# `serve` runs until stopped; the wheel test (tests/test_distribution.py) serves and browses.
BLOCKING = re.compile(r"^influscope -w \S+ serve\b")


def test_sample_is_what_the_generator_writes(tmp_path):
    write_sample(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in SAMPLE.iterdir() if p.name != "LICENSE")
    for name in written:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), (
            f"docs/sample/{name} is stale: run python scripts/docs_sample.py"
        )


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.slow
def test_getting_started_runs_as_written(tmp_path, monkeypatch, capsys):
    """Each command of the page's shell blocks, in order, in a copy of the sample folder.

    The verbs run in this process (the CLI's own ``main``), which spares a Python start-up
    per command; the page's one shell line that is not a verb (``cat A >> B``) is done here.
    """
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("INFLUSCOPE_WORKSPACE", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    lines = [line for block in _blocks("sh") for line in block.splitlines() if line.strip()]
    output, verbs = [], 0
    for line in lines:
        argv = shlex.split(line, comments=True)
        if BLOCKING.match(line):
            continue
        if argv[0] == "influscope":
            code = main(argv[1:])
            verbs += 1
        else:
            assert argv[0] == "cat" and argv[2] == ">>", f"not a command the test runs: {line}"
            with open(argv[3], "a", encoding="utf-8") as target:
                target.write(Path(argv[1]).read_text(encoding="utf-8"))
            code = 0
        captured = capsys.readouterr()
        output.append(captured.out + captured.err)
        assert code == 0, (line, output[-1][-3000:])
    assert verbs >= 14
    shown = [line for block in _blocks("text") for line in block.splitlines() if line.strip()]
    assert len(shown) >= 5
    printed = "".join(output)
    # "…" elides the tail of a figure (0.2184… for 0.21846925028580658): each side must be there.
    missing = [line for line in shown if any(part not in printed for part in line.split("…"))]
    assert not missing, f"the page shows lines the commands did not print: {missing}"
    assert (folder / "rapport.pdf").read_bytes().startswith(b"%PDF")
