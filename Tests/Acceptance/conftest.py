"""Shared fixtures for the acceptance tests: Hearth against the real tools owners use.

Each test starts its own `hearth run` on the simulator with its own state folder and
its own loopback address (127.0.0.x), so fixed ports (4028, 1883) never collide and
nothing touches the machine's real paths.
"""
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def hearth_binary() -> str:
    path = os.environ.get("HEARTH_BIN")
    if path:
        return path
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "hearth")


def wait_for_port(host: str, port: int, timeout: float = 30.0) -> None:
    """Wait (bounded) until something accepts on host:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {host}:{port} after {timeout} s")


class HearthProcess:
    """A `hearth run` child with its own paths; stopped with SIGTERM (bounded)."""

    def __init__(self, args, env_extra=None):
        self.dir = tempfile.mkdtemp(prefix="hearth-acceptance-")
        env = dict(os.environ)
        env.update({
            "HEARTH_FORBID_SYSTEM_PATHS": "1",
            "HEARTH_SOCKET": os.path.join(self.dir, "hearth.sock"),
            "HEARTH_STATE_FILE": os.path.join(self.dir, "settings.json"),
            "XDG_RUNTIME_DIR": self.dir,
            "XDG_STATE_HOME": self.dir,
            "HOME": self.dir,
        })
        env.update(env_extra or {})
        self.log_path = os.path.join(self.dir, "hearth.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([hearth_binary(), "run", *args], stdout=self.log,
                                     stderr=subprocess.STDOUT, env=env, cwd=self.dir)

    def output(self) -> str:
        self.log.flush()
        return pathlib.Path(self.log_path).read_text()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def hearth_factory():
    started = []

    def start(args, env_extra=None):
        p = HearthProcess(args, env_extra)
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()
