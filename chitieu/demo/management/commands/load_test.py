"""python manage.py load_test: the demo under many reporters at once, served as `make run` serves it.

Run by `make load` (50 users by default) on a scratch database: loads the demo, starts gunicorn on
loopback, runs the Locust users of chitieu/demo/locustfile.py for a bounded time, then counts the
stored saves in the database. Prints one JSON object, with where the machine's processor time went
(the server, the load generator, and the rest: the database and anything else running), so a
missed p95 can be explained and not only reported.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from chitieu.demo.load_accounts import PASSWORD, REPORTERS
from chitieu.reporting.choices import Action
from chitieu.reporting.models import FigureAudit

LOCUSTFILE = Path(__file__).resolve().parents[2] / "locustfile.py"
MAX_SECONDS = 600


def percentile(histogram: dict[int, int], share: float) -> float:
    """The response time below which `share` of the requests fall (Locust keeps rounded times)."""
    total = sum(histogram.values())
    if not total:
        return 0.0
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= share * total:
            return float(ms)
    return float(max(histogram))


def summarise(stats: list[dict[str, Any]]) -> dict[str, Any]:
    """Locust's per-request statistics -> the numbers `make load` reports."""
    pages: dict[int, int] = {}
    logins: dict[int, int] = {}
    saves: dict[int, int] = {}
    out = {
        "requests": 0,
        "errors_5xx": 0,
        "saves_sent": 0,
        "saves_answered_stored": 0,
        "saves_answered_conflict": 0,
    }
    for entry in stats:
        name, method, count = entry["name"], entry["method"], entry["num_requests"]
        if method == "RESULT":
            if name == "save stored":
                out["saves_answered_stored"] += count
            elif name == "save conflict":
                out["saves_answered_conflict"] += count
            continue
        out["requests"] += count
        out["errors_5xx"] += entry["num_failures"]
        times = {int(float(k)): v for k, v in entry["response_times"].items()}
        # a login hashes the password on purpose (slow by design, once a day): kept apart
        into = saves if name == "save" else logins if name == "login" else pages
        for ms, n in times.items():
            into[ms] = into.get(ms, 0) + n
        if name == "save":
            out["saves_sent"] += count
    out["page_p95_ms"] = percentile(pages, 0.95)
    out["save_p95_ms"] = percentile(saves, 0.95)
    out["login_p95_ms"] = percentile(logins, 0.95)
    return out


def _ticks(pid: int) -> float:
    """Processor seconds a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """A process and its children (gunicorn's master and its workers)."""
    out = [pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            out.append(int(stat.parent.name))
    return out


def _machine_busy() -> float:
    """Busy processor seconds of the whole machine so far, all cores (Linux /proc/stat)."""
    try:
        ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def cpu_split(
    server: tuple[float, float], generator: float, machine: tuple[float, float], seconds: float
) -> dict[str, float | None]:
    """Where the processor time of a run went, in processor seconds and as shares of the machine."""
    busy = machine[1] - machine[0]
    served = server[1] - server[0]
    return {
        "cores": float(os.cpu_count() or 1),
        "wall_s": round(seconds, 1),
        "machine_busy_share": round(busy / max(seconds * (os.cpu_count() or 1), 1e-9), 2),
        "server_cpu_s": round(served, 1),
        "load_generator_cpu_s": round(generator, 1),
        # the database and whatever else runs on the machine (other jobs included)
        "other_cpu_s": round(max(busy - served - generator, 0.0), 1),
    }


def signed_in_sessions(users: int) -> list[str]:
    """One signed-in session per simulated user, the demo's reporters in turn, as `username=key`.

    The users arrive already signed in: a login hashes the password on purpose (about a second of
    processor), and fifty of them in the same minute would measure the hash, not the pages. What a
    login costs is measured apart (`login_hash_ms`).
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    people = {u.username: u for u in get_user_model().objects.filter(username__in=REPORTERS)}
    out = []
    for n in range(users):
        user = people[REPORTERS[n % len(REPORTERS)]]
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append(f"{user.username}={session.session_key}")
    return out


def login_hash_ms() -> float:
    """Processor milliseconds of checking one password, as a login does (median of three)."""
    hashed = make_password(PASSWORD)
    times = []
    for _ in range(3):
        start = time.process_time()
        check_password(PASSWORD, hashed)
        times.append((time.process_time() - start) * 1000)
    return round(sorted(times)[1], 1)


def _database_cpu_s() -> float | None:
    """Processor seconds used so far by the PostgreSQL backends serving this database (the server's
    kept-alive connections), when the database runs on this machine; None otherwise."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cur.fetchall()]
    connection.close()
    if not pids or not Path(f"/proc/{pids[0]}").exists():
        return None
    return round(sum(_ticks(p) for p in pids), 1)


def _stored_saves() -> int:
    return FigureAudit.objects.filter(action__in=[Action.CREATE, Action.UPDATE]).count()


class Command(BaseCommand):
    help = "Thử tải: nhiều cán bộ cùng xem trang và lưu số liệu (in một đối tượng JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=20)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **opts: Any) -> None:
        users, seconds, host, port = opts["users"], opts["seconds"], opts["host"], opts["port"]
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise CommandError(f"Chỉ thử tải trên máy này (127.0.0.1), không phải {host}.")
        if not (1 <= users <= 200 and 1 <= seconds <= MAX_SECONDS):
            raise CommandError(f"Cần 1–200 người dùng và 1–{MAX_SECONDS} giây.")
        self._progress("nạp dữ liệu mẫu vào cơ sở dữ liệu thử")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        call_command("collectstatic", verbosity=0, interactive=False)
        before = _stored_saves()
        sessions = signed_in_sessions(users)
        hash_ms = login_hash_ms()
        connection.close()
        url = f"http://{host}:{port}"
        env = {**os.environ, "DEBUG": "false"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "chitieu.config.wsgi",
                f"--bind={host}:{port}",
                f"--workers={opts['workers']}",
                f"--threads={opts['threads']}",
                # longer than a user's pause between clicks, so a kept-alive connection is not
                # closed by the server just as the next request goes out on it
                "--keep-alive=10",
                "--log-level=warning",
            ],
            env=env,
        )
        try:
            self._wait_for(url, server)
            self._progress(f"{users} người dùng trong {seconds} giây trên {url}")
            before_cpu = sum(_ticks(p) for p in _tree(server.pid))
            before_gen = resource.getrusage(resource.RUSAGE_CHILDREN)
            before_busy = _machine_busy()
            started = time.monotonic()
            stats = self._locust(url, users, seconds, sessions)
            wall = time.monotonic() - started
            after_busy = _machine_busy()
            database_cpu = _database_cpu_s()
            after_gen = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = cpu_split(
                (before_cpu, sum(_ticks(p) for p in _tree(server.pid))),
                after_gen.ru_utime + after_gen.ru_stime - before_gen.ru_utime - before_gen.ru_stime,
                (before_busy, after_busy),
                wall,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        result = summarise(stats)
        for entry in sorted(stats, key=lambda e: e["name"]):
            if entry["method"] != "RESULT":
                times = {int(float(k)): v for k, v in entry["response_times"].items()}
                self._progress(
                    f"{entry['name']}: {entry['num_requests']} yêu cầu, "
                    f"{entry['num_failures']} lỗi, p95 {percentile(times, 0.95):.0f} ms"
                )
        result["saves_stored"] = _stored_saves() - before
        # what one request costs the server: 50 users clicking every 1,25 s on average ask for
        # about 40 requests a second, which two cores serve only below 50 ms of processor each
        # the backends opened during the run: what the database spent on this server's queries
        cpu["database_cpu_s"] = database_cpu
        cpu["server_cpu_ms_per_request"] = round(
            cpu["server_cpu_s"] * 1000 / max(result["requests"], 1), 1
        )
        print(
            json.dumps(
                {
                    "users": users,
                    "seconds": seconds,
                    "database": connection.vendor,
                    **{
                        k: result[k]
                        for k in (
                            "requests",
                            "errors_5xx",
                            "page_p95_ms",
                            "save_p95_ms",
                            "saves_sent",
                            "saves_stored",
                            "saves_answered_stored",
                            "saves_answered_conflict",
                            "login_p95_ms",
                        )
                    },
                    "login_hash_ms": hash_ms,
                    "cpu": cpu,
                },
                ensure_ascii=False,
            )
        )

    def _progress(self, text: str) -> None:
        self.stderr.write(f"== thử tải: {text}")

    def _wait_for(self, url: str, server: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(
                    "Máy chủ gunicorn dừng ngay khi khởi động; xem thông báo ở trên."
                )
            try:
                with urllib.request.urlopen(f"{url}/dang-nhap/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise CommandError(f"Máy chủ không trả lời trên {url} sau 60 giây.")

    def _locust(
        self, url: str, users: int, seconds: int, sessions: list[str]
    ) -> list[dict[str, Any]]:
        env = {
            **os.environ,
            "CHITIEU_LOAD_SESSIONS": ",".join(sessions),
            "CHITIEU_SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
        }
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "stats.json"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    f"--locustfile={LOCUSTFILE}",
                    "--headless",
                    f"--users={users}",
                    # reporters arrive over about ten seconds, not in the same instant: fifty
                    # password hashes at once is a login storm, not a reporting round
                    f"--spawn-rate={max(1, users // 10)}",
                    f"--run-time={seconds}s",
                    f"--host={url}",
                    "--stop-timeout=10",
                    "--only-summary",
                    "--loglevel=WARNING",
                    f"--json-file={out.with_suffix('')}",
                    "--exit-code-on-error=0",
                    f"--csv={Path(tmp) / 'locust'}",
                ],
                check=True,
                timeout=seconds + 120,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            failures = (Path(tmp) / "locust_failures.csv").read_text().splitlines()[1:]
            for line in failures:
                self._progress(f"lỗi: {line}")
            return json.loads(out.read_text())
