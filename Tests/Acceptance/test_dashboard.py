"""The phone dashboard in a real browser: Debian's headless Chromium at phone size,
driven by selenium, against `hearth run` on the simulator with a token configured.

It steers through the page as a person would (+ twice, a mode button, the token typed
at the prompt the first refused write brings up), checks the daemon's own settings
change, sees values move with the server-sent events, keeps phone screenshots (light
and dark) in $HEARTH_ARTEFACTS, and fails on any console error but the one refused
write the prompt is for.
"""
import base64
import json
import os
import pathlib
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, wait_for_port

HOST = "127.0.0.123"   # this file's loopback addresses: 127.0.0.120-139
PORT = 8380
TOKEN = "dashboard-test-token-0123456789"
ARTEFACTS = pathlib.Path(os.environ.get("HEARTH_ARTEFACTS", REPO / ".build" / "artefacts"))


def api(method, path, body=None, token=None):
    """One call to the daemon's API, outside the browser (the test's own view)."""
    req = urllib.request.Request(f"http://{HOST}:{PORT}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode())
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)


def wait_until(what, condition, timeout=20.0):
    """Polls `condition` (bounded) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(0.1)
    raise AssertionError(f"{what}: not seen within {timeout} s (last: {last!r})")


@pytest.fixture
def daemon(hearth_factory, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\ntoken_file = "{tmp_path / "token"}"\n'
        f'[api]\ntcp = "{HOST}:{PORT}"\n[control]\ntarget = 20\nmode = "heat"\n'
        '[sim]\nscenario = "winter-day"\nspeed = 600\n')
    proc = hearth_factory(["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards")])
    wait_for_port(HOST, PORT)
    wait_until("the first control tick", lambda: _status_ready())
    yield proc


def _status_ready():
    try:
        return api("GET", "/v1/status")
    except Exception:
        return None


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                "--force-device-scale-factor=2", "--disable-dev-shm-usage"]:
        options.add_argument(arg)
    # A phone's viewport: 390 CSS px wide (iPhone 12-15 class) at device scale 2.
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def full_page_screenshot(driver, path):
    """The whole page, not only the first screen (Chrome DevTools' capture beyond the viewport)."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))


def console_errors(driver, allowed):
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and not any(a in e["message"] for a in allowed)]


@pytest.mark.timeout(180)
def test_steer_the_heater_from_a_phone(daemon, browser):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    before = api("GET", "/v1/settings")
    assert before["target"] == 20 and before["mode"] == "heat"

    browser.get(f"http://{HOST}:{PORT}/")
    wait_until("live values", lambda: text(browser, "room").endswith("°C") and text(browser, "link") == "live")
    wait_until("mode buttons from /v1/limits",
               lambda: len(browser.find_elements(By.CSS_SELECTOR, "#modes button")) == 5)
    assert text(browser, "target") == "20.0 °C"
    # The page fits a phone: nothing wider than the viewport.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390

    # + : refused without the token, so the page asks for it once.
    browser.find_element(By.ID, "up").click()
    dialog = wait_until("the token prompt", lambda: browser.find_element(By.ID, "token-dialog").get_attribute("open") is not None
                        and browser.find_element(By.ID, "token-dialog"))
    assert api("GET", "/v1/settings")["target"] == 20, "a refused write changed the settings"
    browser.find_element(By.ID, "token-input").send_keys(TOKEN)
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until("target 20.5 in the daemon", lambda: api("GET", "/v1/settings")["target"] == 20.5)

    # + again: the kept token is sent, no second prompt.
    browser.find_element(By.ID, "up").click()
    wait_until("target 21 in the daemon", lambda: api("GET", "/v1/settings")["target"] == 21)
    assert browser.find_element(By.ID, "token-dialog").get_attribute("open") is None
    wait_until("target shown", lambda: text(browser, "target") == "21.0 °C")

    # A mode button.
    browser.find_element(By.CSS_SELECTOR, "#modes button[data-mode=eco]").click()
    wait_until("mode eco in the daemon", lambda: api("GET", "/v1/settings")["mode"] == "eco")
    wait_until("eco pressed", lambda: browser.find_element(By.CSS_SELECTOR, "#modes button[data-mode=eco]")
               .get_attribute("aria-pressed") == "true")

    # The token is kept in local storage, never in the address.
    assert browser.execute_script("return localStorage.getItem('hearth.token')") == TOKEN
    assert TOKEN not in browser.current_url

    # Live: the event stream moves the values, and a change made elsewhere shows up.
    room_before = api("GET", "/v1/status")["control_time_s"]
    api("PATCH", "/v1/settings", {"target": 21.5, "mode": "heat"}, token=TOKEN)
    wait_until("a change made elsewhere", lambda: text(browser, "target") == "21.5 °C"
               and browser.find_element(By.CSS_SELECTOR, "#modes button[data-mode=heat]").get_attribute("aria-pressed") == "true")
    seen = set()
    wait_until("the power/room readings to move", lambda: (seen.add((text(browser, "room"), text(browser, "power"))), len(seen) >= 3)[1])
    assert api("GET", "/v1/status")["control_time_s"] > room_before
    wait_until("the chart drawn from the history", lambda: browser.find_element(By.CSS_SELECTOR, "#chart path.l-room").get_attribute("d").count("L") > 5)

    # Every value a person reads is filled in.
    for element_id in ["room", "chip", "power", "hashrate", "fan", "shares"]:
        assert text(browser, element_id) not in ("", "—"), element_id

    # A couple of simulated hours on the chart, then the whole page at phone width, light and dark.
    wait_until("two simulated hours of history", lambda: api("GET", "/v1/status")["control_time_s"] > 7200, timeout=60)
    now = api("GET", "/v1/status")["control_time_s"]
    wait_until("the chart redrawn up to now", lambda: float(browser.find_element(By.ID, "chart").get_attribute("data-end") or 0) >= now)
    full_page_screenshot(browser, ARTEFACTS / "dashboard-phone.png")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(13, 13, 15)", background
    full_page_screenshot(browser, ARTEFACTS / "dashboard-phone-dark.png")

    # The only console error allowed is the first write the daemon refused (it brought the prompt).
    errors = console_errors(browser, allowed=["/v1/settings - Failed to load resource: the server responded with a status of 401"])
    assert errors == [], errors


@pytest.mark.timeout(60)
def test_headers_and_a_wrong_token(daemon):
    with urllib.request.urlopen(f"http://{HOST}:{PORT}/", timeout=5) as r:
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe" not in csp
    req = urllib.request.Request(f"http://{HOST}:{PORT}/v1/settings", method="PATCH", data=b'{"target": 22}',
                                 headers={"Authorization": "Bearer wrong", "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=5)
    assert refused.value.code == 401
    assert api("GET", "/v1/settings")["target"] == 20


@pytest.mark.timeout(90)
def test_trip_banner_and_clear(daemon, browser):
    """A latched trip shows as a banner whose button clears it. The simulator cannot be
    made to trip on demand from outside, so a small server in front of the daemon
    serves the real page and API and adds a trip to the status it streams."""
    import http.server
    import threading

    tripped = dict(api("GET", "/v1/status"),
                   trip={"code": "fan_stall", "reason": "fan stalled: 0 rpm at 60 % duty", "time_s": 1.0,
                         "at": "2026-12-06T05:00:00Z", "cleared": False})
    clears = []
    cleared = threading.Event()

    class Front(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/v1/events":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                self.wfile.write(f"event: status\ndata: {json.dumps(tripped)}\n\n".encode())
                self.wfile.flush()
                if cleared.wait(timeout=30):
                    after = dict(tripped, trip=None)
                    self.wfile.write(f"event: status\ndata: {json.dumps(after)}\n\n".encode())
                    self.wfile.flush()
                    cleared.wait(timeout=5)
                return
            with urllib.request.urlopen(f"http://{HOST}:{PORT}{self.path}", timeout=5) as r:
                body = r.read()
                self.send_response(r.status)
                for name in ("Content-Type", "Content-Security-Policy", "Cache-Control"):
                    if r.headers[name]:
                        self.send_header(name, r.headers[name])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            clears.append(self.path)
            body = json.dumps({"cleared": True, "message": "trip cleared; control resumes on the next tick"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            cleared.set()

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    front = http.server.ThreadingHTTPServer(("127.0.0.124", 0), Front)
    threading.Thread(target=front.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://127.0.0.124:{front.server_address[1]}/")
        wait_until("the trip banner", lambda: browser.find_element(By.ID, "trip").is_displayed())
        assert "fan stalled" in text(browser, "trip-reason") and "fan_stall" in text(browser, "trip-reason")
        full_page_screenshot(browser, ARTEFACTS / "dashboard-phone-trip.png")
        browser.find_element(By.ID, "trip-clear").click()
        wait_until("the clear request", lambda: clears == ["/v1/trips/clear"])
        wait_until("the banner gone", lambda: not browser.find_element(By.ID, "trip").is_displayed())
        assert console_errors(browser, allowed=[]) == []
    finally:
        front.shutdown()
