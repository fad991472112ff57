"""influscope: influence intelligence on the axes a company wants to own.

The public Python API is :func:`open_workspace` and :class:`Workspace`; every
CLI verb and API route is a method of :class:`Workspace`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__", "open_workspace"]

if TYPE_CHECKING:
    from influscope.workspace import Workspace


def open_workspace(path: Any = None) -> Workspace:
    """Open the workspace folder at ``path`` (default: $INFLUSCOPE_WORKSPACE or the current folder).

    Example:
        >>> ws = open_workspace("my-workspace")  # doctest: +SKIP
        >>> ws.status()["documents"]  # doctest: +SKIP
    """
    from influscope.workspace import Workspace

    return Workspace.open(path)


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from influscope.workspace import Workspace

        return Workspace
    raise AttributeError(name)
