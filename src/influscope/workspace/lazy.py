"""A workspace service built on first use, once, even when threads race for it.

Opening a workspace used to build every service, and so import every
service's module and what it imports (the lake and its datasets, the query
compiler and Ibis, the HTTP client…): about a second before a command did
anything, paid by every command. A :class:`LazyService` builds its service the
first time it is read, from a method that imports the service's module, so a
command pays only for the services it calls; the type checker still sees the
method's return type.

Why not :func:`functools.cached_property`: from Python 3.12 it has no lock, and
the API server shares one workspace between threads; two threads reading
``ws.accounts`` at once would build two services, and the login guard one of
them keeps would be lost. Here the owner's one re-entrant lock (a service's
builder reads the services it needs, under the same lock) makes the build
happen once; reads after it take no lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar, overload

T = TypeVar("T")


class LockedOwner(Protocol):
    """What owns lazy services: a re-entrant lock held while one is built."""

    services_lock: threading.RLock


OwnerT = TypeVar("OwnerT", bound=LockedOwner)


class LazyService(Generic[OwnerT, T]):
    """Decorate a method that builds a service: the attribute is its result, built once.

    Example:
        >>> class Owner:
        ...     def __init__(self) -> None:
        ...         self.services_lock = threading.RLock()
        ...     @LazyService
        ...     def answer(self) -> int:
        ...         print("built")
        ...         return 42
        >>> owner = Owner()
        >>> owner.answer, owner.answer
        built
        (42, 42)
    """

    def __init__(self, build: Callable[[OwnerT], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> LazyService[OwnerT, T]: ...

    @overload
    def __get__(self, instance: OwnerT, owner: type[Any]) -> T: ...

    def __get__(self, instance: OwnerT | None, owner: type[Any]) -> LazyService[OwnerT, T] | T:
        if instance is None:
            return self
        # A non-data descriptor: once the service is in the instance's __dict__,
        # Python finds it there and this method is no longer called.
        cache: dict[str, Any] = instance.__dict__
        with instance.services_lock:
            if self.name not in cache:
                cache[self.name] = self.build(instance)
            built: T = cache[self.name]
            return built
