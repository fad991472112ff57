"""``[store] memory_limit`` caps DuckDB's memory for the workspace's store."""

from __future__ import annotations

import pytest

from influscope.errors import ConfigError
from influscope.workspace import Workspace


def _with_store_section(root, text):
    config = root / "influscope.toml"
    config.write_text(config.read_text() + f"\n[store]\n{text}\n")


def test_memory_limit_is_applied_to_the_store(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    with Workspace.open(tmp_path / "ws") as ws:
        default = ws.store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    _with_store_section(tmp_path / "ws", 'memory_limit = "1GB"')
    with Workspace.open(tmp_path / "ws") as ws:
        limited = ws.store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limited == "953.6 MiB"  # DuckDB shows 10^9 bytes in binary units
    assert limited != default


def test_a_memory_limit_that_is_no_size_is_a_config_error(tmp_path):
    Workspace.init(tmp_path / "ws").close()
    _with_store_section(tmp_path / "ws", 'memory_limit = "8GB\'; SET threads = 1; --"')
    with pytest.raises(ConfigError):
        Workspace.open(tmp_path / "ws")
