"""Background jobs of reporting on django.tasks (database-backed worker: `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task


@task()
def refresh_evaluations() -> int:
    """Recompute the stored evaluations left stale by a large change (every organisation, many
    indicators), so the next page finds them done; a page that comes first recomputes them
    itself."""
    from .stored import refresh

    return refresh()
