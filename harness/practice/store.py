"""The attempt log: one SQLite file in the workspace, `<workspace>/.drill/attempts.sqlite3`.

Every judged run is a row. WAL mode and short write transactions let two `drill`
processes record at once; a process killed mid-run leaves the log readable. A damaged
file is reported, never repaired or replaced behind the user's back.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from harness import clock
from harness.practice import messages
from harness.verdicts import JudgeResult

LOG_NAME = "attempts.sqlite3"
# `drill export --format csv`: one line per run (tools read these columns by name).
EXPORT_COLUMNS = ["id", "problem", "command", "verdict", "ok", "passed", "failed", "total", "started_at", "duration_s",
                  "since_start_s", "source_sha256", "source_path"]
SCHEMA_VERSION = 4  # 2: benches, 3: mocks, 4: sources. Older logs are upgraded in place (CREATE IF NOT EXISTS).
MAX_SOURCE_BYTES = 1024 * 1024  # a judged file larger than this is not kept (its run says so)

SCHEMA = """
CREATE TABLE IF NOT EXISTS starts (
    id INTEGER PRIMARY KEY,
    problem TEXT NOT NULL,
    started_at TEXT NOT NULL,
    file TEXT NOT NULL,
    timed_minutes REAL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    problem TEXT NOT NULL,
    start_id INTEGER REFERENCES starts(id),
    command TEXT NOT NULL,
    verdict TEXT NOT NULL,
    ok INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    total INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    duration_s REAL NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_path TEXT NOT NULL,
    since_start_s REAL,
    first_failure TEXT,
    complexity TEXT
);
CREATE TABLE IF NOT EXISTS benches (
    id INTEGER PRIMARY KEY,
    problem TEXT NOT NULL,
    command TEXT NOT NULL,
    outcome TEXT NOT NULL,
    summary TEXT NOT NULL,
    started_at TEXT NOT NULL,
    duration_s REAL NOT NULL,
    source_sha256 TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    problem TEXT NOT NULL,
    start_id INTEGER REFERENCES starts(id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS mocks (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    minutes REAL NOT NULL,
    problems TEXT NOT NULL,
    folder TEXT NOT NULL,
    ended_at TEXT,
    report TEXT
);
CREATE TABLE IF NOT EXISTS sources (
    sha256 TEXT PRIMARY KEY,
    source BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_problem ON runs(problem, id);
CREATE INDEX IF NOT EXISTS starts_by_problem ON starts(problem, id);
"""


class StoreError(Exception):
    """The attempt log cannot be used. The message says what to do, in one line."""


def utc_now() -> datetime:
    return clock.now()


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass
class Start:
    id: int
    problem: str
    started_at: str
    file: str
    timed_minutes: float | None


@dataclass
class Repair:
    """What `Store.repair` did: where the damaged file is kept, how many rows the new log has, what was lost."""

    kept_as: Path
    rows: int
    skipped: list[str]


class Store:
    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.path = workspace / ".drill" / LOG_NAME
        self._conn: sqlite3.Connection | None = None

    # --- connection ---------------------------------------------------------------

    def _recover(self) -> str:
        return messages.log_recovery(self.workspace, self.path)

    def _damaged(self, exc: Exception) -> StoreError:
        return StoreError(messages.log_damaged(self.path, exc, self._recover()))

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if not self.path.exists():
            if not create:
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(messages.log_folder_not_created(self.path.parent, exc.strerror)) from exc
        if self.path.exists() and self.path.is_dir():
            raise StoreError(messages.log_is_a_folder(self.path))
        try:
            conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(messages.log_not_opened(self.path, exc)) from exc
        try:
            conn.execute("PRAGMA busy_timeout = 15000")
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise self._damaged(Exception(check[0] if check else messages.LOG_INTEGRITY_FAILED))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(messages.log_from_newer_drill(self.path, version))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if version < SCHEMA_VERSION:
                with _transaction(conn):
                    for statement in _statements(SCHEMA):  # executescript would COMMIT mid-transaction
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(messages.log_locked(self.path)) from exc
            raise self._damaged(exc) from exc
        except StoreError:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        self._conn = conn
        return conn

    def ensure_usable(self) -> None:
        """Fail early, before any judging, if the log exists but cannot be used."""
        if self.path.exists():
            self._connect(create=False)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _write(self, sql: str, args: tuple[Any, ...], *also: tuple[str, tuple[Any, ...]]) -> int:
        """One write transaction: `sql`, then the statements in `also`. Returns `sql`'s row id."""
        conn = self._connect(create=True)
        assert conn is not None
        try:
            with _transaction(conn):
                cursor = conn.execute(sql, args)
                for more_sql, more_args in also:
                    conn.execute(more_sql, more_args)
            return int(cursor.lastrowid or 0)
        except sqlite3.OperationalError as exc:
            raise StoreError(messages.log_not_written(self.path, exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        conn = self._connect(create=False)
        if conn is None:
            return []
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    # --- starts ---------------------------------------------------------------------

    def start(self, problem: str, file: Path, timed_minutes: float | None = None) -> Start:
        at = iso(utc_now())
        start_id = self._write(
            "INSERT INTO starts (problem, started_at, file, timed_minutes) VALUES (?, ?, ?, ?)",
            (problem, at, str(file), timed_minutes),
        )
        return Start(start_id, problem, at, str(file), timed_minutes)

    def latest_start(self, problem: str, file: str | None = None, *, fallback: bool = True) -> Start | None:
        """The problem's latest start; with `file`, the latest start of that file if there is one
        (else, with `fallback`, the problem's latest)."""
        rows = []
        if file is not None:
            rows = self._read("SELECT * FROM starts WHERE problem = ? AND file = ? ORDER BY id DESC LIMIT 1", (problem, file))
        if not rows and (file is None or fallback):
            rows = self._read("SELECT * FROM starts WHERE problem = ? ORDER BY id DESC LIMIT 1", (problem,))
        if not rows:
            return None
        row = self._checked("starts", rows[0])
        return Start(row["id"], row["problem"], row["started_at"], row["file"], row["timed_minutes"])

    def last_started_in(self, folder: Path) -> Start | None:
        """The latest start of a file in `folder` (the workspace: a mock's files are elsewhere)."""
        for row in self._read("SELECT * FROM starts ORDER BY id DESC"):
            item = self._checked("starts", row)
            if Path(item["file"]).parent == folder:
                return Start(item["id"], item["problem"], item["started_at"], item["file"], item["timed_minutes"])
        return None

    # --- runs -------------------------------------------------------------------------

    def record_run(self, result: JudgeResult, command: str, *, file_run: bool = False) -> int:
        """`file_run`: judged with `--file` (a file other than the command's own), so it belongs to no
        attempt, even where a start made that file (a mock's): no start, no time since it."""
        start = None if file_run else self.latest_start(result.problem, result.file, fallback=False)
        since = None
        if start is not None and result.started_at:
            since = round((parse_iso(result.started_at) - parse_iso(start.started_at)).total_seconds(), 1)
        failure = json.dumps(_plain(result.first_failure)) if result.first_failure else None
        complexity = json.dumps(result.complexity) if result.complexity else None
        source = result.source
        keep = source is not None and len(source) <= MAX_SOURCE_BYTES and hashlib.sha256(source).hexdigest() == result.source_sha256
        # The source, once per distinct sha256, in the run's own transaction.
        also = [("INSERT OR IGNORE INTO sources (sha256, source) VALUES (?, ?)", (result.source_sha256, source))] if keep else []
        return self._write(
            """INSERT INTO runs (problem, start_id, command, verdict, ok, passed, failed, total, started_at,
                                 duration_s, source_sha256, source_path, since_start_s, first_failure, complexity)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                result.problem, start.id if start else None, command, result.verdict, int(result.ok),
                result.passed, result.failed, result.total, result.started_at or iso(utc_now()),
                result.duration_s, result.source_sha256, result.file, since, failure, complexity,
            ),
            *also,
        )

    def runs(self, problem: str | None = None) -> list[dict[str, Any]]:
        if problem:
            rows = self._read("SELECT * FROM runs WHERE problem = ? ORDER BY id", (problem,))
        else:
            rows = self._read("SELECT * FROM runs ORDER BY id")
        out = []
        for row in rows:
            item = self._checked("runs", row)
            item["ok"] = bool(item["ok"])
            out.append(item)
        return out

    def run(self, run_id: int) -> dict[str, Any] | None:
        """Run `run_id` (the number `drill history` shows), or None."""
        rows = self._read("SELECT * FROM runs WHERE id = ?", (run_id,))
        if not rows:
            return None
        item = self._checked("runs", rows[0])
        item["ok"] = bool(item["ok"])
        return item

    def source(self, sha256: str) -> bytes | None:
        """The source judged with this sha256, if the log kept it (runs before schema 4, and files
        over MAX_SOURCE_BYTES, have none)."""
        rows = self._read("SELECT rowid AS id, sha256, source FROM sources WHERE sha256 = ?", (sha256,))
        return self._checked("sources", rows[0])["source"] if rows else None

    # --- complexity benchmarks ------------------------------------------------------------

    def record_bench(self, problem: str, report: dict[str, Any], *, command: str, started_at: str, source_sha256: str) -> int:
        return self._write(
            """INSERT INTO benches (problem, command, outcome, summary, started_at, duration_s, source_sha256, report)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (problem, command, report["verdict"], report["summary"], started_at, float(report.get("duration_s", 0.0)),
             source_sha256, json.dumps(report)),
        )

    def benches(self, problem: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, problem, command, outcome, summary, started_at, duration_s, source_sha256 FROM benches"
        rows = self._read(sql + (" WHERE problem = ? ORDER BY id" if problem else " ORDER BY id"), (problem,) if problem else ())
        return [self._checked("benches", r) for r in rows]

    # --- events (hints, reveals, solutions) ------------------------------------------

    def record_event(self, problem: str, kind: str, detail: str | None = None) -> int:
        start = self.latest_start(problem)
        return self._write(
            "INSERT INTO events (problem, start_id, kind, at, detail) VALUES (?, ?, ?, ?, ?)",
            (problem, start.id if start else None, kind, iso(utc_now()), detail),
        )

    def events(self, problem: str | None = None) -> list[dict[str, Any]]:
        if problem:
            return [self._checked("events", r) for r in self._read("SELECT * FROM events WHERE problem = ? ORDER BY id", (problem,))]
        return [self._checked("events", r) for r in self._read("SELECT * FROM events ORDER BY id")]

    # --- mock interviews ----------------------------------------------------------------

    def start_mock(self, minutes: float, problems: list[str], folder: Path) -> int:
        return self._write(
            "INSERT INTO mocks (started_at, minutes, problems, folder) VALUES (?, ?, ?, ?)",
            (iso(utc_now()), minutes, json.dumps(problems), str(folder)),
        )

    def mocks(self) -> list[dict[str, Any]]:
        out = []
        for row in self._read("SELECT * FROM mocks ORDER BY id"):
            out.append(self._checked("mocks", row))
        return out

    def end_mock(self, mock_id: int, report: dict[str, Any], ended_at: datetime | None = None) -> None:
        """`ended_at`: when its clock stopped (`--stop`, or its deadline), by default now."""
        self._write("UPDATE mocks SET ended_at = ?, report = ? WHERE id = ?", (iso(ended_at or utc_now()), json.dumps(report), mock_id))

    def starts(self, problem: str | None = None) -> list[dict[str, Any]]:
        if problem:
            return [self._checked("starts", r) for r in self._read("SELECT * FROM starts WHERE problem = ? ORDER BY id", (problem,))]
        return [self._checked("starts", r) for r in self._read("SELECT * FROM starts ORDER BY id")]

    def export(self, fmt: str) -> str:
        """The log as `drill export` writes it: everything (json), or every run (csv)."""
        if fmt == "json":
            data = {"runs": self.runs(), "starts": self.starts(), "events": self.events(), "benches": self.benches(), "mocks": self.mocks()}
            return json.dumps(data, indent=2, default=str)
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for run in self.runs():
            writer.writerow(run)
        return buffer.getvalue()

    def health(self) -> int:
        """Read every row of every table as the commands read them (`drill doctor`): the number of
        rows, or StoreError naming the first that does not decode. 0 when there is no log yet."""
        if not self.path.exists():
            return 0
        count = 0
        for table in _COLUMNS:
            for row in self._read(f"SELECT * FROM {table}"):  # table names are the module's own
                self._checked(table, row)
                count += 1
        return count

    # --- recovery ---------------------------------------------------------------------------

    def repair(self) -> Repair:
        """Copy every row that still reads and decodes into a new log at the same path; the damaged
        file is kept beside it (`<log>.damaged-<time>`). Rows that do not read are named, not guessed at."""
        self.close()
        if not self.path.is_file():
            raise StoreError(messages.log_missing_for_repair(self.path))
        kept_as = self.path.with_name(f"{LOG_NAME}.damaged-{utc_now().strftime('%Y%m%dT%H%M%S')}")
        shutil.copyfile(self.path, kept_as)
        wal = Path(f"{self.path}-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(f"{kept_as}-wal"))  # so the copy reads what the log had written
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in _COLUMNS}
        skipped: list[str] = []
        source = sqlite3.connect(kept_as, isolation_level=None)
        try:
            for table in _COLUMNS:
                try:
                    ids = [r[0] for r in source.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
                except sqlite3.DatabaseError as exc:
                    skipped.append(messages.log_table_unreadable(table, exc))
                    continue
                for rowid in ids:
                    try:
                        cursor = source.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,))
                        names = [d[0] for d in cursor.description]
                        item = dict(zip(names, cursor.fetchone()))
                        for column, kind in _COLUMNS[table].items():
                            _decode(kind, item.get(column))
                        _consistent(table, item)
                    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
                        skipped.append(messages.log_row_unreadable(table, rowid, exc))
                        continue
                    rows[table].append(item)
        finally:
            source.close()
            Path(f"{kept_as}-wal").unlink(missing_ok=True)
            Path(f"{kept_as}-shm").unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        conn = self._connect(create=True)
        assert conn is not None
        copied = 0
        with _transaction(conn):
            for table, items in rows.items():
                # Every column the new log has, not only the checked ones (benches.report is copied as is).
                known = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
                for item in items:
                    columns = [c for c in item if c in known]
                    try:  # a row the new log refuses (a NULL where it needs a value) is left out, and named
                        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                     tuple(item[c] for c in columns))
                    except sqlite3.IntegrityError as exc:
                        skipped.append(messages.log_row_unreadable(table, item.get("id", "?"), exc))
                        continue
                    copied += 1
        return Repair(kept_as, copied, skipped)

    # --- reading rows: every value checked, so a bad row is one line naming it, never a traceback ---

    def _checked(self, table: str, row: sqlite3.Row) -> dict[str, Any]:
        item = dict(row)
        for column, kind in _COLUMNS[table].items():
            if column not in item:
                continue
            value = item[column]
            try:
                item[column] = _decode(kind, value)
            except (ValueError, TypeError) as exc:
                raise StoreError(messages.log_row_undecodable(self.path, item.get("id", "?"), table, column, exc, self._recover())) from None
        try:
            _consistent(table, item)
        except ValueError as exc:
            raise StoreError(messages.log_row_damaged(self.path, item.get("id", "?"), table, exc, self._recover())) from None
        return item


class _transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _statements(script: str) -> Iterator[str]:
    for statement in script.split(";"):
        if statement.strip():
            yield statement


# What each column must hold; "dict" and "list" columns hold JSON text; a "?" column may be NULL.
_COLUMNS: dict[str, dict[str, str]] = {
    "starts": {"id": "int", "problem": "str", "started_at": "time", "file": "str", "timed_minutes": "number?"},
    "runs": {"id": "int", "problem": "str", "start_id": "int?", "command": "str", "verdict": "str", "ok": "int",
             "passed": "int", "failed": "int", "total": "int", "started_at": "time", "duration_s": "number",
             "source_sha256": "str", "source_path": "str", "since_start_s": "number?", "first_failure": "dict?",
             "complexity": "dict?"},
    "benches": {"id": "int", "problem": "str", "command": "str", "outcome": "str", "summary": "str",
                "started_at": "time", "duration_s": "number", "source_sha256": "str"},
    "events": {"id": "int", "problem": "str", "start_id": "int?", "kind": "str", "at": "time", "detail": "str?"},
    "mocks": {"id": "int", "started_at": "time", "minutes": "number", "problems": "list", "folder": "str",
              "ended_at": "time?", "report": "dict?"},
    "sources": {"sha256": "str", "source": "bytes"},
}


def _consistent(table: str, item: dict[str, Any]) -> None:
    """What a row's columns must say together: a source is the bytes its sha256 names."""
    if table == "sources" and hashlib.sha256(item["source"]).hexdigest() != item["sha256"]:
        raise ValueError(messages.LOG_SOURCE_MISMATCH)


def _decode(kind: str, value: Any) -> Any:
    if kind.endswith("?"):
        if value is None:
            return None
        kind = kind[:-1]
    if kind == "int":
        if type(value) is not int:
            raise TypeError(messages.log_value_mismatch(kind, value))
        return value
    if kind == "number":
        if type(value) not in (int, float):
            raise TypeError(messages.log_value_mismatch(kind, value))
        return float(value)
    if kind == "str":
        if type(value) is not str:
            raise TypeError(messages.log_value_mismatch(kind, value))
        return value
    if kind == "bytes":
        if type(value) is not bytes:
            raise TypeError(messages.log_value_mismatch(kind, value))
        return value
    if kind == "time":
        if type(value) is not str:
            raise TypeError(messages.log_value_mismatch(kind, value))
        parse_iso(value)
        return value
    if type(value) is not str:
        raise TypeError(messages.log_value_mismatch("json", value))
    decoded = json.loads(value)
    wanted = dict if kind == "dict" else list
    if type(decoded) is not wanted:
        raise TypeError(messages.log_value_mismatch(kind, decoded))
    return decoded


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) else value
