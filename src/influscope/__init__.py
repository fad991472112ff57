"""influscope: influence intelligence on the axes a company wants to own.

The public Python API is :func:`open_workspace` and :class:`Workspace`; every
CLI verb and API route calls one of the workspace's services
(``ws.ingest``, ``ws.sov``, ``ws.maps``…). The workspace package is imported
on first use (a PEP 562 module attribute), so ``import influscope`` — which
every submodule import runs, ``influscope --help`` included — stays light.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__", "open_workspace"]

if TYPE_CHECKING:
    from influscope.workspace import Workspace


def __getattr__(name: str) -> type[Workspace]:
    """``influscope.Workspace``, loaded with the workspace package when first asked for."""
    if name == "Workspace":
        found: type[Workspace] = importlib.import_module("influscope.workspace").Workspace
        return found
    raise AttributeError(name)


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Open the workspace folder at ``path`` (default: $INFLUSCOPE_WORKSPACE or the current folder).

    Example:
        >>> ws = open_workspace("my-workspace")  # doctest: +SKIP
        >>> ws.data.status().tables["documents"]  # doctest: +SKIP
    """
    return __getattr__("Workspace").open(path)
