"""pyasic 0.79 (PyPI) against Hearth's cgminer-style API (docs/cgminer-api.md).

For each stock Avalon home model Hearth simulates, `hearth run` listens on its own
127.0.0.14x:4028; pyasic must detect the model, read the same values Hearth's own
`/v1/status` shows, and its writes must change Hearth's settings.
"""
import asyncio
import http.client
import json
import os
import socket
import time

import pytest

pyasic = pytest.importorskip("pyasic")

from conftest import wait_for_port  # noqa: E402

BOARDS = [
    # board, loopback address, pyasic class, model name pyasic reports
    ("avalon-nano3s", "127.0.0.141", "CGMinerAvalonNano3s", "Avalon Nano 3s"),
    ("avalon-mini3", "127.0.0.142", "CGMinerAvalonMini3", "Avalon Mini 3"),
    ("avalon-q", "127.0.0.143", "CGMinerAvalonQHome", "Avalon Q Home"),
]


class UnixHTTP(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=5)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(self.path)


def api(proc, path):
    conn = UnixHTTP(os.path.join(proc.dir, "hearth.sock"))
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    return json.loads(body)


def wait_status(proc, timeout=30.0, hashing=True):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status = api(proc, "/v1/status")
            if (status.get("hashing") or not hashing) and status.get("uptime_s", 0) >= 3:
                return status
        except (OSError, ValueError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise TimeoutError("hearth never reported hashing:\n" + proc.output())


def near(a, b, tolerance):
    return a is not None and b is not None and abs(a - b) <= tolerance


@pytest.mark.timeout(120)
@pytest.mark.parametrize("board,host,cls,model", BOARDS, ids=[b[0] for b in BOARDS])
def test_pyasic_detects_reads_and_writes(hearth_factory, board, host, cls, model):
    proc = start_written(hearth_factory, board, host)
    wait_for_port(host, 4028)
    before = wait_status(proc)

    async def read():
        miner = await pyasic.get_miner(host)
        data = await miner.get_data()
        return miner, data

    miner, data = asyncio.run(read())
    after = api(proc, "/v1/status")
    assert type(miner).__name__ == cls, f"{board}: pyasic saw {type(miner).__name__}"
    assert data.model == model

    # Hashrate: the board's point while mining, in TH/s (0.1 %: the Q's comes back 90.0136 for 90.0000
    # through pyasic's MH/s → TH/s conversion of devs' "MHS 1m").
    th = before["hashrate"] / 1e12
    assert near(float(data.hashrate), th, 0.001 * th + 0.01), (data.hashrate, before["hashrate"])
    # Wall power (PS[6] on the Nano 3S, WALLPOWER on the Mini 3 and Q): integer watts of the same tick or the next.
    lo, hi = sorted([before["power_w"], after["power_w"]])
    assert lo - 1.5 <= data.wattage <= hi + 1.5, (data.wattage, before["power_w"], after["power_w"])
    # Chip temperature (TMax, integer °C).
    board0 = data.hashboards[0]
    clo, chi = sorted([before["chip_c"], after["chip_c"]])
    assert clo - 1.5 <= board0.chip_temp <= chi + 1.5, (board0.chip_temp, before["chip_c"], after["chip_c"])
    # Fans: every fan pyasic expects, at the status' rpm.
    flo, fhi = sorted([before["fan_rpm"], after["fan_rpm"]])
    assert data.fans and all(flo - 60 <= f.speed <= fhi + 60 for f in data.fans), (data.fans, before["fan_rpm"])
    # Uptime: STATS[1].Elapsed is the status' uptime.
    assert before["uptime_s"] - 2 <= data.uptime <= after["uptime_s"] + 2, (data.uptime, before["uptime_s"])
    # Pools: the configured one, user and url.
    assert [(p.user, str(p.url)) for p in data.pools] == [("owner.heater", "stratum+tcp://127.0.0.1:9")]

    async def write():
        limited = await miner.set_power_limit(1)  # level 1: the board's second point by power
        stopped = await miner.stop_mining()
        s1 = api(proc, "/v1/settings")
        resumed = await miner.resume_mining()
        s2 = api(proc, "/v1/settings")
        # pyasic drops a parameter of 0 (`if parameters:`), so pool 0 cannot be named: work on 1 and 2.
        added = await miner.rpc.addpool("stratum+tcp://127.0.0.1:10", "second.heater", "x")
        await miner.rpc.addpool("stratum+tcp://127.0.0.1:11", "third.heater", "x")
        switched = await miner.rpc.switchpool(2)
        removed = await miner.rpc.removepool(1)
        return limited, stopped, s1, resumed, s2, added, switched, removed

    limited, stopped, s1, resumed, s2, added, switched, removed = asyncio.run(write())
    settings = api(proc, "/v1/settings")
    assert limited and stopped and resumed
    assert s1["mode"] == "off" and s2["mode"] == "mine"
    assert s1["point_override"] == points_by_power(board)[1], s1
    assert added["STATUS"][0]["Code"] == 55 and switched["STATUS"][0]["Code"] == 27 and removed["STATUS"][0]["Code"] == 68
    assert [p["url"] for p in settings["pools"]] == ["stratum+tcp://127.0.0.1:9", "stratum+tcp://127.0.0.1:11"]
    assert settings["active_pool"] == 1


def points_by_power(board):
    """Names of the board file's operating points from least to most power."""
    import tomllib
    from conftest import REPO
    with open(REPO / "boards" / f"{board}.toml", "rb") as f:
        doc = tomllib.load(f)
    return [p["name"] for p in sorted(doc["operating_point"], key=lambda p: p["power_w"])]


def start_written(hearth_factory, board, host):
    """Like `start`, but the config exists before the daemon reads it."""
    import tempfile
    folder = tempfile.mkdtemp(prefix="hearth-pyasic-")
    path = os.path.join(folder, "hearth.toml")
    with open(path, "w") as f:
        f.write(f"""
[cgminer_api]
listen = "{host}:4028"
allow = "W:127.0.0.0/8"

[[pool]]
url = "stratum+tcp://127.0.0.1:9"
user = "owner.heater"
""")
    return hearth_factory(["--board", board, "--mode", "mine", "--speed", "5", "--config", path])


@pytest.mark.timeout(60)
def test_read_only_clients_are_denied_writes(hearth_factory):
    """An address without W: reads but gets Code 45 for writes; one not listed gets nothing."""
    import tempfile
    host = "127.0.0.144"
    folder = tempfile.mkdtemp(prefix="hearth-pyasic-")
    path = os.path.join(folder, "hearth.toml")
    with open(path, "w") as f:
        f.write(f'[cgminer_api]\nlisten = "{host}:4028"\nallow = "127.0.0.0/8"\n')
    proc = hearth_factory(["--board", "avalon-nano3s", "--config", path])
    wait_for_port(host, 4028)
    wait_status(proc, hashing=False)

    def ask(text):
        with socket.create_connection((host, 4028), timeout=5) as s:
            s.sendall(text.encode())
            out = b""
            while chunk := s.recv(65536):
                out += chunk
        assert out.endswith(b"\0")
        return out[:-1].decode()

    assert json.loads(ask('{"command":"version"}'))["VERSION"][0]["PROD"] == "Avalon Nano3s"
    denied = json.loads(ask('{"command":"ascset","parameter":"0,softoff,1:0"}'))
    assert denied["STATUS"][0]["Code"] == 45
    assert api(proc, "/v1/settings")["mode"] == "heat"
    assert "Code=14" in ask("nonsense")
