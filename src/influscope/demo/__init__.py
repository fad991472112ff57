"""The SIMULATED demo scenario: a generated source of input files for influscope.

A fictional French industrial company (« Ardent Industrie »), three competitors,
three axes, five camps with distinct stances, actors of every kind, a bad
buzz, a false rumour with defenders, a coordinated burst, search demand and
result pages — with the generator's ground truth, so the analyses can be
checked against what was planted. Deterministic for a seed; numpy-vectorised so
millions of documents take seconds.

Example:
    >>> from influscope.demo import write_scenario
    >>> files = write_scenario("demo-input", scale=20_000, seed=7)  # doctest: +SKIP
"""

from influscope.demo.files import (
    INPUT_FOLDER,
    DemoFiles,
    Highlights,
    demo_config_text,
    highlights,
    prepare_folder,
    replay_times,
    write_posts_jsonl,
    write_scenario,
)
from influscope.demo.scenario import MIN_SCALE, build_scenario

__all__ = [
    "INPUT_FOLDER",
    "MIN_SCALE",
    "DemoFiles",
    "Highlights",
    "build_scenario",
    "demo_config_text",
    "highlights",
    "prepare_folder",
    "replay_times",
    "write_posts_jsonl",
    "write_scenario",
]
