"""Accounts: admins list users, create them and issue API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from influscope.options import Role
from influscope.serve.api.deps import Admin, Limit, Offset, reading, writing
from influscope.serve.api.responses import Page, paged
from influscope.workspace.accounts import Account, NewAccount

router = APIRouter(prefix="/api/users", tags=["accounts"])


class NewUser(BaseModel):
    """A user to create."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    role: Role = "viewer"
    password: Annotated[str | None, Field(min_length=8, max_length=200)] = None
    token: bool = False


@router.get("")
def users(request: Request, user: Admin, limit: Limit = 50, offset: Offset = 0) -> Page[Account]:
    """The users and their roles."""
    with reading(request) as ws:
        return paged(ws.accounts.users(), limit, offset)


@router.post("", status_code=201)
def add(request: Request, new: NewUser, user: Admin) -> NewAccount:
    """Create a user; with ``token`` the answer carries its API token (shown once)."""
    with writing(request) as ws:
        return ws.accounts.add(new.name, new.role, token=new.token, password=new.password)


@router.post("/{name}/tokens", status_code=201)
def token(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Issue a new API token for a user (shown once)."""
    with writing(request) as ws:
        return {"name": name, "token": ws.accounts.issue_token(name)}
