"""Coverage-guided fuzzing of every reader and the query parser with atheris (libFuzzer).

For each target of ``tests/fuzz/targets.py`` (and ``query``), a worker process
imports influscope with atheris' coverage instrumentation and lets libFuzzer
mutate the seed corpus (the presets, graphs and hostile files of the tests)
for ``--seconds``. Any exception other than an InfluscopeError naming the
file, and any broken invariant (a record off the file's lines, a row neither
imported nor rejected), is a crash: libFuzzer stops the target and keeps the
input under ``--findings``. The summary (executions, coverage, crashes) goes
to BENCHMARKS.md.

atheris installs from PyPI (``pip install 'influscope[fuzz]'``, done by
``make fuzz``). Example::

    python bench/fuzz.py --seconds 120
    python bench/fuzz.py --targets csv,gexf,query --seconds 600
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def _worker(target: str, corpus: Path, findings: Path, seconds: int) -> None:
    """Run libFuzzer on one target (in its own process: libFuzzer exits on a crash)."""
    import atheris

    with atheris.instrument_imports(include=["influscope"]):
        from tests.fuzz import targets

    def one_input(data: bytes) -> None:
        if target == "query":
            targets.run_query(data.decode("utf-8", "replace"))
        else:
            targets.run(target, data)

    findings.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        "-print_final_stats=1",
        "-timeout=30",
        "-rss_limit_mb=3072",
        "-max_len=65536",
        f"-artifact_prefix={findings}/{target}-",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def _seed(target: str, corpus: Path) -> None:
    """Write the target's seeds into its corpus folder (kept between runs)."""
    from tests.fuzz.seeds import seeds

    corpus.mkdir(parents=True, exist_ok=True)
    examples = seeds(target) if target != "query" else _query_seeds()
    for number, data in enumerate(examples):
        (corpus / f"seed-{number}").write_bytes(data)


def _query_seeds() -> list[bytes]:
    return [
        q.encode()
        for q in (
            '("usine du futur" OR industrie NEAR/3 "4.0") AND NOT lang:de',
            "#Industrie40 @acme author:twitter:jd domain:lemonde.fr",
            "l'usine* OR (élysée AND (NOT a))",
            '"a phrase" NEAR/100 b OR url:https://x.fr/a',
        )
    ]


def _summary(target: str, output: str, seconds: float) -> dict[str, str]:
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", output)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", output)
    crash = re.search(r"(Uncaught Python exception: .*?)(?:\n\n|$)", output, re.S)
    artifact = re.search(r"Test unit written to (\S+)", output)
    finding = ""
    if crash:
        lines = [line for line in crash.group(1).splitlines() if line.strip()]
        finding = " / ".join(lines[-2:])[:300]
    return {
        "target": target,
        "runs": runs[-1] if runs else "?",
        "coverage": f"{cov[-1][0]} edges, {cov[-1][1]} features" if cov else "?",
        "seconds": f"{seconds:.0f}",
        "finding": finding or "none",
        "artifact": artifact.group(1) if artifact else "",
    }


def main() -> None:
    """Fuzz each target for a while and record what was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    parser.add_argument("--targets", default="", help="comma-separated (default: all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/influscope-fuzz"))
    parser.add_argument("--findings", type=Path, default=ROOT / "bench" / "fuzz-findings")
    parser.add_argument("--worker", default="", help=argparse.SUPPRESS)
    parser.add_argument("--no-record", action="store_true", help="do not write BENCHMARKS.md")
    args, _ = parser.parse_known_args()
    if args.worker:
        _worker(args.worker, args.work / args.worker, args.findings, args.seconds)
        return
    from tests.fuzz.targets import TARGETS

    chosen = [t for t in args.targets.split(",") if t] or [*sorted(TARGETS), "query"]
    rows = []
    for target in chosen:
        _seed(target, args.work / target)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, __file__, "--worker", target, "--seconds", str(args.seconds),
             "--work", str(args.work), "--findings", str(args.findings)],
            capture_output=True, text=True, check=False, env=os.environ | {"PYTHONHASHSEED": "0"},
        )  # fmt: skip
        row = _summary(target, done.stdout + done.stderr, time.monotonic() - started)
        rows.append(row)
        print(f"{target}: {row['runs']} runs, {row['coverage']}, finding: {row['finding']}")
    total = sum(int(r["runs"]) for r in rows if r["runs"].isdigit())
    found = [r for r in rows if r["finding"] != "none"]
    lines = [
        f"{len(rows)} targets, **{total:,} inputs run**, {len(found)} with a finding",
        *[
            f"`{r['target']}`: {int(r['runs']):,} runs in {r['seconds']} s, {r['coverage']}; "
            f"finding: {r['finding']}" + (f" ({r['artifact']})" if r["artifact"] else "")
            for r in rows
            if r["runs"].isdigit()
        ],
    ]
    if not args.no_record:
        from common import record

        command = "python bench/fuzz.py " + " ".join(sys.argv[1:])
        record("Fuzzing (atheris, coverage-guided)", command.strip(), lines)
    else:
        print("\n".join(lines))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
