import Foundation
import PatrolCore

/// `--html replay.html`: one self-contained page (inline script and style, nothing from the network) that
/// replays a run: the site, routes, devices moving with a play button and a time slider, the staleness
/// heat, and alerts and incidents on a timeline.
public enum ReplayPage {
    /// The page for a finished run.
    /// - Parameters:
    ///   - mission: the mission (site geometry, fleet).
    ///   - recorder: what the run recorded.
    ///   - report: the run's report (summary figures, incidents).
    ///   - grid: the site raster (for the heat's placement).
    public static func html(mission: Mission, recorder: ReplayRecorder, report: SimulationReport, grid: SiteGrid) -> String {
        let data = dataJSON(mission: mission, recorder: recorder, report: report, grid: grid)
            .replacingOccurrences(of: "</", with: "<\\/")
        return template
            .replacingOccurrences(of: "__TITLE__", with: escapeHTML("PatrolHub replay: \(mission.name)"))
            .replacingOccurrences(of: "__DATA__", with: data)
    }

    /// Writes the page.
    /// - Throws: an error naming the file when it cannot be written.
    public static func write(_ html: String, to url: URL) throws {
        do {
            try Data(html.utf8).write(to: url)
        } catch {
            throw SimulationError("cannot write replay \(url.path): \(error.localizedDescription)")
        }
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func dataJSON(mission: Mission, recorder: ReplayRecorder, report: SimulationReport, grid: SiteGrid) -> String {
        func points(_ polygon: Polygon) -> [[Double]] {
            polygon.points.map { [ReplayRecorder.rounded($0.x), ReplayRecorder.rounded($0.y)] }
        }
        let site = mission.site
        var root: [String: Any] = [:]
        root["mission"] = mission.name
        root["planner"] = report.planner
        root["duration"] = report.simSeconds
        root["boundary"] = points(site.boundary)
        root["buildings"] = site.buildings.map { points($0.footprint) }
        root["noFly"] = site.noFlyZones.map(points)
        root["keepOut"] = site.keepOutZones.map(points)
        root["hotspots"] = site.hotspots.map { ["id": $0.id, "points": points($0.area), "weight": $0.weight] as [String: Any] }
        root["cameras"] = site.cameras.map {
            ["id": $0.id, "x": $0.position.x, "y": $0.position.y, "heading": $0.headingDeg, "fov": $0.fovDeg,
             "range": $0.rangeM] as [String: Any]
        }
        root["docks"] = site.docks.map { ["id": $0.id, "x": $0.position.x, "y": $0.position.y] as [String: Any] }
        root["devices"] = mission.fleet.map { ["id": $0.id, "kind": $0.kind.rawValue] }
        root["states"] = ReplayRecorder.stateCodes
        root["frames"] = recorder.frames.map { ["t": $0.timeS, "d": $0.devices] as [String: Any] }
        root["heat"] = [
            "w": recorder.heatWidth, "h": recorder.heatHeight, "cell": recorder.heatCellM,
            "x0": grid.origin.x, "y0": grid.origin.y,
            "frames": recorder.heat.map { ["t": $0.timeS, "c": $0.cells] as [String: Any] },
        ] as [String: Any]
        root["routes"] = recorder.routes.map { ["t": $0.timeS, "d": $0.device, "p": $0.points] as [String: Any] }
        root["alerts"] = recorder.alerts.map {
            ["t": $0.timeS, "kind": $0.kind, "msg": $0.message, "x": $0.x, "y": $0.y] as [String: Any]
        }
        root["incidents"] = report.incidents.list.map { incident in
            var entry: [String: Any] = ["kind": incident.kind, "x": incident.x, "y": incident.y,
                                        "start": incident.startS, "duration": incident.durationS]
            if let latency = incident.latencyS { entry["alertAt"] = incident.startS + latency }
            return entry
        }
        root["metrics"] = [
            "coverage_fraction": report.metrics.coverageFraction, "avg_idleness_s": report.metrics.avgIdlenessS,
            "worst_idleness_s": report.metrics.worstIdlenessS, "worst_ratio": report.metrics.worstRatio,
            "blind_exposure": report.metrics.blindExposure,
            "incidents": "\(report.incidents.detected)/\(report.incidents.total)",
        ] as [String: Any]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static let template = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
  :root { --bg: #10151c; --panel: #18202a; --text: #e6edf3; --muted: #8b98a5; --accent: #4fb3ff; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg);
         color: var(--text); display: flex; flex-direction: column; height: 100vh; }
  header { padding: 8px 14px; background: var(--panel); display: flex; gap: 18px; align-items: baseline;
           flex-wrap: wrap; border-bottom: 1px solid #253040; }
  header h1 { font-size: 16px; margin: 0; }
  header .metric { color: var(--muted); }
  header .metric b { color: var(--text); font-weight: 600; }
  main { flex: 1; display: flex; min-height: 0; }
  #mapwrap { flex: 1; position: relative; min-width: 0; }
  canvas#map { width: 100%; height: 100%; display: block; background: #0b1016; }
  aside { width: 300px; background: var(--panel); padding: 10px; overflow-y: auto; border-left: 1px solid #253040; }
  aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 12px 0 6px; }
  .dev { display: flex; justify-content: space-between; padding: 2px 0; font-variant-numeric: tabular-nums; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
  .alert { padding: 4px 6px; margin: 3px 0; border-left: 3px solid #ff6b6b; background: #202a36; cursor: pointer; }
  .alert.future { opacity: .35; }
  .alert small { color: var(--muted); }
  footer { background: var(--panel); padding: 8px 14px; border-top: 1px solid #253040; }
  .controls { display: flex; align-items: center; gap: 10px; }
  button { background: var(--accent); color: #002033; border: 0; border-radius: 4px; padding: 5px 12px;
           font-weight: 600; cursor: pointer; }
  button.secondary { background: #2a3644; color: var(--text); }
  input[type=range] { flex: 1; }
  #time { font-variant-numeric: tabular-nums; min-width: 90px; text-align: right; }
  canvas#timeline { width: 100%; height: 34px; display: block; margin-top: 6px; cursor: pointer; }
  .legend { display: flex; gap: 2px; align-items: center; margin-top: 6px; color: var(--muted); font-size: 12px; }
  .legend span.box { width: 18px; height: 10px; display: inline-block; }
  label { color: var(--muted); font-size: 12px; }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <span class="metric">planner <b id="m-planner"></b></span>
  <span class="metric">coverage <b id="m-coverage"></b></span>
  <span class="metric">avg idleness <b id="m-avg"></b></span>
  <span class="metric">worst ratio <b id="m-ratio"></b></span>
  <span class="metric">blind exposure <b id="m-blind"></b></span>
  <span class="metric">incidents alerted <b id="m-inc"></b></span>
</header>
<main>
  <div id="mapwrap"><canvas id="map"></canvas></div>
  <aside>
    <h2>Devices</h2>
    <div id="devices"></div>
    <h2>Staleness</h2>
    <div class="legend" id="legend"></div>
    <label><input type="checkbox" id="show-heat" checked> heat</label>
    <label><input type="checkbox" id="show-routes" checked> routes</label>
    <label><input type="checkbox" id="show-cams" checked> cameras</label>
    <h2>Alerts</h2>
    <div id="alerts"></div>
  </aside>
</main>
<footer>
  <div class="controls">
    <button id="play">Play</button>
    <button class="secondary" id="speed">10x</button>
    <input type="range" id="slider" min="0" max="1000" value="0" step="1">
    <span id="time">0:00</span>
  </div>
  <canvas id="timeline"></canvas>
</footer>
<script>
"use strict";
const DATA = __DATA__;
const COLORS = ["#4fb3ff", "#ffb84f", "#7ee787", "#ff7eb6", "#c39bff", "#5ee0d6", "#f7e36b", "#ff8a65",
                "#9ccc65", "#ba68c8", "#4dd0e1", "#e57373", "#aed581", "#ffd54f", "#90a4ae", "#f06292"];
const STATE_COLORS = { idle: "#8b98a5", patrolling: "#7ee787", returning: "#ffb84f", charging: "#4fb3ff",
                       dispatched: "#ff7eb6", holding: "#c39bff", crashed: "#ff4d4d", depleted: "#ff4d4d" };
const map = document.getElementById("map");
const ctx = map.getContext("2d");
const timeline = document.getElementById("timeline");
const tctx = timeline.getContext("2d");
const slider = document.getElementById("slider");
const playButton = document.getElementById("play");
const speedButton = document.getElementById("speed");
let playing = false, speed = 10, current = 0, lastTick = null;
const duration = Math.max(1, DATA.duration);

function fmt(t) {
  const s = Math.floor(t), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h > 0 ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(r).padStart(2, "0");
}
function pct(x) { return (100 * x).toFixed(1) + "%"; }

document.getElementById("title").textContent = "Replay: " + DATA.mission;
document.getElementById("m-planner").textContent = DATA.planner;
document.getElementById("m-coverage").textContent = pct(DATA.metrics.coverage_fraction);
document.getElementById("m-avg").textContent = DATA.metrics.avg_idleness_s.toFixed(1) + " s";
document.getElementById("m-ratio").textContent = DATA.metrics.worst_ratio.toFixed(2);
document.getElementById("m-blind").textContent = pct(DATA.metrics.blind_exposure);
document.getElementById("m-inc").textContent = DATA.metrics.incidents;

// World bounds from the boundary, with a margin.
let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
for (const p of DATA.boundary) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]);
                                 minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]); }
if (!isFinite(minX)) { minX = -100; minY = -100; maxX = 100; maxY = 100; }
const margin = 0.04 * Math.max(maxX - minX, maxY - minY);
minX -= margin; minY -= margin; maxX += margin; maxY += margin;
let scale = 1, offX = 0, offY = 0;

function resize() {
  const ratio = window.devicePixelRatio || 1;
  for (const c of [map, timeline]) {
    c.width = Math.max(1, Math.floor(c.clientWidth * ratio));
    c.height = Math.max(1, Math.floor(c.clientHeight * ratio));
  }
  scale = Math.min(map.width / (maxX - minX), map.height / (maxY - minY));
  offX = (map.width - scale * (maxX - minX)) / 2;
  offY = (map.height - scale * (maxY - minY)) / 2;
  draw();
}
function sx(x) { return offX + (x - minX) * scale; }
function sy(y) { return map.height - offY - (y - minY) * scale; }
function polygon(points, fill, stroke, width) {
  if (!points.length) return;
  ctx.beginPath();
  ctx.moveTo(sx(points[0][0]), sy(points[0][1]));
  for (let i = 1; i < points.length; i++) ctx.lineTo(sx(points[i][0]), sy(points[i][1]));
  ctx.closePath();
  if (fill) { ctx.fillStyle = fill; ctx.fill(); }
  if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = width || 1; ctx.stroke(); }
}
function lastIndexAtOrBefore(list, t) {
  let lo = 0, hi = list.length - 1, best = -1;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (list[mid].t <= t) { best = mid; lo = mid + 1; } else hi = mid - 1; }
  return best;
}
function heatColor(level) {
  // 0 fresh (green) .. 9 at or beyond the revisit target (red)
  const t = level / 9;
  const r = Math.round(40 + 215 * Math.min(1, 2 * t)), g = Math.round(200 - 170 * Math.max(0, 2 * t - 1));
  return "rgba(" + r + "," + g + ",60,0.55)";
}
function drawHeat(t) {
  const heat = DATA.heat, i = lastIndexAtOrBefore(heat.frames, t);
  if (i < 0) return;
  const cells = heat.frames[i].c, size = heat.cell * scale + 0.6;
  for (let row = 0; row < heat.h; row++) {
    for (let col = 0; col < heat.w; col++) {
      const ch = cells.charCodeAt(row * heat.w + col);
      if (ch === 46) continue;
      ctx.fillStyle = heatColor(ch - 48);
      ctx.fillRect(sx(heat.x0 + col * heat.cell), sy(heat.y0 + (row + 1) * heat.cell), size, size);
    }
  }
}
function drawCameras() {
  for (const cam of DATA.cameras) {
    const a0 = (cam.heading - cam.fov / 2) * Math.PI / 180, a1 = (cam.heading + cam.fov / 2) * Math.PI / 180;
    ctx.beginPath();
    ctx.moveTo(sx(cam.x), sy(cam.y));
    const steps = 16;
    for (let k = 0; k <= steps; k++) {
      const a = a0 + (a1 - a0) * k / steps;
      ctx.lineTo(sx(cam.x + cam.range * Math.sin(a)), sy(cam.y + cam.range * Math.cos(a)));
    }
    ctx.closePath();
    ctx.fillStyle = "rgba(79,179,255,0.08)"; ctx.fill();
    ctx.strokeStyle = "rgba(79,179,255,0.35)"; ctx.lineWidth = 1; ctx.stroke();
    ctx.fillStyle = "#4fb3ff"; ctx.fillRect(sx(cam.x) - 3, sy(cam.y) - 3, 6, 6);
  }
}
function currentRoutes(t) {
  const latest = {};
  for (const r of DATA.routes) { if (r.t <= t) latest[r.d] = r; }
  return latest;
}
function drawRoutes(t) {
  const latest = currentRoutes(t);
  for (const d in latest) {
    const pts = latest[d].p;
    if (pts.length < 1) continue;
    ctx.beginPath();
    ctx.moveTo(sx(pts[0][0]), sy(pts[0][1]));
    for (let i = 1; i < pts.length; i++) ctx.lineTo(sx(pts[i][0]), sy(pts[i][1]));
    ctx.strokeStyle = COLORS[d % COLORS.length]; ctx.globalAlpha = 0.45; ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]); ctx.stroke(); ctx.setLineDash([]); ctx.globalAlpha = 1;
  }
}
function devicePositions(t) {
  const frames = DATA.frames, i = lastIndexAtOrBefore(frames, t);
  if (i < 0) return null;
  const a = frames[i], b = frames[Math.min(i + 1, frames.length - 1)];
  const span = b.t - a.t, f = span > 0 ? Math.min(1, Math.max(0, (t - a.t) / span)) : 0;
  return a.d.map((p, k) => {
    const q = b.d[k] || p;
    return [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f, p[2], p[3], p[4]];
  });
}
function drawDevices(t) {
  const list = devicePositions(t), panel = document.getElementById("devices");
  if (!list) { panel.textContent = "no frames"; return; }
  let html = "";
  list.forEach((p, k) => {
    const dev = DATA.devices[k] || { id: "device-" + k, kind: "drone" };
    const state = DATA.states[p[3]] || "idle", color = COLORS[k % COLORS.length];
    const x = sx(p[0]), y = sy(p[1]), r = dev.kind === "drone" ? 6 : 5;
    ctx.save(); ctx.translate(x, y); ctx.rotate(p[2] * Math.PI / 180);
    ctx.beginPath();
    if (dev.kind === "drone") { ctx.moveTo(0, -r * 1.6); ctx.lineTo(r, r); ctx.lineTo(-r, r); ctx.closePath(); }
    else { ctx.rect(-r, -r, 2 * r, 2 * r); }
    ctx.fillStyle = color; ctx.fill();
    ctx.strokeStyle = STATE_COLORS[state] || "#fff"; ctx.lineWidth = 2; ctx.stroke();
    ctx.restore();
    ctx.fillStyle = "#e6edf3"; ctx.font = (11 * (window.devicePixelRatio || 1)) + "px system-ui";
    ctx.fillText(dev.id, x + 8, y - 8);
    html += '<div class="dev"><span><span class="swatch" style="background:' + color + '"></span>' + dev.id +
            '</span><span>' + state + " " + Math.round(100 * p[4]) + "%</span></div>";
  });
  panel.innerHTML = html;
}
function drawIncidents(t) {
  for (const inc of DATA.incidents) {
    if (t < inc.start || t > inc.start + inc.duration) continue;
    const x = sx(inc.x), y = sy(inc.y), alerted = inc.alertAt !== undefined && t >= inc.alertAt;
    ctx.beginPath(); ctx.arc(x, y, 9, 0, 2 * Math.PI);
    ctx.strokeStyle = alerted ? "#ff4d4d" : "#ffd54f"; ctx.lineWidth = 2.5; ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle; ctx.fillText(inc.kind + (alerted ? " (alerted)" : ""), x + 11, y + 4);
  }
}
function draw() {
  const t = current;
  ctx.clearRect(0, 0, map.width, map.height);
  polygon(DATA.boundary, "#17212b", "#8b98a5", 1.5);
  if (document.getElementById("show-heat").checked) drawHeat(t);
  for (const h of DATA.hotspots) polygon(h.points, null, "rgba(255,184,79,0.8)", 1.5);
  for (const z of DATA.noFly) polygon(z, "rgba(255,77,77,0.12)", "rgba(255,77,77,0.6)", 1);
  for (const z of DATA.keepOut) polygon(z, "rgba(195,155,255,0.12)", "rgba(195,155,255,0.6)", 1);
  for (const b of DATA.buildings) polygon(b, "#3a4654", "#56677a", 1);
  if (document.getElementById("show-cams").checked) drawCameras();
  for (const d of DATA.docks) { ctx.fillStyle = "#ffd54f"; ctx.fillRect(sx(d.x) - 4, sy(d.y) - 4, 8, 8); }
  if (document.getElementById("show-routes").checked) drawRoutes(t);
  drawIncidents(t);
  drawDevices(t);
  drawTimeline();
  document.getElementById("time").textContent = fmt(t) + " / " + fmt(duration);
  slider.value = String(Math.round(1000 * t / duration));
  document.querySelectorAll(".alert").forEach(el => el.classList.toggle("future", Number(el.dataset.t) > t));
}
function drawTimeline() {
  const w = timeline.width, h = timeline.height;
  tctx.clearRect(0, 0, w, h);
  tctx.fillStyle = "#0b1016"; tctx.fillRect(0, 0, w, h);
  for (const inc of DATA.incidents) {
    tctx.fillStyle = "rgba(255,213,79,0.35)";
    tctx.fillRect(w * inc.start / duration, 2, Math.max(2, w * inc.duration / duration), h / 2 - 4);
  }
  for (const a of DATA.alerts) {
    tctx.fillStyle = a.kind === "detection" ? "#ff4d4d" : "#ffb84f";
    tctx.fillRect(w * a.t / duration - 1, h / 2, 3, h / 2 - 2);
  }
  tctx.fillStyle = "#4fb3ff"; tctx.fillRect(w * current / duration - 1, 0, 2, h);
}
function buildAlerts() {
  const box = document.getElementById("alerts");
  if (!DATA.alerts.length) { box.textContent = "no alerts"; return; }
  box.innerHTML = DATA.alerts.map(a => '<div class="alert" data-t="' + a.t + '"><b>' + a.kind +
    "</b> <small>" + fmt(a.t) + "</small><br>" + String(a.msg).replace(/[<&>]/g, c => "&#" + c.charCodeAt(0) + ";") +
    "</div>").join("");
  box.querySelectorAll(".alert").forEach(el => el.addEventListener("click", () => { current = Number(el.dataset.t); draw(); }));
}
function buildLegend() {
  const box = document.getElementById("legend");
  let html = "fresh ";
  for (let k = 0; k <= 9; k++) html += '<span class="box" style="background:' + heatColor(k) + '"></span>';
  box.innerHTML = html + " over target";
}
function tick(now) {
  if (!playing) { lastTick = null; return; }
  if (lastTick !== null) current = Math.min(duration, current + speed * (now - lastTick) / 1000);
  lastTick = now;
  draw();
  if (current >= duration) { playing = false; playButton.textContent = "Play"; return; }
  requestAnimationFrame(tick);
}
playButton.addEventListener("click", () => {
  playing = !playing;
  playButton.textContent = playing ? "Pause" : "Play";
  if (playing) { if (current >= duration) current = 0; requestAnimationFrame(tick); }
});
speedButton.addEventListener("click", () => {
  speed = speed >= 100 ? 1 : speed * 10;
  speedButton.textContent = speed + "x";
});
slider.addEventListener("input", () => { current = duration * Number(slider.value) / 1000; draw(); });
timeline.addEventListener("click", e => {
  const rect = timeline.getBoundingClientRect();
  current = duration * (e.clientX - rect.left) / rect.width; draw();
});
for (const id of ["show-heat", "show-routes", "show-cams"]) document.getElementById(id).addEventListener("change", draw);
window.addEventListener("resize", resize);
buildAlerts();
buildLegend();
resize();
</script>
</body>
</html>
"""#
}
