"""A throwaway PostgreSQL server for the test run: private port and socket dir, loopback only.

Uses Debian's ``postgresql`` binaries; as root it runs them as the ``postgres`` user. Set
``POINTSAPP_TEST_PG_URL`` to use an existing server instead. When no server can be had,
``reason`` says why and the PostgreSQL variants of the tests are skipped with that reason.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PREFIX = "pointsapp-pg-"
MEMORY = "/dev/shm"
MEMORY_ROOM = 2 << 30  # bytes free in it to use it: the test databases come and go, a few hundred MB at most


def server_home() -> str:
    """Where a server's files go (``POINTSAPP_TEST_PG_HOME`` when set): in memory (``/dev/shm``) where there is one
    with room, else the temp folder. Each PostgreSQL test creates its database from a template (``CREATE DATABASE
    … STRATEGY FILE_COPY``, which checkpoints): 15 ms in memory against 100–600 ms on this machine's disk, for
    about 700 tests a run."""
    if os.environ.get("POINTSAPP_TEST_PG_HOME"):
        return os.environ["POINTSAPP_TEST_PG_HOME"]
    try:
        if os.path.isdir(MEMORY) and os.access(MEMORY, os.W_OK) and shutil.disk_usage(MEMORY).free > MEMORY_ROOM:
            return MEMORY
    except OSError:
        pass
    return tempfile.gettempdir()


OWNER_FILE = "owner.pid"  # the test run (or benchmark) that started the server


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep_orphans(pg_ctl: str, temp_dir: str | None = None) -> list[Path]:
    """Stop and remove the servers of earlier runs that were killed before they could stop them (a killed
    pytest leaves its server running, holding memory and a port). Returns the directories removed."""
    removed = []
    homes = [temp_dir] if temp_dir else sorted({server_home(), tempfile.gettempdir()})
    for place in (p for home in homes for p in Path(home).glob(PREFIX + "*")):
        try:
            owner = int((place / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours to judge (no owner written yet, or an older layout)
        if _alive(owner):
            continue
        if (place / "data" / "postmaster.pid").exists():
            as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
            subprocess.run(as_user + [pg_ctl, "-D", str(place / "data"), "-m", "immediate", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(place, ignore_errors=True)
        removed.append(place)
    return removed


class PgServer:
    def __init__(self, home: str | None = None):
        self.home = home  # where its files go; default: server_home() (in memory where it can)
        self.url: str | None = None
        self.reason = ""
        self._dir: Path | None = None
        self._as_user: list[str] = []
        self._pg_ctl = None

    def start(self) -> "PgServer":
        external = os.environ.get("POINTSAPP_TEST_PG_URL")
        if external:
            self.url = external.rstrip("/")
            return self
        initdb, self._pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not self._pg_ctl:
            self.reason = "PostgreSQL 未安装（Debian 包 postgresql），跳过 PostgreSQL 测试"
            return self
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            self.reason = "未安装 psycopg2，跳过 PostgreSQL 测试"
            return self
        sweep_orphans(self._pg_ctl)
        self._dir = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.home or server_home()))
        (self._dir / OWNER_FILE).write_text(str(os.getpid()))
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                self.reason = "以 root 运行但没有 runuser，无法启动 PostgreSQL"
                return self
            shutil.chown(self._dir, "postgres", "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]
        data, sock, log = self._dir / "data", self._dir, self._dir / "server.log"
        port = _free_port()
        try:
            self._run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"])
            opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                    f"-c full_page_writes=off -c max_connections=200")
            self._run([self._pg_ctl, "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"])
        except (subprocess.CalledProcessError, OSError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            self.reason = f"PostgreSQL 无法启动：{str(detail).strip()[:300]}"
            return self
        self.url = f"postgresql://postgres@127.0.0.1:{port}"
        return self

    def cpu_seconds(self) -> float | None:
        """CPU the server has used so far: its own, its ended backends' and its running processes' (Linux
        ``/proc``), or None."""
        def stat(pid) -> list[str]:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # fields from the 3rd on

        try:
            server = int((self._dir / "data" / "postmaster.pid").read_text().split()[0])
            ticks = sum(int(f) for f in stat(server)[11:15])  # utime, stime, cutime, cstime
        except (OSError, ValueError, IndexError, TypeError):
            return None
        for entry in Path("/proc").iterdir():
            try:
                fields = stat(entry.name) if entry.name.isdigit() else None
                if fields and int(fields[1]) == server:  # a running backend, the checkpointer, …
                    ticks += int(fields[11]) + int(fields[12])
            except (OSError, ValueError, IndexError):
                continue
        return ticks / os.sysconf("SC_CLK_TCK")

    def _run(self, cmd: list[str]) -> None:
        subprocess.run(self._as_user + cmd, check=True, capture_output=True, text=True, timeout=120)

    def stop(self) -> None:
        if self._dir is None:
            return
        if self.url:
            try:
                self._run([self._pg_ctl, "-D", str(self._dir / "data"), "-m", "immediate", "stop"])
            except (subprocess.CalledProcessError, OSError):
                pass
        shutil.rmtree(self._dir, ignore_errors=True)

    # databases ---------------------------------------------------------------------------
    def admin_connection(self):
        import psycopg2

        conn = psycopg2.connect(self.url + "/postgres")
        conn.autocommit = True
        return conn

    def _kept_connection(self):
        """One administrator's connection kept by this process for making and dropping databases (a new
        connection is a new server process: 4 ms of the server's CPU, twice a PostgreSQL test)."""
        kept = getattr(self, "_kept", None)
        if kept is None or kept[0] != os.getpid() or kept[1].closed:
            kept = self._kept = (os.getpid(), self.admin_connection())
        return kept[1]

    def _admin_sql(self, *statements) -> None:
        """``statements`` (SQL, or (SQL, parameters)) on the kept connection; once more on a new one if the kept
        one was lost (a test that stopped the server, a terminated backend)."""
        import psycopg2

        for attempt in (1, 2):
            try:
                with self._kept_connection().cursor() as cur:
                    for statement in statements:
                        cur.execute(*((statement,) if isinstance(statement, str) else statement))
                return
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                self._kept = None
                if attempt == 2:
                    raise

    def create_database(self, name: str, template: str | None = None) -> str:
        # FILE_COPY (PostgreSQL 15+): the template's files copied as they are, a third quicker than
        # the default WAL_LOG, which writes every page of the copy through the WAL (fsync is off anyway)
        strategy = " STRATEGY FILE_COPY" if template and self._kept_connection().server_version >= 150000 else ""
        self._admin_sql(f'DROP DATABASE IF EXISTS "{name}"',
                        f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "") + strategy)
        return f"{self.url}/{name}"

    def drop_database(self, name: str) -> None:
        import psycopg2

        for _ in range(50):
            try:
                self._admin_sql(("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                                 "AND pid <> pg_backend_pid()", (name,)), f'DROP DATABASE IF EXISTS "{name}"')
                return
            except psycopg2.errors.ObjectInUse:  # still in use for a moment
                time.sleep(0.1)
