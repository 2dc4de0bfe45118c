/// The dashboard's HTML: structure only. Every value is filled in by the script from
/// the API; nothing inline runs (the Content-Security-Policy forbids it).
enum DashboardPage {
    static func html(style: String, script: String, icon: String) -> String {
        #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>Hearth</title>
<link rel="icon" type="image/svg+xml" href="\#(icon)">
<link rel="stylesheet" href="\#(style)">
<script src="\#(script)" defer></script>
</head>
<body>
<header class="bar"><h1 id="board">Hearth</h1><span id="link" class="link" role="status">connecting…</span></header>
<main>
<section id="trip" class="trip" role="alert" hidden>
<div><strong>Safety trip</strong><p id="trip-reason"></p></div>
<button id="trip-clear" class="btn light" type="button">Clear</button>
</section>
<section class="card now">
<div><span class="label">Room</span><output id="room" class="value xl">—</output></div>
<div class="end"><span class="label">Chip</span><output id="chip" class="value">—</output></div>
</section>
<section class="card setpoint" aria-label="Target temperature">
<button id="down" class="btn round" type="button" aria-label="Lower the target" disabled>−</button>
<div class="center"><span class="label">Target</span><output id="target" class="value xl">—</output><span id="target-note" class="note"></span></div>
<button id="up" class="btn round" type="button" aria-label="Raise the target" disabled>+</button>
</section>
<section class="card" aria-label="Mode"><div id="modes" class="modes" role="group"></div><p id="mode-note" class="note"></p></section>
<section class="card grid">
<div><span class="label">Power</span><output id="power" class="value">—</output></div>
<div><span class="label">Hashrate</span><output id="hashrate" class="value">—</output></div>
<div><span class="label">Fan</span><output id="fan" class="value">—</output><span id="fan-rpm" class="note"></span></div>
<div><span class="label">Shares</span><output id="shares" class="value">—</output></div>
<div class="wide"><span class="label">Net cost of heat</span><output id="netcost" class="value">—</output><span id="netcost-note" class="note"></span></div>
</section>
<section class="card">
<div class="label">Last 24 h<span class="key"><i class="k-room"></i>room<i class="k-target"></i>target<i class="k-power"></i>power</span></div>
<svg id="chart" viewBox="0 0 360 190" role="img" aria-label="Room, target and power over the last 24 hours"></svg>
</section>
<p id="error" class="error" role="alert" hidden></p>
</main>
<dialog id="token-dialog">
<form id="token-form">
<h2>Token needed</h2>
<p>Changes from this device need the heater's token: the text in the daemon's <code>token_file</code>. It stays on this device.</p>
<p id="token-message" class="error"></p>
<input id="token-input" type="password" autocomplete="current-password" aria-label="Token" required>
<div class="row"><button id="token-cancel" class="btn" type="button">Cancel</button><button class="btn primary" type="submit">Save</button></div>
</form>
</dialog>
</body>
</html>
"""#
    }

    /// A flame on a dark tile; also what a phone shows for a home-screen bookmark.
    static let icon = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1c1917"/><path d="M32 8c4 10 16 16 16 30a16 16 0 0 1-32 0c0-8 5-12 8-18 2 5 4 7 7 8-1-8 0-14 1-20z" fill="#fb923c"/></svg>
"""#
}
