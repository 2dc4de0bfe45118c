"""A stock Bitaxe over AxeOS, end to end through the built `hearth` binary: a simulated hour
through the emulated AxeOS on loopback (the real HTTP path, the real device and control loop),
and `hearth probe --backend axeos` against a board that is not there."""
import json
import subprocess

import pytest

from conftest import hearth_binary


@pytest.mark.timeout(120)
def test_simulated_hour_through_emulated_axeos_holds_the_room_and_bounds_commands():
    out = subprocess.run(
        [hearth_binary(), "simulate", "--board", "bitaxe-gamma", "--via", "api", "--hours", "2",
         "--speed", "2000", "--json"],
        capture_output=True, text=True, timeout=110)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    axeos = report["axeos"]
    assert axeos["commands_failed"] == 0
    assert axeos["max_open_connections"] == 1          # one request at a time, as the ESP32 wants
    assert 0 < axeos["commands_per_hour"] <= 6 * 60    # never above the rate bound
    assert axeos["polls_per_hour"] > 300               # polled every ~5 s of control time
    text = json.dumps(report)
    assert "power implausible" not in text


@pytest.mark.timeout(30)
def test_probe_of_an_absent_board_says_why_and_fails():
    out = subprocess.run(
        [hearth_binary(), "probe", "--backend", "axeos", "--host", "127.0.0.189:8089", "--json"],
        capture_output=True, text=True, timeout=25)
    assert out.returncode != 0
    report = json.loads(out.stdout)
    assert report["checks"][0]["ok"] is False
    assert "refused" in report["checks"][0]["detail"]
