"""python manage.py bench_national: ≈ 10 M commune figures of 34 provinces on one PostgreSQL server.

Run by `make bench-national`. Works only in a scratch database it creates on the server
DATABASE_URL names and drops at the end, whatever happens; never touches that database itself.
Prints one JSON object: figures generated, the national roll-up and overview times of the layout
chosen, and every layout measured (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path
from typing import Any

import psycopg
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from psycopg import sql

from chitieu.demo import national
from chitieu.demo.national import LAYOUTS, Budget, Size


class Command(BaseCommand):
    help = "Đo quy mô toàn quốc trên một máy chủ PostgreSQL (cơ sở dữ liệu thử, xóa khi xong)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=100, help="số xã, phường mỗi tỉnh")
        parser.add_argument("--indicators", type=int, default=50)
        parser.add_argument("--months", type=int, default=60)
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--budget-seconds", type=float, default=480)
        parser.add_argument("--min-free-gb", type=float, default=5.0)

    def handle(self, *args: Any, **opts: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "make bench-national chỉ chạy trên PostgreSQL: đặt DATABASE_URL=postgres://… "
                "(ví dụ postgres://postgres@127.0.0.1:5432/postgres)."
            )
        size = Size(opts["provinces"], opts["communes"], opts["indicators"], opts["months"])
        s = connection.settings_dict
        params = {
            "host": s.get("HOST") or None,
            "port": s.get("PORT") or None,
            "user": s.get("USER") or None,
            "password": s.get("PASSWORD") or None,
        }
        name = f"chitieu_national_{os.getpid()}"
        try:
            admin = psycopg.connect(dbname=s["NAME"], autocommit=True, connect_timeout=5, **params)
        except psycopg.OperationalError as exc:
            raise CommandError(f"Không kết nối được máy chủ PostgreSQL: {exc}") from exc
        with admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            try:
                with psycopg.connect(dbname=name, **params) as conn:
                    out = self._run(conn, size, opts)
            finally:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

    def _progress(self, text: str) -> None:
        self.stderr.write(f"== toàn quốc: {text}")

    def _disk(self, conn: psycopg.Connection[Any]) -> Path:
        try:
            row = conn.execute("SHOW data_directory").fetchone()
        except psycopg.Error:
            conn.rollback()
            return Path.cwd()
        return Path(row[0]) if row and os.path.isdir(row[0]) else Path.cwd()

    def _run(self, conn: psycopg.Connection[Any], size: Size, opts: dict[str, Any]) -> Any:
        for statement in national.schema(size):
            conn.execute(statement)
        conn.commit()
        budget = Budget(
            opts["budget_seconds"],
            int(opts["min_free_gb"] * 2**30),
            self._disk(conn),
            time.monotonic(),
        )
        self._progress(f"sinh tối đa {size.figures:,} số liệu bằng COPY".replace(",", "."))
        started = time.perf_counter()
        figures, stopped = national.copy_rows(conn, size, budget, random.Random(2026))
        copy_s = time.perf_counter() - started
        if stopped:
            self._progress(f"dừng sinh số liệu: {stopped}; đo trên {figures} số liệu")
        months = max(1, figures // size.per_month)  # whole reporting rounds written
        self._progress("chép sang hai bảng phân vùng và tạo chỉ mục")
        national.fill_partitioned(conn)
        for layout in LAYOUTS:
            for statement in national.indexes(layout):
                conn.execute(statement)
        conn.commit()
        conn.autocommit = True  # VACUUM runs outside a transaction
        for layout in LAYOUTS:
            conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(f"nat_{layout}")))
        total_s = time.perf_counter() - started
        params = {
            "indicator": 1,
            "period": size.month(months - 1),
            "province": 1,
        }
        self._progress("đo ba cách lưu, lần lượt trong mỗi lượt đo")
        measured: dict[str, Any] = national.measure(conn, LAYOUTS, params, opts["runs"])
        for layout in LAYOUTS:
            measured[layout]["bytes"] = national.table_bytes(conn, layout)
        # the partitioning that pays: the faster national roll-up and overview together
        chosen = min(
            LAYOUTS[1:],
            key=lambda lay: measured[lay]["rollup"]["p95_ms"] + measured[lay]["overview"]["p95_ms"],
        )
        best = min(
            LAYOUTS,
            key=lambda lay: measured[lay]["rollup"]["p95_ms"] + measured[lay]["overview"]["p95_ms"],
        )
        return {
            "figures": figures,
            "size": {
                "provinces": size.provinces,
                "communes_per_province": size.communes,
                "indicators": size.indicators,
                "months": size.months,
                "planned": size.figures,
                "stopped": stopped or None,
            },
            "generate_s": {
                "copy": round(copy_s, 1),
                "with_partitions_and_indexes": round(total_s, 1),
            },
            "period": params["period"],
            "layout": best,
            "rollup_ms": measured[best]["rollup"]["p95_ms"],
            "overview_p95_ms": measured[best]["overview"]["p95_ms"],
            "partitioned": {"chosen": chosen, **{lay: measured[lay] for lay in LAYOUTS[1:]}},
            "unpartitioned": measured["unpartitioned"],
        }
