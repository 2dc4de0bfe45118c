"""The Grafana dashboard (packaging/grafana/hearth.json) imports cleanly and draws real
series: its structure is what Grafana's import expects (a `${DS_PROMETHEUS}` input every
panel and query uses, schemaVersion ≥ 36, unique panel ids, panels inside the 24-column
grid, unique refIds), and every metric its PromQL reads is one a running `hearth run`
actually exposes on /metrics — checked against the daemon, not against our own list.
The Nano has no inlet sensor, so its /metrics must have no inlet series at all.
"""
import json
import re
import time
import urllib.request

import pytest

from conftest import REPO, wait_for_port

DASHBOARD = REPO / "packaging" / "grafana" / "hearth.json"
API = "127.0.0.102"      # this file's loopback address (127.0.0.100-119 are Home Assistant's and Grafana's)
API_PORT = 8380

PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or",
                "unless", "le", "inf", "nan"}


def load():
    return json.loads(DASHBOARD.read_text())


def metric_names(expr):
    """The metric names a PromQL expression reads: identifiers that are not functions,
    keywords, label names in `{…}` or `by (…)`, ranges, strings or Grafana variables."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)                 # strings
    e = re.sub(r"\{[^}]*\}", "", e)                               # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                              # ranges
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", e)
    e = re.sub(r"\$\w+", "", e)                                   # Grafana variables
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        rest = e[m.end():].lstrip()
        if rest.startswith("("):
            continue                                              # a function
        if m.group(0).lower() in PROMQL_WORDS:
            continue
        names.add(m.group(0))
    return names


def all_targets(d):
    for p in d["panels"]:
        for t in p.get("targets", []):
            yield p, t


def test_metric_name_extraction_reads_promql_as_meant():
    assert metric_names('sum by (result) (increase(hearth_shares_total{instance=~"$instance"}[$__rate_interval]))') == {"hearth_shares_total"}
    assert metric_names("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))") == {"x_bucket"}
    assert metric_names("rate(a_sum[1m]) / rate(a_count[1m])") == {"a_sum", "a_count"}


def test_dashboard_structure_imports_cleanly():
    d = load()
    assert d["schemaVersion"] >= 36
    assert d["title"] and d["uid"] and len(d["uid"]) <= 40
    assert d.get("id") is None                       # an export: Grafana assigns the id on import
    inputs = {i["name"]: i for i in d["__inputs"]}
    assert inputs["DS_PROMETHEUS"]["type"] == "datasource" and inputs["DS_PROMETHEUS"]["pluginId"] == "prometheus"
    required = {(r["type"], r["id"]) for r in d["__requires"]}
    assert ("datasource", "prometheus") in required
    ids = [p["id"] for p in d["panels"]]
    assert len(ids) == len(set(ids))
    for p in d["panels"]:
        assert ("panel", p["type"]) in required, f"panel type {p['type']} not in __requires"
        assert p["datasource"] == {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}, p["title"]
        g = p["gridPos"]
        assert all(isinstance(g[k], int) for k in "hwxy") and g["x"] + g["w"] <= 24 and g["h"] > 0, p["title"]
        refs = [t["refId"] for t in p["targets"]]
        assert refs and len(refs) == len(set(refs)), p["title"]
        for t in p["targets"]:
            assert t["datasource"]["uid"] == "${DS_PROMETHEUS}" and t["expr"].strip()
            assert t["expr"].count("(") == t["expr"].count(")") and t["expr"].count("{") == t["expr"].count("}")
    # Panels never overlap on the grid.
    cells = set()
    for p in d["panels"]:
        g = p["gridPos"]
        mine = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert not (cells & mine), f"{p['title']} overlaps another panel"
        cells |= mine
    for v in d["templating"]["list"]:
        assert v["datasource"]["uid"] == "${DS_PROMETHEUS}"
    titles = " ".join(p["title"].lower() for p in d["panels"])
    for what in ["room vs target", "chip", "power", "hashrate", "fan", "shares", "trips"]:
        assert what in titles, f"no panel for {what}"
    assert d["time"]["from"] == "now-24h"


@pytest.mark.timeout(90)
def test_every_metric_the_dashboard_reads_is_exposed(hearth_factory, tmp_path):
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\n[api]\ntcp = "{API}:{API_PORT}"\n[sim]\nspeed = 60\n[cgminer_api]\nenabled = false\n')
    hearth_factory(["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards")])
    wait_for_port(API, API_PORT)
    exposed = set()
    deadline = time.monotonic() + 30
    # Bounded: the histogram and the readings appear after the first ticks.
    while time.monotonic() < deadline and "hearth_room_temperature_celsius" not in exposed:
        with urllib.request.urlopen(f"http://{API}:{API_PORT}/metrics", timeout=5) as r:
            text = r.read().decode()
        exposed = {re.match(r"[A-Za-z_:][A-Za-z0-9_:]*", line).group(0)
                   for line in text.splitlines() if line and not line.startswith("#")}
        time.sleep(0.2)
    used = set()
    for _, t in all_targets(load()):
        used |= metric_names(t["expr"])
    assert used, "the dashboard reads no metric"
    missing = used - exposed
    assert not missing, f"the dashboard reads metrics /metrics does not expose: {sorted(missing)}"
    # The Nano 3S has no inlet sensor: no series, rather than a made-up 0 °C.
    assert "hearth_inlet_temperature_celsius" not in text
    for name in ["hearth_room_temperature_celsius", "hearth_chip_temperature_celsius", "hearth_fan_rpm"]:
        assert name in exposed
