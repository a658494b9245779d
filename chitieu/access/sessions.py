"""Database sessions, read in plain SQL: every signed-in request loads its session first, and the
ORM's query for one row cost several times the row (decision 0050). Writes, expiry and
``clearsessions`` are Django's own; the table and the stored format are unchanged, so switching
this engine on or off keeps everyone signed in."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database session store with a cheaper read of the session row."""

    def load(self) -> dict[str, Any]:
        if self.session_key is None:
            return {}
        model = self.model
        connection = connections[router.db_for_read(model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {model._meta.db_table} "
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            # unknown or expired: a new key is made if anything is stored, as Django's store does
            self._session_key = None
            return {}
        return self.decode(row[0])
