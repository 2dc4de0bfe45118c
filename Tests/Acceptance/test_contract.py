"""The API contract, checked from outside: schemathesis generates requests from the
daemon's own `/v1/openapi.json` (valid and invalid bodies, parameters, undeclared
methods) and checks every answer against the document: status codes, content types,
response schemas, 405 with `Allow` for a method a path does not serve, schema-invalid
requests refused, schema-valid ones not refused for their form.

422 is accepted for schema-valid requests: some refusals cannot be written in JSON
Schema (an `active_pool` index past the pools the heater has, a point name the board
lacks, the schedule grammar, a temperature text outside 5–30 °C); the document says
so on each 422. `/v1/events` never ends, so it is checked here by reading its first
event instead of by the fuzzer.
"""
import json
import os
import pathlib
import subprocess
import urllib.request

import pytest

from conftest import REPO, wait_for_port

HOST, PORT = "127.0.0.200", 8400
TOKEN = "contract-test-token-0123456789"
ST = str(pathlib.Path(REPO) / ".build-python" / "bin" / "st")


@pytest.fixture
def daemon(hearth_factory, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\ntoken_file = "{tmp_path / "token"}"\n'
        f'[api]\ntcp = "{HOST}:{PORT}"\n[control]\ntarget = 20\nmode = "heat"\n'
        '[sim]\nscenario = "winter-day"\nspeed = 60\n')
    proc = hearth_factory(["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards")])
    wait_for_port(HOST, PORT)
    yield proc


@pytest.mark.timeout(420)
def test_schemathesis_finds_no_contract_violation(daemon, tmp_path):
    config = tmp_path / "schemathesis.toml"
    config.write_text('[checks.positive_data_acceptance]\n'
                      'expected-statuses = ["2xx", "401", "403", "404", "409", "422"]\n')
    examples = os.environ.get("HEARTH_CONTRACT_EXAMPLES", "40")
    result = subprocess.run(
        [ST, "--config-file", str(config), "run", f"http://{HOST}:{PORT}/v1/openapi.json",
         "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all", "--max-examples", examples,
         "--exclude-path", "/v1/events", "--request-timeout", "5", "--seed", "15", "--no-color"],
        capture_output=True, text=True, timeout=400, cwd=tmp_path)  # its .schemathesis/ cache stays out of the repo
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    assert "No issues found" in report, report[-3000:]
    assert daemon.proc.poll() is None, "the daemon died under the fuzzer:\n" + daemon.output()[-3000:]


def _raw(method, path, token=TOKEN):
    req = urllib.request.Request(f"http://{HOST}:{PORT}{path}", method=method)
    req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.timeout(60)
def test_every_undeclared_method_gets_405_with_the_documented_allow(daemon):
    doc = json.loads(_raw("GET", "/v1/openapi.json")[2])
    methods = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"}
    for path, item in doc["paths"].items():
        declared = {m.upper() for m in item}
        for method in sorted(methods - declared):
            status, headers, body = _raw(method, path)
            assert status == 405, (method, path, status, body)
            assert set(headers["Allow"].replace(" ", "").split(",")) == declared, (path, headers)
            assert "error" in json.loads(body)


@pytest.mark.timeout(60)
def test_event_stream_is_what_the_document_says(daemon):
    doc = json.loads(_raw("GET", "/v1/openapi.json")[2])
    status_schema = doc["components"]["schemas"]["Status"]
    content = doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]
    assert list(content) == ["text/event-stream"]
    req = urllib.request.Request(f"http://{HOST}:{PORT}/v1/events")
    with urllib.request.urlopen(req, timeout=20) as r:
        assert r.headers["Content-Type"] == "text/event-stream"
        lines = []
        while len([x for x in lines if x.startswith("data: ")]) < 2:
            lines.append(r.readline().decode().rstrip("\n"))
    events = [x for x in lines if x.startswith("event: ")]
    assert events and all(e == "event: status" for e in events), lines
    for data in (x for x in lines if x.startswith("data: ")):
        status = json.loads(data[len("data: "):])
        missing = set(status_schema["required"]) - set(status)
        assert not missing, missing
        assert set(status) <= set(status_schema["properties"]), set(status) - set(status_schema["properties"])
