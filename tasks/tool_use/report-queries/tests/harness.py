"""Runs the agent's monthly_report() on a connection whose database lives in the verifier.

Every statement goes over a Unix socket to the verifier, which runs it on its own SQLite
connection and counts it there: nothing in this process (where the agent's code runs) holds
the data or the count. The connection offers what a report needs of sqlite3's: execute,
executemany, executescript, cursor, fetchone/fetchmany/fetchall, iteration, description.
"""
import json
import socket
from collections import deque
import sqlite3
import sys

code_dir, socket_path, month, result_file = sys.argv[1:5]


class Remote:
    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.connect(path)
        self.replies = self.socket.makefile("rb")

    def ask(self, op, sql, params):
        self.socket.sendall(json.dumps({"op": op, "sql": sql, "params": params}).encode() + b"\n")
        reply = json.loads(self.replies.readline())
        if "error" in reply:
            raise getattr(sqlite3, reply["error"], sqlite3.Error)(reply["message"])
        return reply


class Cursor:
    def __init__(self, remote):
        self._remote, self._rows, self.description, self.rowcount, self.lastrowid = remote, deque(), None, -1, None

    def _run(self, op, sql, params):
        reply = self._remote.ask(op, sql, params)
        self._rows = deque(tuple(row) for row in reply["rows"])
        self.description = [tuple(d) for d in reply["description"]] if reply["description"] else None
        self.rowcount, self.lastrowid = reply["rowcount"], reply["lastrowid"]
        return self

    def execute(self, sql, parameters=()):
        return self._run("execute", sql, parameters if isinstance(parameters, dict) else list(parameters))

    def executemany(self, sql, seq):
        return self._run("executemany", sql, [p if isinstance(p, dict) else list(p) for p in seq])

    def executescript(self, script):
        return self._run("executescript", script, [])

    def fetchone(self):
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size=1):
        return [self._rows.popleft() for _ in range(min(size, len(self._rows)))]

    def fetchall(self):
        taken, self._rows = list(self._rows), deque()
        return taken

    def __iter__(self):
        while self._rows:
            yield self._rows.popleft()

    def close(self):
        self._rows = deque()


class Connection:
    def __init__(self, remote):
        self._remote = remote

    def cursor(self):
        return Cursor(self._remote)

    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq):
        return self.cursor().executemany(sql, seq)

    def executescript(self, script):
        return self.cursor().executescript(script)

    def commit(self):
        pass

    def rollback(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


conn = Connection(Remote(socket_path))
sys.path.insert(0, code_dir)
from reports.monthly import monthly_report  # noqa: E402

rows = monthly_report(conn, month)
with open(result_file, "w") as f:
    json.dump({"rows": [list(r) for r in rows]}, f)
