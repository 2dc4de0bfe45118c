/// The dashboard's script: reads the API, steers through `PATCH /v1/settings`, stays
/// live on `GET /v1/events`. Limits and modes come from `GET /v1/limits`, never from
/// numbers written here. The event stream is read with `fetch` (EventSource cannot
/// send the bearer token a network listener may ask for).
enum DashboardScript {
    static let js = #"""
"use strict";
(() => {
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "hearth.token";
const DAY = 86400, RESOLUTION = 10, MAX_POINTS = 8700;
const HINTS = { heat: "Holds the room at the target", mine: "Full hashrate; the room target is ignored",
  quiet: "Holds the target with the fan kept quiet", eco: "Holds the target under a power cap", off: "Hashing off" };
const st = { limits: null, settings: null, status: null, history: [], pending: {}, sending: false, chartDue: false };

// The token lives in this browser's storage only: never in a URL, never in a cookie.
const token = () => { try { return localStorage.getItem(TOKEN_KEY); } catch (e) { return null; } };
const saveToken = (t) => { try { localStorage.setItem(TOKEN_KEY, t); } catch (e) { /* private mode: this page only */ } };
const forgetToken = () => { try { localStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let asking = null;
function askToken(message) {
  if (asking) return asking;
  asking = new Promise((resolve) => {
    const dialog = $("token-dialog"), form = $("token-form"), input = $("token-input"), cancel = $("token-cancel");
    $("token-message").textContent = message || "";
    input.value = "";
    const done = (value) => {
      form.removeEventListener("submit", submit); cancel.removeEventListener("click", dismiss);
      dialog.removeEventListener("cancel", dismiss);
      if (dialog.open) dialog.close();
      asking = null; resolve(value);
    };
    const submit = (e) => { e.preventDefault(); const v = input.value.trim(); if (v) { saveToken(v); done(v); } };
    const dismiss = (e) => { if (e) e.preventDefault(); done(null); };
    form.addEventListener("submit", submit); cancel.addEventListener("click", dismiss);
    dialog.addEventListener("cancel", dismiss);
    dialog.showModal(); input.focus();
  });
  return asking;
}

// A request with the token when there is one; a 401 asks for it and tries again.
async function authFetch(path, method, body, accept) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: accept || "application/json" };
    const t = token();
    if (t) headers.Authorization = "Bearer " + t;
    const init = { method, headers, cache: "no-store" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    const r = await fetch(path, init);
    if (r.status !== 401) return r;
    const reply = await r.json().catch(() => ({}));
    if (t) forgetToken();
    const given = await askToken(t ? "The heater refused that token (" + (reply.error || "wrong token") + ")." : "");
    if (!given) throw new Error("Not done: this needs the heater's token.");
  }
  throw new Error("The heater refused the token three times.");
}

async function api(method, path, body) {
  const r = await authFetch(path, method, body);
  const data = await r.json().catch(() => null);
  if (!r.ok) throw new Error((data && data.error) || method + " " + path + ": HTTP " + r.status);
  return data;
}

function showError(message) { const e = $("error"); e.textContent = message || ""; e.hidden = !message; }

// Changes waiting to be sent; the newest value of each field wins, one request at a time.
async function flush() {
  if (st.sending) return;
  st.sending = true;
  try {
    for (let i = 0; i < 20 && Object.keys(st.pending).length; i++) {
      const change = Object.assign({}, st.pending);
      st.settings = await api("PATCH", "/v1/settings", change);
      for (const k of Object.keys(change)) if (st.pending[k] === change[k]) delete st.pending[k];
    }
    showError("");
  } catch (e) {
    st.pending = {};
    showError(e.message);
  } finally {
    st.sending = false;
    render();
  }
}

function currentTarget() {
  if (st.pending.target !== undefined) return st.pending.target;
  if (st.settings) return st.settings.target;
  return st.status ? st.status.target_c : null;
}
function currentMode() {
  return st.pending.mode || (st.settings && st.settings.mode) || (st.status && st.status.mode) || null;
}

function step(direction) {
  const t = currentTarget(), L = st.limits && st.limits.target;
  if (t === null || !L) return;
  const next = Math.round((t + direction * L.step_c) / L.step_c) * L.step_c;
  st.pending.target = Math.min(L.max_c, Math.max(L.min_c, next));
  render(); flush();
}

function setMode(mode) { st.pending.mode = mode; render(); flush(); }

async function clearTrip() {
  $("trip-clear").disabled = true;
  try { const r = await api("POST", "/v1/trips/clear"); showError(r.cleared ? "" : r.message); }
  catch (e) { showError(e.message); }
  finally { $("trip-clear").disabled = false; }
}

const num = (v, digits) => (v === null || v === undefined || !isFinite(v)) ? null : Number(v).toFixed(digits);
const celsius = (v) => { const n = num(v, 1); return n === null ? "—" : n + " °C"; };
function hashrate(h) {
  if (!h) return "0 H/s";
  const units = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s"];
  let i = 0;
  while (h >= 1000 && i < units.length - 1) { h /= 1000; i++; }
  return h.toFixed(h < 10 ? 2 : h < 100 ? 1 : 0) + " " + units[i];
}
// What each kWh of heat costs once mining revenue is counted: shown when the status
// carries it in status.economics (it needs a tariff and [economics] hashprice).
function netCost(s) {
  const v = s.economics ? s.economics.net_cost_per_kwh_heat : null;
  return (v === null || v === undefined || !isFinite(v)) ? null : Number(v).toFixed(3) + " / kWh";
}

function setText(id, text) { const e = $(id); if (e.textContent !== text) e.textContent = text; }

function render() {
  const s = st.status, L = st.limits && st.limits.target;
  const t = currentTarget(), mode = currentMode();
  setText("target", t === null ? "—" : Number(t).toFixed(1) + " °C");
  $("down").disabled = !L || t === null || t <= L.min_c;
  $("up").disabled = !L || t === null || t >= L.max_c;
  let note = "";
  if (Object.keys(st.pending).length) note = "sending…";
  else if (s && s.scheduled) note = "schedule: " + celsius(s.target_c) + " now";
  setText("target-note", note);
  for (const b of $("modes").children) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
  setText("mode-note", (mode && HINTS[mode]) || "");
  if (!s) return;
  setText("board", s.board_name || "Hearth");
  setText("room", celsius(s.room_c));
  setText("chip", celsius(s.chip_c));
  setText("power", s.power_w === null || s.power_w === undefined ? "—" : Math.round(s.power_w) + " W");
  setText("hashrate", hashrate(s.hashrate));
  setText("fan", Math.round(s.fan_duty_pct) + " %");
  setText("fan-rpm", s.fan_rpm ? Math.round(s.fan_rpm) + " rpm" : "");
  setText("shares", s.mining ? s.mining.shares_accepted + " ✓  " + s.mining.shares_rejected + " ✗" : "not mining");
  const cost = netCost(s);
  setText("netcost", cost || "—");
  setText("netcost-note", cost ? "" : "needs a tariff and [economics] hashprice");
  const trip = s.trip;
  $("trip").hidden = !trip;
  if (trip) setText("trip-reason", trip.reason + " (" + trip.code + ")");
}

function buildModes() {
  const box = $("modes");
  box.replaceChildren();
  for (const m of st.limits.modes) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "btn"; b.textContent = m; b.dataset.mode = m;
    b.addEventListener("click", () => setMode(m));
    box.appendChild(b);
  }
}

// ---- the 24 h chart: room and target on the left axis, power shaded behind ----
const SVG = "http://www.w3.org/2000/svg";
function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

function drawChart() {
  st.chartDue = false;
  const svg = $("chart"), W = 360, H = 190, left = 32, right = 36, top = 8, bottom = 22;
  const pts = st.history;
  svg.replaceChildren();
  if (pts.length < 2) { svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "collecting…")); return; }
  const end = pts[pts.length - 1].time_s, start = Math.max(end - DAY, pts[0].time_s), span = Math.max(end - start, 60);
  svg.dataset.end = String(end);   // the control time drawn last (for tests and the curious)
  let lo = Infinity, hi = -Infinity, pmax = 1;
  for (const p of pts) {
    for (const v of [p.room_c, p.target_c]) if (v !== null && v !== undefined) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (p.power_w) pmax = Math.max(pmax, p.power_w);
  }
  lo = Math.floor(lo - 0.5); hi = Math.ceil(hi + 0.5);
  const x = (t) => (left + (t - start) / span * (W - left - right)).toFixed(1);
  const y = (c) => (top + (hi - c) / (hi - lo) * (H - top - bottom)).toFixed(1);
  const yp = (w) => (H - bottom - w / pmax * (H - top - bottom)).toFixed(1);
  const tick = hi - lo > 8 ? 2 : 1;
  for (let c = Math.ceil(lo / tick) * tick; c <= hi; c += tick) {
    svg.appendChild(el("line", { x1: left, x2: W - right, y1: y(c), y2: y(c), class: "l-grid" }));
    svg.appendChild(el("text", { x: left - 4, y: Number(y(c)) + 4, "text-anchor": "end" }, String(c)));
  }
  // Time labels back from now, at a step that gives at most five of them.
  const every = [300, 900, 1800, 3600, 7200, 10800, 21600].find((d) => span / d <= 4) || 21600;
  for (let ago = 0; ago <= span; ago += every) {
    const label = ago === 0 ? "now" : ago < 3600 ? "−" + ago / 60 + " min" : "−" + ago / 3600 + " h";
    svg.appendChild(el("text", { x: x(end - ago), y: H - 6, "text-anchor": ago === 0 ? "end" : "middle" }, label));
  }
  svg.appendChild(el("text", { x: W - 1, y: top + 10, "text-anchor": "end" }, Math.round(pmax) + " W"));
  let area = "M" + x(pts[0].time_s) + " " + yp(0);
  for (const p of pts) area += "L" + x(p.time_s) + " " + yp(p.power_w || 0);
  area += "L" + x(end) + " " + yp(0) + "Z";
  svg.appendChild(el("path", { d: area, class: "l-power" }));
  const line = (key, stepped) => {
    let d = "", prev = null;
    for (const p of pts) {
      const v = p[key];
      if (v === null || v === undefined) { prev = null; continue; }
      if (prev === null) d += "M" + x(p.time_s) + " " + y(v);
      else { if (stepped) d += "L" + x(p.time_s) + " " + y(prev); d += "L" + x(p.time_s) + " " + y(v); }
      prev = v;
    }
    return d;
  };
  svg.appendChild(el("path", { d: line("target_c", true), class: "l-target" }));
  svg.appendChild(el("path", { d: line("room_c", false), class: "l-room" }));
}

function scheduleChart() {
  if (st.chartDue) return;
  st.chartDue = true;
  setTimeout(drawChart, 1000);   // at most one redraw a second, however fast the ticks come
}

function addSample(s) {
  const last = st.history[st.history.length - 1];
  if (last && s.control_time_s - last.time_s < RESOLUTION) return;
  st.history.push({ time_s: s.control_time_s, room_c: s.room_c, target_c: s.target_c, chip_c: s.chip_c, power_w: s.power_w });
  const start = s.control_time_s - DAY;
  let drop = 0;
  while (drop < st.history.length && st.history[drop].time_s < start) drop++;
  if (st.history.length - drop > MAX_POINTS) drop = st.history.length - MAX_POINTS;
  if (drop) st.history.splice(0, drop);
  scheduleChart();
}

async function loadHistory() {
  const h = await api("GET", "/v1/history");
  st.history = h.samples.slice(-MAX_POINTS);
  drawChart();
}

async function loadSettings() { st.settings = await api("GET", "/v1/settings"); render(); }

function onStatus(s) {
  st.status = s;
  const known = st.settings ? st.settings.revision : -1;
  if (s.settings_revision > known && !st.sending && !Object.keys(st.pending).length) loadSettings().catch((e) => showError(e.message));
  addSample(s);
  render();
}

function setLive(live, text) { const l = $("link"); l.classList.toggle("live", live); setText("link", text); }

// Server-sent events over fetch; a dropped stream is reopened with a bounded backoff
// and the chart refilled from the history, so nothing is missed for long.
async function stream() {
  let delay = 1000;
  for (;;) {
    try {
      const r = await authFetch("/v1/events", "GET", undefined, "text/event-stream");
      if (!r.ok || !r.body) throw new Error("events: HTTP " + r.status);
      setLive(true, "live");
      delay = 1000;
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
          if (data) { try { onStatus(JSON.parse(data)); } catch (e) { showError("unreadable event: " + e.message); } }
        }
        if (buffer.length > 1000000) buffer = "";   // no event is this long: drop rather than grow
      }
    } catch (e) {
      if (e.message.startsWith("Not done")) { setLive(false, "needs token"); return; }
    }
    setLive(false, "reconnecting…");
    await sleep(delay);
    delay = Math.min(delay * 2, 30000);
    await loadHistory().catch(() => {});
  }
}

async function start() {
  $("up").addEventListener("click", () => step(1));
  $("down").addEventListener("click", () => step(-1));
  $("trip-clear").addEventListener("click", clearTrip);
  try {
    st.limits = await api("GET", "/v1/limits");
    buildModes();
    await loadSettings();
    await loadHistory();
  } catch (e) {
    showError(e.message);
  }
  render();
  stream();
}

document.addEventListener("DOMContentLoaded", start);
})();
"""#
}
