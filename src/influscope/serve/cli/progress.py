"""A progress bar on stderr (rows/s, ETA) for long work; silent when stderr is not a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

from influscope.serve.cli.output import err


@contextmanager
def progress_bar(
    label: str, unit: str | None = "rows"
) -> Iterator[Callable[[int, int | None], None]]:
    """Yield a ``update(done, total)`` callback drawing a bar, or a no-op off a terminal.

    ``unit`` names what is counted for the rate column (``None``: steps, no rate).
    """
    if not err.console.is_terminal:
        yield lambda done, total: None
        return
    rate = [TextColumn("{task.fields[rate]} " + unit + "/s")] if unit else []
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        *rate,
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err.console, transient=True) as bar:
        task = bar.add_task(label, total=None, rate="-")

        def update(done: int, total: int | None) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, completed=done, total=total, rate=f"{speed:,.0f}" if speed else "-")

        yield update
