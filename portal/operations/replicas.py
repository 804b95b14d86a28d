"""Read replicas (docs/deploy.md "Read replicas"): public reads may go to a PostGIS replica.

Opt-in: without DATABASE_REPLICA_URL there is no replica alias, no router and no middleware –
nothing changes. With it, every URL becomes an alias ("replica", "replica_2", …) and

- `ReplicaReadMiddleware` (after authentication) allows replica reads for the request only if it
  is a GET or HEAD of an anonymous visitor who has not written anything in the last
  PORTAL_REPLICA_PIN_SECONDS (a "portal_primary" cookie set by any write, so the page after a form –
  the receipt, the confirmation – reads what was just written, whatever the replica's lag),
  outside PORTAL_REPLICA_EXCLUDED_PREFIXES (embedded pages, whose frame may not keep that
  cookie; personal agency links; citizens' account pages);
- `ReplicaRouter` sends a read to the request's replica only while that is allowed, no
  transaction is open on the primary and nothing was written in the request so far; every write
  goes to the primary, and migrations run only there. Staff, signed-in citizens, the task
  worker and management commands always use the primary.
"""

import copy
import random
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SAFE_METHODS = frozenset({"GET", "HEAD"})
PIN_COOKIE = "portal_primary"


def replica_aliases() -> list[str]:
    return [alias for alias, database in settings.DATABASES.items()
            if database.get("REPLICA_OF") == DEFAULT_DB_ALIAS]


def replica_alias_names(count: int) -> list[str]:
    return ["replica" if number == 1 else f"replica_{number}" for number in range(1, count + 1)]


@dataclass
class _Reads:
    replica: str | None  # None: the primary
    wrote: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("portal_replica_reads", default=None)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if (reads is None or reads.replica is None or reads.wrote
                or connections[DEFAULT_DB_ALIAS].in_atomic_block):
            return DEFAULT_DB_ALIAS
        return reads.replica

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.replicas = replica_aliases()
        self.pin_seconds = getattr(settings, "PORTAL_REPLICA_PIN_SECONDS", 10)
        self.excluded = tuple(getattr(settings, "PORTAL_REPLICA_EXCLUDED_PREFIXES", ()))

    def __call__(self, request):
        public_read = (request.method in SAFE_METHODS and PIN_COOKIE not in request.COOKIES
                       and not request.path_info.startswith(self.excluded)
                       and not request.user.is_authenticated)
        reads = _Reads(replica=random.choice(self.replicas) if public_read and self.replicas
                       else None)
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if (request.method not in SAFE_METHODS or reads.wrote) and self.pin_seconds:
            response.set_cookie(PIN_COOKIE, "1", max_age=self.pin_seconds,
                                secure=settings.SESSION_COOKIE_SECURE, httponly=True,
                                samesite="Lax")
        return response


def replica_databases(default: dict, urls: list[str], parse) -> dict:
    """Settings of the replica aliases: each URL parsed like DATABASE_URL, with the primary's
    connection options (persistent connections, session settings)."""
    aliases = {}
    for alias, url in zip(replica_alias_names(len(urls)), urls, strict=True):
        database = parse(url)
        for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS",
                    "DISABLE_SERVER_SIDE_CURSORS"):
            if key in default:
                database.setdefault(key, copy.deepcopy(default[key]))
        database["REPLICA_OF"] = DEFAULT_DB_ALIAS
        aliases[alias] = database
    return aliases
