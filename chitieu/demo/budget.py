"""A time and disk budget for generating benchmark data: generation stops cleanly when it runs out."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path


class OutOfBudget(Exception):
    """The time budget or the free disk ran out: generation stops with what it has written."""


@dataclass
class Budget:
    """How long generation may take and how much disk it must leave free."""

    seconds: float
    min_free_bytes: int
    disk_path: Path
    started: float = 0.0

    def check(self) -> None:
        spent = time.monotonic() - self.started
        if spent > self.seconds:
            raise OutOfBudget(f"hết thời gian cho phép ({self.seconds:.0f} giây)")
        free = shutil.disk_usage(self.disk_path).free
        if free < self.min_free_bytes:
            raise OutOfBudget(
                f"ổ đĩa chỉ còn {free / 2**30:.1f} GB trống "
                f"(cần giữ lại {self.min_free_bytes / 2**30:.1f} GB)"
            )
