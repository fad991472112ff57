"""influscope: influence intelligence on the axes a company wants to own.

The public Python API is :func:`open_workspace` and :class:`Workspace`; every
CLI verb and API route calls one of the workspace's services
(``ws.ingest``, ``ws.sov``, ``ws.maps``…). The workspace is imported on first
use, so ``import influscope`` (and ``influscope --help``) stays light.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__", "open_workspace"]

if TYPE_CHECKING:
    from influscope.workspace import Workspace


def open_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Open the workspace folder at ``path`` (default: $INFLUSCOPE_WORKSPACE or the current folder).

    Example:
        >>> ws = open_workspace("my-workspace")  # doctest: +SKIP
        >>> ws.data.status()["documents"]  # doctest: +SKIP
    """
    from influscope.workspace import Workspace

    return Workspace.open(path)


def __getattr__(name: str) -> type[Workspace]:
    if name == "Workspace":
        from influscope.workspace import Workspace

        return Workspace
    raise AttributeError(name)
