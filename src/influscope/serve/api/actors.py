"""Actors: lists by audience, profiles with documents and notes, cards, journey paths.

An actor id may hold slashes (``web:example.org/blog``): the routes take it as a
path, the longer routes first, so ``…/card`` and ``…/journey`` are not read as
part of an id.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from influscope.analyze.profiles.stored import clue_detail
from influscope.serve.api.boundary import JOB
from influscope.serve.api.cache import answer
from influscope.serve.api.deps import Limit, Offset, Reader, reading
from influscope.serve.api.params import Axis
from influscope.serve.i18n import say
from influscope.serve.web.pages import lang_of
from influscope.workspace import Workspace

router = APIRouter(prefix="/api/actors", tags=["actors"], responses=JOB)


@router.get("")
def actors(
    request: Request,
    user: Reader,
    search: str | None = None,
    kind: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """A page of actors by audience, filtered by name/handle substring or kind."""
    with reading(request) as ws:
        return ws.data.actors(search, kind=kind, limit=limit, offset=offset)


@router.get("/{actor_id:path}/card")
def card(request: Request, actor_id: str, user: Reader) -> dict[str, Any]:
    """The actor card: communities, stance history, role, journey weight."""
    ws: Workspace = request.app.state.workspace
    return _said_card(answer(request, ws.maps.actor_card, actor_id), lang_of(request))


def _said_card(card: dict[str, Any], lang: str) -> dict[str, Any]:
    """The card with each kind clue's detail said in the reader's language (``said``).

    A copy: the cached card is shared by readers of every language.
    """
    profile = card.get("profile")
    if not profile or not profile.get("evidence"):
        return card
    evidence = [e | {"said": say(clue_detail(e) or "", lang)} for e in profile["evidence"]]
    return card | {"profile": profile | {"evidence": evidence}}


@router.get("/{actor_id:path}/journey")
def journey_paths(
    request: Request, actor_id: str, user: Reader, axis: Axis = None
) -> dict[str, Any]:
    """Why an actor weighs what it does on the journey: its top paths."""
    ws: Workspace = request.app.state.workspace
    return answer(request, ws.journeys.stored_paths, actor_id, axis=axis)


@router.get("/{actor_id:path}")
def actor(
    request: Request, actor_id: str, user: Reader, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """An actor's profile, a page of their documents and the offline notes about them."""
    with reading(request) as ws:
        return ws.data.actor(actor_id, limit=limit, offset=offset)
