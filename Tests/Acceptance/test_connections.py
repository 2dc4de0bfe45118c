"""Bounded connections: 2 000 idle TCP connections to the API neither crash the daemon
nor delay a control tick, the daemon holds at most its connection limit of them, and
its descriptors come back when the clients leave.

Tick lateness is the daemon's own (`hearth_tick_late_total`: ticks that started more
than 100 ms after their due time; `hearth_tick_lateness_max_seconds`), read over the
unix socket, which has its own listener and so stays reachable while the TCP one is
full. The connection figures come from /proc (the daemon's open descriptors).
"""
import http.client
import json
import os
import resource
import socket
import time

import pytest

from conftest import REPO, wait_for_port

HOST, PORT = "127.0.0.204", 8404
CLIENTS = 2000
LIMIT = 256          # HTTPLimits.standard.maxConnections


class UnixHTTP(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=5)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(self.path)


def unix_get(path, url):
    c = UnixHTTP(path)
    try:
        c.request("GET", url)
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


def metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in metrics")


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.mark.timeout(180)
def test_2000_idle_connections_do_not_delay_a_tick(hearth_factory, tmp_path):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, CLIENTS + 512), hard), hard))
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\n[api]\ntcp = "{HOST}:{PORT}"\n[control]\ntarget = 20\nmode = "heat"\n'
        '[sim]\nscenario = "winter-day"\nspeed = 60\n')
    proc = hearth_factory(["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards")])
    sock_path = os.path.join(proc.dir, "hearth.sock")
    wait_for_port(HOST, PORT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if unix_get(sock_path, "/v1/status")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    time.sleep(2)  # past start-up, so the baseline is a running daemon's
    pid = proc.proc.pid
    base_fds = open_fds(pid)
    m0 = unix_get(sock_path, "/metrics")[1]
    late0 = metric(m0, "hearth_tick_late_total")
    t0 = json.loads(unix_get(sock_path, "/v1/status")[1])["control_time_s"]

    clients = []
    try:
        opened = time.monotonic()
        for _ in range(CLIENTS):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex((HOST, PORT))      # EINPROGRESS past the backlog: the kernel retries
            clients.append(s)
        open_s = time.monotonic() - opened
        peak_fds = base_fds
        hold_until = time.monotonic() + 15
        while time.monotonic() < hold_until:
            peak_fds = max(peak_fds, open_fds(pid))
            assert proc.proc.poll() is None, "the daemon died:\n" + proc.output()[-3000:]
            time.sleep(0.25)
        m1 = unix_get(sock_path, "/metrics")[1]
        t1 = json.loads(unix_get(sock_path, "/v1/status")[1])["control_time_s"]
    finally:
        for s in clients:
            s.close()
    late = metric(m1, "hearth_tick_late_total") - late0
    worst = metric(m1, "hearth_tick_lateness_max_seconds")
    held = peak_fds - base_fds
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and open_fds(pid) > base_fds + 2:
        time.sleep(0.25)
    after_fds = open_fds(pid)
    figures = {"clients": CLIENTS, "open_s": round(open_s, 2), "held_by_daemon": held,
               "late_ticks": late, "max_lateness_ms": round(worst * 1000, 1),
               "simulated_s_during_hold": round(t1 - t0, 1), "fds_before": base_fds, "fds_after": after_fds}
    print("CONNECTIONS", json.dumps(figures))
    assert late == 0, figures
    assert worst < 0.1, figures
    assert held <= LIMIT + 4, figures          # a few descriptors of its own may come and go
    assert t1 - t0 > 15 * 60 * 0.8, figures    # the loop kept its pace (60x) while they sat
    assert after_fds <= base_fds + 2, figures
    assert proc.proc.poll() is None


@pytest.mark.timeout(240)
def test_soak_short_mode_holds_its_bounds(tmp_path):
    """scripts/soak in its CI mode (3 simulated days at 4000x, every interface loaded):
    it exits 1 when RSS grows more than 1 MiB after warm-up, descriptors drift, a tick
    is late or an interface fails."""
    import subprocess
    import sys
    out = tmp_path / "soak.json"
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "soak"), "--days", "3", "--json", str(out)],
                       capture_output=True, text=True, timeout=220)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    figures = json.loads(out.read_text())["figures"]
    print("SOAK", json.dumps(figures))
    assert figures["sim_days"] >= 3 and figures["late_ticks"] == 0
