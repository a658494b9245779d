"""``manage.py flush`` that can empty the append-only audit tables too.

Django's flush deletes every row (DELETE on SQLite, TRUNCATE on PostgreSQL), which the audit
triggers refuse. Emptying the whole database is the one case where the audit goes with everything
else (the test suite does it between transactional tests), so this command lifts the triggers
for its own transaction and puts them back before it commits.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from chitieu.audit.db import triggers_lifted


class Command(DjangoFlush):
    help = DjangoFlush.help + " Nhật ký chỉ ghi thêm cũng bị xóa cùng toàn bộ dữ liệu."

    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        with transaction.atomic(using=connection.alias), triggers_lifted(connection):
            super().handle(**options)
