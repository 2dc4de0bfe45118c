/// The dashboard's stylesheet. Phone width first (360–430 px), targets at least
/// 48 px for a thumb, high contrast for sunlight and a dark palette for the night.
enum DashboardStyle {
    static let css = #"""
:root{--bg:#f4f1ea;--card:#fff;--fg:#111;--muted:#4a4a4a;--line:#d6d0c4;--accent:#c2410c;--on-accent:#fff;--room:#c2410c;--target:#1d4ed8;--power:#8a8a8a;--danger:#b91c1c;--ok:#15803d}
@media (prefers-color-scheme:dark){:root{--bg:#0d0d0f;--card:#1a1a1d;--fg:#f3f3f3;--muted:#b4b4bb;--line:#34343a;--accent:#fb923c;--on-accent:#111;--room:#fb923c;--target:#93c5fd;--power:#70707a;--danger:#f87171;--ok:#4ade80}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
.bar{display:flex;justify-content:space-between;align-items:baseline;gap:8px;max-width:480px;margin:0 auto;padding:12px 16px 0}
h1{font-size:20px;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.link{font-size:14px;color:var(--muted);white-space:nowrap}
.link.live::before{content:"● ";color:var(--ok)}
main{max-width:480px;margin:0 auto;padding:10px 12px 28px;display:flex;flex-direction:column;gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:14px 16px}
.label{display:block;font-size:13px;color:var(--muted);font-weight:700;text-transform:uppercase;letter-spacing:.05em}
.value{display:block;font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}
.xl{font-size:46px;line-height:1.1;white-space:nowrap}
.setpoint .xl{font-size:40px}
.now{display:flex;justify-content:space-between;align-items:flex-end}
.end{text-align:right}
.setpoint{display:flex;align-items:center;justify-content:space-between;gap:8px}
.center{text-align:center;flex:1}
.note{display:block;font-size:14px;color:var(--muted);min-height:1.3em;margin:6px 0 0}
.btn{font:inherit;font-weight:700;min-height:48px;min-width:48px;padding:0 18px;border-radius:12px;border:2px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer;touch-action:manipulation}
.btn:disabled{opacity:.4;cursor:default}
.btn:focus-visible{outline:3px solid var(--target);outline-offset:2px}
.round{width:76px;height:76px;border-radius:50%;font-size:38px;line-height:1;padding:0}
.modes{display:grid;grid-template-columns:repeat(3,1fr);gap:8px}
.modes .btn{padding:0 6px;text-transform:capitalize}
.modes .btn[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:14px 16px}
.wide{grid-column:1/-1}
.trip{display:flex;gap:12px;align-items:center;justify-content:space-between;background:#b91c1c;color:#fff;border-radius:16px;padding:14px 16px}
.trip p{margin:4px 0 0}
.btn.light{background:#fff;color:#b91c1c;border-color:#fff}
#chart{width:100%;height:auto;display:block;margin-top:8px}
.key{float:right;text-transform:none;font-weight:400;letter-spacing:0}
.key i{display:inline-block;width:14px;height:4px;margin:0 4px 2px 10px;vertical-align:middle;background:var(--room)}
.key .k-target{background:var(--target)}
.key .k-power{background:var(--power)}
.l-room{fill:none;stroke:var(--room);stroke-width:2.5;stroke-linejoin:round}
.l-target{fill:none;stroke:var(--target);stroke-width:1.5;stroke-dasharray:5 4}
.l-power{fill:var(--power);opacity:.35}
.l-grid{stroke:var(--line);stroke-width:1}
#chart text{fill:var(--muted);font-size:11px}
.error{color:var(--danger);font-weight:700;margin:0 4px}
dialog{border:0;border-radius:16px;background:var(--card);color:var(--fg);width:min(92vw,420px);padding:20px}
dialog::backdrop{background:rgba(0,0,0,.55)}
dialog h2{margin:0 0 8px;font-size:21px}
dialog input{width:100%;font:inherit;min-height:52px;padding:0 12px;border-radius:12px;border:2px solid var(--line);background:var(--bg);color:var(--fg);margin:4px 0 16px}
.row{display:flex;gap:12px;justify-content:flex-end}
.primary{background:var(--target);border-color:var(--target);color:var(--card)}
"""#
}
