"""Whether a workspace has a lake, and which engine a heavy analysis reads with.

A workspace without ``[store] lake`` keeps everything in its DuckDB file: the
imports write there and every analysis reads it, as always. With a lake, the
imports write the canonical tables to it (:class:`~influscope.store.lake_sink.LakeSink`)
and the heavy analyses (share of voice first) read it through the engine of
``[store] engine`` or of ``influscope --engine``: DuckDB on this machine, Spark
on a cluster (:class:`~influscope.store.lake_read.LakeStore`). The analyses
themselves are the same Ibis expressions either way; the tables the DuckDB
store materialises (brand attributions) are defined on a lake as expressions
computed by the engine that reads it.

This is the only module that decides between the store and a lake, so the
services ask it rather than each choosing (the ingest service writes posts to
:func:`lake_of`'s lake when there is one). The lake's modules (PyArrow's
datasets, Ibis and the engines' backends) are imported when a lake is
configured, so a workspace without one, the usual case, never loads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from influscope.errors import N_, UsageError
from influscope.store.engine import ENGINES, Engine, Store
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.store.lake import Lake
    from influscope.store.lake_read import LakeStore

# The run id recorded on attributions derived on read (they belong to no run).
DERIVED_RUN = "lake"


def lake_of(ctx: Context) -> Lake | None:
    """The workspace's lake (``[store] lake``, relative to the workspace folder), if any."""
    location = ctx.config.store.lake
    if not location:
        return None
    from influscope.store.lake import Lake

    if "://" not in location and not Path(location).is_absolute():
        location = str(ctx.root / location)
    return Lake.at(location)


def chosen_engine(ctx: Context) -> Engine:
    """The engine of this command: ``--engine``, else ``[store] engine``."""
    engine = ctx.engine or ctx.config.store.engine
    if engine not in ENGINES:
        raise UsageError(
            N_("Unknown engine {engine}."),
            N_("Engines: {engines}."),
            engine=repr(engine),
            engines=", ".join(ENGINES),
        )
    chosen: Engine = engine
    return chosen


def analytic_store(ctx: Context) -> Store | LakeStore:
    """The store the heavy analyses read: the DuckDB file, or the lake through the engine.

    Raises:
        UsageError: Spark chosen for a workspace without a lake.
    """
    engine = chosen_engine(ctx)
    lake = lake_of(ctx)
    if lake is None:
        if engine != "duckdb":
            raise UsageError(
                N_("The {engine} engine reads a Parquet lake, and this workspace has none."),
                N_(
                    'Set [store] lake = "lake" in influscope.toml and import the posts again '
                    "(docs/scale.md)."
                ),
                engine=engine,
            )
        return ctx.store
    from influscope.enrich import brands as brand_attribution
    from influscope.store.lake_read import LakeStore

    cached = ctx.engines.get(engine)
    if isinstance(cached, LakeStore):
        return cached
    store = LakeStore.open(lake, engine, master=ctx.config.store.spark_master, beside=ctx.store)
    store.define(
        brand_attribution.TABLE,
        brand_attribution.attribution_table(store, ctx.config.brands, DERIVED_RUN),
    )
    ctx.engines[engine] = store
    return store
