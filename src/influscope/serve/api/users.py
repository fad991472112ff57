"""Accounts: admins list users, create them, issue and revoke API tokens, disable or delete them.

Every write of the API (these included) is in the audit log, which admins read here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from influscope.options import Role
from influscope.serve.api.deps import Admin, Limit, Offset, reading, writing
from influscope.serve.api.responses import Page, paged
from influscope.workspace.accounts import Account, AuditEntry, NewAccount

router = APIRouter(prefix="/api/users", tags=["accounts"])


class NewUser(BaseModel):
    """A user to create."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    role: Role = "viewer"
    password: Annotated[str | None, Field(min_length=12, max_length=200)] = None
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


@router.delete("/{name}/tokens")
def revoke(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Revoke every API token of a user (they answer 401 from now on)."""
    with writing(request) as ws:
        return {"name": name, "revoked": ws.accounts.revoke_tokens(name)}


@router.post("/{name}/disable")
def disable(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Disable a user: sessions closed, tokens refused (not the last active admin)."""
    with writing(request) as ws:
        ws.accounts.disable(name)
    return {"name": name, "disabled": True}


@router.post("/{name}/enable")
def enable(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Enable a disabled user again."""
    with writing(request) as ws:
        ws.accounts.enable(name)
    return {"name": name, "disabled": False}


@router.delete("/{name}")
def delete(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Delete a user with their tokens and sessions (not the last active admin)."""
    with writing(request) as ws:
        ws.accounts.delete(name)
    return {"name": name, "deleted": True}


audit_router = APIRouter(prefix="/api/audit", tags=["accounts"])


@audit_router.get("")
def audit(request: Request, user: Admin, limit: Limit = 100) -> list[AuditEntry]:
    """The latest writes (API writes and account changes), newest first."""
    with reading(request) as ws:
        return ws.accounts.audit_log(limit)
