"""What a refused write of a figure says, and the audit row every write of a figure leaves."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .models import Figure, FigureAudit


class FigureError(ValueError):
    """A figure refused: the message says which field and why."""


class FigureConflict(Exception):
    """Someone changed the figure since it was opened; both values are kept for the user to see."""

    def __init__(self, current: Figure, attempted: Decimal) -> None:
        super().__init__(
            f"Số liệu này vừa được {current.entered_by or 'người khác'} sửa thành {current.value.normalize()} "
            f"(lần sửa {current.revision}); giá trị bạn nhập {attempted.normalize()} chưa được lưu."
        )
        self.current = current
        self.attempted = attempted

    def is_repeat(self, user: Any, comment: str = "", source: str = "") -> bool:
        """The same person sent the same figure again (a double click, the back button, a
        reload): what they wanted is already stored, so this is no conflict to resolve."""
        c = self.current
        return (
            c.value == self.attempted
            and c.entered_by_id is not None
            and c.entered_by_id == getattr(user, "pk", None)
            and c.comment == comment
            and c.source == source
        )


def audit_row(
    figure: Figure,
    user: Any,
    action: str,
    old: Decimal | None,
    new: Decimal | None,
    status_from: str = "",
    status_to: str = "",
    reason: str = "",
) -> FigureAudit:
    """The audit row of one write of a figure (not yet stored: ``figure_sql.insert_all`` writes
    the rows of a save, single or bulk, in one statement)."""
    # by id: setting the related objects through their descriptors costs more than the insert
    return FigureAudit(
        figure_id=figure.pk,
        user_id=getattr(user, "pk", None),
        action=action,
        old_value=old,
        new_value=new,
        vintage=figure.vintage,
        status_from=status_from,
        status_to=status_to,
        reason=reason,
    )
