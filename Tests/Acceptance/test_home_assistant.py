"""Hearth in Home Assistant, checked the way Home Assistant sees it: a real mosquitto
(Debian) on this file's loopback address, `hearth run` on the simulator pointed at it,
and paho-mqtt playing Home Assistant — it reads the discovery configs and checks them
against the keys Home Assistant documents, sends its birth message, steers the
thermostat with the commands HA's climate card sends, and watches the room follow.
The broker is killed and restarted: the bridge reconnects and announces everything
again (mosquitto runs without persistence, so nothing survives there).
"""
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request

import paho.mqtt.client as mqtt
import pytest

from conftest import REPO, wait_for_port

# This file's loopback addresses: 127.0.0.100-119.
BROKER = "127.0.0.100"
API = "127.0.0.101"
BROKER_PORT = 1883
API_PORT = 8380
TOKEN = "home-assistant-test-token-0123456789"
NODE = "study"
PREFIX = "homeassistant"

# Keys Home Assistant documents for MQTT discovery (home-assistant.io: climate.mqtt,
# sensor.mqtt, binary_sensor.mqtt, button.mqtt, "MQTT discovery"), typed in from the docs.
COMMON = {"availability", "availability_mode", "availability_template", "availability_topic",
          "payload_available", "payload_not_available", "device", "origin", "enabled_by_default",
          "encoding", "entity_category", "entity_picture", "icon", "json_attributes_template",
          "json_attributes_topic", "name", "object_id", "default_entity_id", "qos", "unique_id", "platform"}
DOCUMENTED = {
    "climate": COMMON | {
        "action_template", "action_topic", "current_humidity_template", "current_humidity_topic",
        "current_temperature_template", "current_temperature_topic", "fan_mode_command_template",
        "fan_mode_command_topic", "fan_mode_state_template", "fan_mode_state_topic", "fan_modes", "initial",
        "max_humidity", "max_temp", "min_humidity", "min_temp", "mode_command_template", "mode_command_topic",
        "mode_state_template", "mode_state_topic", "modes", "optimistic", "payload_off", "payload_on",
        "power_command_template", "power_command_topic", "precision", "preset_mode_command_template",
        "preset_mode_command_topic", "preset_mode_state_topic", "preset_mode_value_template", "preset_modes",
        "retain", "swing_mode_command_template", "swing_mode_command_topic", "swing_mode_state_template",
        "swing_mode_state_topic", "swing_modes", "target_humidity_command_template",
        "target_humidity_command_topic", "target_humidity_state_template", "target_humidity_state_topic",
        "temperature_command_template", "temperature_command_topic", "temperature_high_command_template",
        "temperature_high_command_topic", "temperature_high_state_template", "temperature_high_state_topic",
        "temperature_low_command_template", "temperature_low_command_topic", "temperature_low_state_template",
        "temperature_low_state_topic", "temperature_state_template", "temperature_state_topic",
        "temperature_unit", "temp_step", "value_template"},
    "sensor": COMMON | {"device_class", "expire_after", "force_update", "last_reset_value_template", "options",
                        "state_class", "state_topic", "suggested_display_precision", "unit_of_measurement",
                        "value_template"},
    "binary_sensor": COMMON | {"device_class", "expire_after", "force_update", "off_delay", "payload_off",
                               "payload_on", "state_topic", "value_template"},
    "button": COMMON | {"command_template", "command_topic", "device_class", "payload_press", "retain"},
}
DEVICE_KEYS = {"configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model",
               "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device"}
HVAC_ACTIONS = {"off", "heating", "cooling", "drying", "idle", "fan", "preheating", "defrosting"}
# Sensor device classes HA defines with the units it accepts for them (the ones used here).
DEVICE_CLASS_UNITS = {"temperature": {"°C", "°F", "K"}, "power": {"W", "kW"}}


class Mosquitto:
    """A real broker on BROKER:BROKER_PORT, no persistence; killed and restarted at will."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="hearth-ha-mosquitto-")
        self.conf = os.path.join(self.dir, "mosquitto.conf")
        with open(self.conf, "w") as f:
            f.write(f"listener {BROKER_PORT} {BROKER}\nallow_anonymous true\npersistence false\nlog_dest stderr\n")
        self.proc = None

    def start(self):
        self.log = open(os.path.join(self.dir, "mosquitto.log"), "a")
        self.proc = subprocess.Popen(["mosquitto", "-c", self.conf], stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_port(BROKER, BROKER_PORT, timeout=10)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        # Bounded: the port must be free before a restart can bind it again.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection((BROKER, BROKER_PORT), timeout=0.2).close()
                time.sleep(0.1)
            except OSError:
                return


class HomeAssistant:
    """paho-mqtt as Home Assistant: subscribes to discovery and Hearth's topics and keeps
    every message, with the time it came."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []          # (monotonic time, topic, payload text, retained)
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="fake-home-assistant")
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.reconnect_delay_set(min_delay=1, max_delay=2)
        self.client.will_set(f"{PREFIX}/status", "offline", qos=1, retain=True)

    def _on_connect(self, client, userdata, flags, reason, properties):
        client.subscribe([(f"{PREFIX}/#", 1), (f"hearth/{NODE}/#", 1)])

    def _on_message(self, client, userdata, msg):
        with self.lock:
            self.messages.append((time.monotonic(), msg.topic, msg.payload.decode("utf-8"), msg.retain))

    def connect(self):
        self.client.connect(BROKER, BROKER_PORT, keepalive=10)
        self.client.loop_start()

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()

    def publish(self, topic, payload, retain=False):
        self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(timeout=5)

    def since(self, t, prefix=""):
        with self.lock:
            return [(topic, payload) for (when, topic, payload, _) in self.messages if when >= t and topic.startswith(prefix)]

    def configs(self, t=0.0):
        """The newest discovery config per topic received since `t`."""
        out = {}
        for topic, payload in self.since(t, PREFIX + "/"):
            if topic.endswith("/config"):
                out[topic] = json.loads(payload)
        return out

    def state(self, t=0.0):
        states = [p for topic, p in self.since(t, f"hearth/{NODE}/state")]
        return json.loads(states[-1]) if states else None


def wait_until(what, condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(0.1)
    raise AssertionError(f"{what}: not seen within {timeout} s (last: {last!r})")


def api(method, path, body=None):
    req = urllib.request.Request(f"http://{API}:{API_PORT}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", f"Bearer {TOKEN}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)


def render(template, state):
    """HA's templates here are all `{{ value_json.KEY }}`; None renders as HA's 'None' (unknown)."""
    m = re.fullmatch(r"\{\{ value_json\.(\w+) \}\}", template)
    assert m, f"template {template!r} is not a plain value_json read"
    assert m.group(1) in state, f"template reads {m.group(1)!r}, which the state payload lacks"
    value = state[m.group(1)]
    return "None" if value is None else str(value)


@pytest.fixture
def broker():
    b = Mosquitto()
    b.start()
    yield b
    b.kill()


@pytest.fixture
def home_assistant(broker):
    ha = HomeAssistant()
    ha.connect()
    yield ha
    ha.close()


@pytest.fixture
def hearth(hearth_factory, tmp_path, broker):
    (tmp_path / "token").write_text(TOKEN + "\n")
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\ntoken_file = "{tmp_path / "token"}"\n'
        f'[api]\ntcp = "{API}:{API_PORT}"\n[control]\ntarget = 21\nmode = "heat"\n'
        '[sim]\nscenario = "winter-day"\nspeed = 60\n'
        '[cgminer_api]\nenabled = false\n'
        f'[home_assistant]\nbroker = "mqtt://{BROKER}:{BROKER_PORT}"\nnode_id = "{NODE}"\n')
    proc = hearth_factory(["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards")])
    wait_for_port(API, API_PORT)
    yield proc


def discovered(ha, t=0.0):
    """Waits for the ten configs, availability online and a state, all since `t`."""
    wait_until("ten discovery configs", lambda: len(ha.configs(t)) == 10)
    wait_until("availability online", lambda: ("hearth/study/availability", "online") in ha.since(t, "hearth/study/availability"))
    wait_until("a state", lambda: ha.state(t))
    return ha.configs(t)


@pytest.mark.timeout(120)
def test_discovery_payloads_are_what_home_assistant_documents(home_assistant, hearth):
    configs = discovered(home_assistant)
    components = sorted(t.split("/")[1] for t in configs)
    assert components == ["binary_sensor", "button", "climate"] + ["sensor"] * 7
    state = home_assistant.state()
    unique_ids = set()
    for topic, c in configs.items():
        component = topic.split("/")[1]
        assert re.fullmatch(rf"{PREFIX}/{component}/{NODE}/\w+/config", topic)
        unknown = set(c) - DOCUMENTED[component]
        assert not unknown, f"{topic}: keys Home Assistant does not document: {sorted(unknown)}"
        assert set(c["device"]) <= DEVICE_KEYS
        for key in ["identifiers", "name", "manufacturer", "model", "sw_version", "configuration_url"]:
            assert c["device"].get(key), f"{topic}: device.{key}"
        assert c["device"]["configuration_url"] == f"http://{API}:{API_PORT}/"
        assert c["origin"]["name"] == "Hearth"
        assert c["availability_topic"] == "hearth/study/availability"
        assert c["unique_id"] not in unique_ids
        unique_ids.add(c["unique_id"])
        for key, value in c.items():
            if key.endswith("_template") and key != "json_attributes_template":
                render(value, state)
        if component == "sensor":
            assert c["state_class"] in {"measurement", "total", "total_increasing"}
            if "device_class" in c:
                assert c["unit_of_measurement"] in DEVICE_CLASS_UNITS[c["device_class"]]
            rendered = render(c["value_template"], state)
            assert rendered == "None" or float(rendered) == float(rendered)
    climate = configs[f"{PREFIX}/climate/{NODE}/thermostat/config"]
    assert climate["modes"] == ["off", "heat"]
    assert climate["preset_modes"] == ["eco", "quiet", "mine"]
    assert (climate["min_temp"], climate["max_temp"], climate["temp_step"]) == (5, 30, 0.5)
    assert climate["temperature_unit"] == "C"
    assert render(climate["action_template"], state) in HVAC_ACTIONS
    assert render(climate["mode_state_template"], state) in climate["modes"]
    trip = configs[f"{PREFIX}/binary_sensor/{NODE}/trip/config"]
    assert trip["device_class"] == "problem"
    assert render(trip["value_template"], state) == trip["payload_off"]

    # Home Assistant restarts: its birth message brings every config again.
    t = time.monotonic()
    home_assistant.publish(f"{PREFIX}/status", "online")
    again = discovered(home_assistant, t)
    assert again == configs


@pytest.mark.timeout(120)
def test_commands_change_the_settings_and_the_room_follows(home_assistant, hearth):
    discovered(home_assistant)
    base = api("GET", "/v1/settings")
    home_assistant.publish("hearth/study/set/target", "25.5")
    wait_until("target 25.5 in the settings", lambda: api("GET", "/v1/settings")["target"] == 25.5)
    wait_until("target 25.5 on the state topic", lambda: (home_assistant.state() or {}).get("target_c") == 25.5)
    # The simulated room (60x speed) warms towards it: the heater runs and the room rises.
    start = home_assistant.state()["room_c"]
    wait_until("action heating", lambda: home_assistant.state()["action"] == "heating", timeout=30)
    wait_until("the room warming", lambda: home_assistant.state()["room_c"] >= start + 0.1, timeout=60)
    assert home_assistant.state()["power_w"] > 20

    home_assistant.publish("hearth/study/set/preset", "eco")
    wait_until("mode eco", lambda: api("GET", "/v1/settings")["mode"] == "eco")
    wait_until("preset eco on the state topic", lambda: home_assistant.state()["preset"] == "eco")
    assert home_assistant.state()["mode"] == "heat"

    home_assistant.publish("hearth/study/set/mode", "off")
    wait_until("mode off", lambda: api("GET", "/v1/settings")["mode"] == "off")
    wait_until("action off", lambda: home_assistant.state()["action"] == "off")
    home_assistant.publish("hearth/study/set/mode", "heat")
    wait_until("mode heat", lambda: api("GET", "/v1/settings")["mode"] == "heat")

    # Bad commands: logged with their topic, nothing changes (not even the revision).
    before = api("GET", "/v1/settings")
    for topic, payload in [("target", "99"), ("target", "warm"), ("target", "2e1"), ("mode", "cool"),
                           ("preset", "away"), ("clear_trip", "please"), ("bogus", "1")]:
        home_assistant.publish(f"hearth/study/set/{topic}", payload)
    wait_until("seven refusals in the log",
               lambda: hearth.output().count("Home Assistant command on hearth/study/set/") >= 7)
    assert api("GET", "/v1/settings") == before
    assert "hearth/study/set/target ignored: target '99'" in hearth.output()
    assert before["revision"] > base["revision"]

    # The clear button with no trip latched: accepted, nothing to clear.
    home_assistant.publish("hearth/study/set/clear_trip", "PRESS")
    wait_until("the press logged", lambda: "no trip is latched" in hearth.output())
    assert api("GET", "/v1/settings")["trips_cleared"] == before["trips_cleared"]


@pytest.mark.timeout(120)
def test_broker_gone_and_back_reannounces_with_nothing_lost(broker, home_assistant, hearth):
    discovered(home_assistant)
    broker.kill()
    wait_until("the bridge seeing the broker gone", lambda: "lost connection" in hearth.output())
    # A change made while the broker is away (through the API) must reach HA afterwards.
    api("PATCH", "/v1/settings", {"target": 19.5, "mode": "quiet"})
    t = time.monotonic()
    broker.start()
    configs = discovered(home_assistant, t)     # paho reconnects by itself; Hearth announces again
    assert len(configs) == 10
    wait_until("the new settings on the state topic",
               lambda: (s := home_assistant.state(t)) and s["target_c"] == 19.5 and s["preset"] == "quiet")
    # Commands work again after the reconnect (the command subscription came back).
    home_assistant.publish("hearth/study/set/target", "20")
    wait_until("target 20 in the settings", lambda: api("GET", "/v1/settings")["target"] == 20)

    # The daemon dies without a goodbye: the broker publishes its will.
    t = time.monotonic()
    hearth.proc.send_signal(signal.SIGKILL)
    hearth.proc.wait(timeout=10)
    wait_until("the last will", lambda: ("hearth/study/availability", "offline") in home_assistant.since(t), timeout=30)


@pytest.mark.timeout(120)
def test_command_line_broker_and_unique_ids_stable_across_restarts(hearth_factory, home_assistant, tmp_path):
    """`--home-assistant mqtt://…` without a [home_assistant] table: the node id is made
    once, kept beside the settings, and the same entities come back after a restart."""
    (tmp_path / "hearth.toml").write_text(
        f'board = "avalon-nano3s"\nstate_file = "{tmp_path / "state" / "settings.json"}"\n'
        '[sim]\nspeed = 60\n[cgminer_api]\nenabled = false\n')
    args = ["--config", str(tmp_path / "hearth.toml"), "--boards-dir", str(REPO / "boards"),
            "--home-assistant", f"mqtt://{BROKER}:{BROKER_PORT}"]

    def announced(t):
        def configs():
            found = {topic: c for topic, c in home_assistant.configs(t).items() if "/hearth_" in topic}
            return found if len(found) == 10 else None
        return wait_until("ten configs under a generated node id", configs)

    first = hearth_factory(args)
    t = time.monotonic()
    before = announced(t)
    node = (tmp_path / "state" / "home-assistant-node-id").read_text().strip()
    assert re.fullmatch(r"hearth_[0-9a-f]{1,8}", node)
    assert all(f"/{node}/" in topic for topic in before)
    first.stop()
    second = hearth_factory(args)
    after = announced(time.monotonic())
    assert {c["unique_id"] for c in after.values()} == {c["unique_id"] for c in before.values()}
    assert second.proc.poll() is None
