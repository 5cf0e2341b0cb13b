"""``pointsapp`` commands for the tests in a fresh process each, without paying Python's start-up each time.

Starting ``python -m pointsapp`` costs about 0.3 s of CPU before the command does anything (the interpreter, then
peewee, reportlab, PySide6 …), and the suite runs the command about a thousand times: most of the CPU its child
processes used. Here one *zygote* per test process starts once, imports what every command imports, and then
``fork``s a child for each command: the child is a new process as ``python -m pointsapp`` would be (its own
pid, environment, working folder, standard streams, exit code; nothing from earlier commands, for the zygote runs
none), only already warm. One difference, on purpose: the passwords its commands set (``users first-password``,
the demo's) are hashed with the tests' tiny scrypt cost, as :mod:`tests.conftest` does for the users tests make;
the cost is stored in the hash, so signing in checks them the same way, only cheaply. A command started plainly
stores the program's cost (``tests/test_cli_zygote.py`` checks both).

The zygote imports every command's module (and so the services they use) but no Qt application, opens no
database and starts no thread, so a fork of it is safe. A command started plainly imports only its own modules
(``tests/test_cli_commands.py`` checks that); a child of the zygote finds them and the others already there, which
changes nothing it does: a module's names are its own, and the parser registers the command's modules only. Tests
that need the real start (what the command imports, an encoding set for the interpreter, signals) start
``python -m pointsapp`` themselves; so does :func:`run`'s caller when ``POINTSAPP_TEST_CLI_FORK=0`` or when the
environment sets a variable the interpreter reads at start-up.

Wire: a Unix socket pair. A request is its length in ten digits, with the child's stdin, stdout and stderr
descriptors and the request's own reply socket attached (SCM_RIGHTS), then that many bytes of JSON. The zygote
forks a waiter for each request and reads the next one at once; the waiter forks the command's child and answers on
the reply socket ``pid PID`` once the child runs and ``exit CODE CPU`` when it ends. So commands run at once when
tests start them at once (:func:`run_at_once`), as the races between stations in the tests need.
"""
from __future__ import annotations

import atexit
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)  # the zygote starts here; each command in its test's folder
PRELOAD = ("peewee", "psycopg2", "reportlab.pdfgen.canvas", "reportlab.platypus", "openpyxl", "PySide6.QtCore",
           "zxingcpp", "pointsapp.cli", "pointsapp.cli._context", "pointsapp.models", "pointsapp.db",
           "pointsapp.services.auth", "pointsapp.services.audit", "pointsapp.cli._language",
           "cryptography.hazmat.primitives.serialization", "pointsapp.services.signing.keys",
           "pointsapp.services.signing.verify", "pointsapp.services.qr", "pointsapp.printing.cards",
           "pointsapp.printing.layout", "openpyxl.reader.excel")
commands_cpu = 0.0  # CPU seconds of the commands this process ran through the zygote (tests/cpu_time.py reads it)
STARTUP_VARIABLES = ("PYTHON", "LANG", "LC_", "LD_", "FAKETIME")  # read at start-up (interpreter, C library, libfaketime)

SERVER = r"""
import importlib, json, logging, os, signal, socket, sys, traceback, atexit
for name in sys.argv[2].split(","):
    importlib.import_module(name)
import pointsapp.cli
for name in pointsapp.cli.all_modules():  # every command's module and the services it uses: a child imports none
    importlib.import_module("pointsapp.cli." + name)
from pointsapp.services.ops import passwords
MAIN = os.path.join(os.path.dirname(pointsapp.cli.__file__), "..", "__main__.py")
# Passwords set by these commands cost what the tests' own users cost (tests/conftest.py's _cheap_hash): the
# program's ~40 ms scrypt, paid again at every sign-in and key unlock, was a fifth of the commands' CPU.
passwords.N = 16
passwords.hash_password.__kwdefaults__ = {**passwords.hash_password.__kwdefaults__, "n": 16}
import gc
gc.collect()
gc.freeze()  # what the preloading made is never collected: a child's collections do not touch (and copy) its pages
channel = socket.socket(fileno=int(sys.argv[1]))


def child(request, fds):
    channel.close()
    for fd, target in zip(fds, (0, 1, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = [os.path.normpath(MAIN), *request["args"]]
    try:
        code = pointsapp.cli.main()
    except SystemExit as stop:
        code = stop.code
    except BaseException:
        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        atexit._run_exitfuncs()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code & 0xFF)


def waiter(request, fds, reply):
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # this process waits for its child itself
    channel.close()
    pid = os.fork()
    if pid == 0:
        reply.close()
        child(request, fds)
    for fd in fds:
        os.close(fd)
    try:
        reply.sendall(f"pid {pid}\n".encode())
        _pid, status, usage = os.wait4(pid, 0)
        cpu = usage.ru_utime + usage.ru_stime
        reply.sendall(f"exit {os.waitstatus_to_exitcode(status)} {cpu:.4f}\n".encode())
    finally:
        os._exit(0)


signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the waiters are reaped by the system as they end
while True:
    try:
        header, fds, _flags, _address = socket.recv_fds(channel, 10, 4)
        if not header:
            break
        while len(header) < 10:
            header += channel.recv(10 - len(header))
        size, message = int(header), b""
        while len(message) < size:
            message += channel.recv(size - len(message))
    except (ConnectionResetError, OSError, ValueError):
        break
    request, reply = json.loads(message), socket.socket(fileno=fds.pop())
    if os.fork() == 0:
        waiter(request, fds, reply)
    for fd in fds:
        os.close(fd)
    reply.close()
"""


def _startup(env: dict) -> dict:
    return {k: v for k, v in env.items() if k.startswith(STARTUP_VARIABLES)}


class _Zygote:
    def __init__(self, env: dict):
        self.startup, self.owner = _startup(env), os.getpid()  # a forked test process starts its own
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.channel = ours
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(theirs.fileno()), ",".join(PRELOAD)], pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL, cwd=ROOT, env={**self.startup, **{k: env[k] for k in ("PATH", "HOME") if k in env}})
        theirs.close()
        self.lock = threading.Lock()  # one request on the channel at a time; the commands then run at once

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        try:
            self.channel.close()  # the zygote reads the end of its requests and exits
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001 - tidying up at exit
            self.process.kill()

    def run(self, args: list[str], env: dict, input: str | None, timeout: float) -> subprocess.CompletedProcess:
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = json.dumps({"args": args, "env": env, "cwd": os.getcwd()}).encode()
        try:
            with self.lock:
                socket.send_fds(self.channel, [b"%010d" % len(request)], [stdin_r, out_w, err_w, theirs.fileno()])
                self.channel.sendall(request)
        finally:
            for fd in (stdin_r, out_w, err_w):
                os.close(fd)
            theirs.close()
        with ours, ours.makefile("r", encoding="ascii") as replies:
            pid = int(replies.readline().split()[1])
            with os.fdopen(stdin_w, "wb") as feed:
                if input:
                    try:
                        feed.write(input.encode("utf-8"))
                    except BrokenPipeError:
                        pass
            try:
                out, err = _read_both(out_r, err_r, pid, timeout, args)
            finally:
                _word, code, cpu = replies.readline().split()  # after a time-out too: the killed child's
                with self.lock:
                    global commands_cpu
                    commands_cpu += float(cpu)
        return subprocess.CompletedProcess(["pointsapp", *args], int(code), out, err)


def _read_both(out_r: int, err_r: int, pid: int, timeout: float, args) -> tuple[str, str]:
    chunks = {out_r: [], err_r: []}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        open_fds = set(chunks)
        while open_fds:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                for fd in chunks:
                    os.close(fd)
                raise subprocess.TimeoutExpired(["pointsapp", *args], timeout)
            for key, _events in selector.select(min(left, 1.0)):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
                    open_fds.discard(key.fd)
    for fd in chunks:
        os.close(fd)
    return tuple(b"".join(chunks[fd]).decode("utf-8", errors="replace") for fd in (out_r, err_r))


_zygote: _Zygote | None = None
_starting = threading.Lock()


def run(args: list[str], env: dict, *, input: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m pointsapp ARGS`` with ``env``: in a child forked from the warm zygote where that is the same,
    else started as usual."""
    global _zygote
    if os.environ.get("POINTSAPP_TEST_CLI_FORK", "1") != "0":
        with _starting:  # commands run at once from threads find one zygote
            if _zygote is None or _zygote.owner != os.getpid() or not _zygote.alive():
                _zygote = _Zygote(env)
                atexit.register(_zygote.close)
            zygote = _zygote
        if zygote.startup == _startup(env):
            return zygote.run(list(args), env, input, timeout)
    return subprocess.run([sys.executable, "-m", "pointsapp", *args], input=input, capture_output=True,
                          text=True, env=env, timeout=timeout)


def run_at_once(commands: list[list[str]], env: dict, *, timeout: float = 300) -> list[subprocess.CompletedProcess]:
    """Each of ``commands`` (``python -m pointsapp ARGS``) in a process of its own, all started together and
    running at once, as stations racing for the same rows would; their results in the order given."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(lambda args: run(args, env, timeout=timeout), commands))
