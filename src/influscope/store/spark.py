"""The Spark session behind the ``spark`` engine (the optional ``influscope[spark]`` extra).

PySpark is imported here only, inside :func:`spark_backend` (it takes seconds
and starts a JVM; DESIGN.md §6 measured ~20 s before the first answer), so a
workspace on DuckDB never pays for it. One session per process is reused by
every lake opened with Spark.

Settings that make Spark read what DuckDB reads and answer the same:

- the session time zone is UTC (the lake's timestamps are naive UTC);
- ANSI mode is off, so integer division and casts behave as Ibis expects
  (Ibis 12's PySpark backend compiles for the non-ANSI dialect);
- few shuffle partitions: the default 200 are for clusters, and a local
  session spends most of its time scheduling empty tasks with them.

The master is ``local[2]`` by default (this machine's cores), or the
``INFLUSCOPE_SPARK_MASTER`` environment variable, or the argument; on a
cluster, run under ``spark-submit`` and the session it provides is used.
"""

from __future__ import annotations

import os
from typing import Any

from influscope.errors import N_, StoreError

MASTER_VAR = "INFLUSCOPE_SPARK_MASTER"
DEFAULT_MASTER = "local[2]"
# What the answers depend on: set on every session, ours or spark-submit's.
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
}
# What suits a session this process starts itself (local mode); a cluster's own
# session keeps its operators' choices.
LOCAL_SETTINGS = {
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def spark_backend(master: str | None = None) -> Any:
    """The Ibis PySpark backend over this process's Spark session (created on first use).

    Raises:
        StoreError: PySpark or Java is missing, with the command that installs them.
    """
    try:
        import ibis
        from pyspark import SparkConf
        from pyspark.errors import PySparkException
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StoreError(
            N_("The spark engine needs PySpark ({package} is not installed)."),
            N_(
                "pip install 'influscope[spark]' (and a Java 17 runtime, e.g. "
                "apt-get install openjdk-17-jre-headless)."
            ),
            package=str(exc.name),
        ) from exc
    session = SparkSession.getActiveSession()
    if session is None:
        try:
            # Under spark-submit the configuration already names the master.
            conf = SparkConf()
            chosen = master or os.environ.get(MASTER_VAR)
            if chosen or not conf.contains("spark.master"):
                conf.setMaster(chosen or DEFAULT_MASTER)
            settings = dict(SETTINGS)
            if str(conf.get("spark.master")).startswith("local"):
                settings.update(LOCAL_SETTINGS)
            for key, value in settings.items():
                conf.set(key, value)
            session = SparkSession.builder.appName("influscope").config(conf=conf).getOrCreate()
        except PySparkException as exc:  # JAVA_GATEWAY_EXITED when no Java runtime is found
            raise StoreError(
                N_("Spark could not start: {reason}"),
                N_(
                    "Install a Java 17 runtime (apt-get install openjdk-17-jre-headless) "
                    "and check JAVA_HOME."
                ),
                reason=str(exc),
            ) from exc
        session.sparkContext.setLogLevel("ERROR")
    for key, value in SETTINGS.items():
        session.conf.set(key, value)
    return ibis.pyspark.connect(session)
