"""Sessions in the database, each write in one statement (the default SESSION_ENGINE).

Django's database backend spends four round trips on a new session – a SELECT that the random
key is not taken, then BEGIN, INSERT, COMMIT – and three on a changed one. A citizen's first
statement creates the session that lets this browser reopen its receipt, so those trips were
an eighth of a submission's queries (docs/performance.md "Statement submission"). Here a new
session is one INSERT and a changed one one UPDATE, each committed on its own:

- the key is 32 random characters of 36 (165 bits); a collision is still caught, by the
  primary key: the INSERT fails, save(must_create=True) raises CreateError and create() draws
  a new key, as Django's own create() does;
- outside a transaction a single statement needs no savepoint: a failing INSERT leaves
  nothing behind. Inside one (a caller's atomic block) Django's own save runs unchanged.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import DatabaseError, IntegrityError, connections, router
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        using = router.db_for_write(self.model)
        if connections[using].in_atomic_block:
            return super().save(must_create=must_create)
        record = self.create_model_instance(self._get_session(no_load=must_create))
        try:
            record.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
        return None
