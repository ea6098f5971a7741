// One uPlot chart per dyad: tension and exposure-weighted risk against event time (UTC), the model's level
// bands behind them (from GET /api/model), ▲/▼ markers for the events that moved the dyad, and a tooltip.
// A point is a daily (or 7-day, 30-day) close; days without events carry the close decayed toward the
// baseline, so the line shows tension easing between events (the API marks those closes "decayed").
import { $, el, DAY, colour, forgetColours, sec, isoDay, dayStart, num, points, typeName } from "./util.js";
import { state, RESOLUTIONS, RESOLUTION_NAMES } from "./state.js";
import { markersOf } from "./cards.js";
import { setRange } from "./range.js";

const CHART_HEIGHT = 250;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The level bands of the model in use, LOW first: [{name, from, to}]. */
const levels = () => state.model.levels;

export function resize(v) {
  if (v.u && v.plot.clientWidth > 0) v.u.setSize({ width: v.plot.clientWidth, height: CHART_HEIGHT });
}

/** The range the charts show (seconds): the picker's bounds, else the data's, with a little room. */
export function xRange() {
  let lo = state.range.from;
  let hi = state.range.to;
  if (lo == null || hi == null) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of state.views.values()) {
      const inRange = v.points.filter((p) => lo == null || p.x >= lo);
      if (inRange.length) {
        min = Math.min(min, inRange[0].x);
        max = Math.max(max, inRange[inRange.length - 1].x);
      }
    }
    if (min === Infinity) {
      max = state.latest ?? Date.now() / 1000;
      min = max - 30 * DAY;
    }
    const pad = Math.max((max - min) * 0.03, 2 * DAY);
    if (lo == null) lo = min - pad;
    if (hi == null) hi = Math.max(max + pad, lo + DAY);
  }
  return [lo, hi];
}

/** Time axis labels in UTC, day before month ("16 Dec"), the year under the first label of each year. */
function timeLabels(u, splits, axisIdx, space, incr) {
  let year = null;
  return splits.map((v) => {
    const d = new Date(v * 1000);
    const y = d.getUTCFullYear();
    const newYear = y !== year;
    year = y;
    const under = newYear ? "\n" + y : "";
    if (incr >= 365 * DAY - 1) return String(y);
    if (incr >= 28 * DAY) return MONTHS[d.getUTCMonth()] + under;
    if (incr >= DAY) return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + under;
    return d.toISOString().slice(11, 16);
  });
}

function chartData(v) {
  return [v.points.map((p) => p.x), v.points.map((p) => p.t), v.points.map((p) => p.r)];
}

function createChart(v) {
  const dense = () => v.points.length > 240;
  const opts = {
    width: v.plot.clientWidth || 640,
    height: CHART_HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: false },
    cursor: {
      sync: { key: "georisk-dyads" },
      drag: { x: true, y: false, setScale: false },
      points: { size: 9 },
    },
    scales: { x: { time: true, range: () => xRange() }, y: { range: [0, 100] } },
    axes: [
      {
        stroke: colour("--muted"), values: timeLabels,
        grid: { stroke: colour("--grid"), width: 1 }, ticks: { stroke: colour("--grid") },
      },
      {
        stroke: colour("--muted"), size: 38, splits: () => [0, ...levels().map((l) => l.to)],
        grid: { stroke: colour("--grid"), width: 1 }, ticks: { stroke: colour("--grid") },
      },
      {
        // the level of each band, named beside it: the bands never speak by colour alone
        scale: "y", side: 1, size: 74, stroke: colour("--band-label"), font: "600 10px system-ui, sans-serif",
        splits: () => levels().map((l) => (l.from + l.to) / 2), values: () => levels().map((l) => l.name),
        grid: { show: false }, ticks: { show: false },
      },
    ],
    series: [
      {},
      {
        label: "Tension", stroke: colour("--tension"), width: 2.25, spanGaps: true,
        points: { show: () => !dense(), size: 5, width: 1.5, fill: colour("--card") },
      },
      {
        label: "Exposure-weighted risk", stroke: colour("--risk"), width: 2, dash: [7, 4], spanGaps: true,
        points: { show: () => !dense(), size: 4, width: 1.5, fill: colour("--card") },
      },
    ],
    hooks: {
      drawClear: [(u) => drawBands(u, v)],
      draw: [(u) => drawMarkers(u, v)],
      setCursor: [(u) => showTooltip(u, v)],
      setSelect: [(u) => zoomTo(u)],
    },
  };
  v.plot.replaceChildren();
  v.u = new uPlot(opts, chartData(v), v.plot);
  v.u.over.addEventListener("mouseenter", () => { v.hovering = true; });
  v.u.over.addEventListener("mouseleave", () => { v.hovering = false; v.tooltip.hidden = true; });
}

/** The level bands behind the lines (their names are on the right-hand axis); what was drawn is in data-bands. */
function drawBands(u, v) {
  const { ctx, bbox } = u;
  ctx.save();
  for (const level of levels()) {
    const top = u.valToPos(level.to, "y", true);
    const bottom = u.valToPos(level.from, "y", true);
    ctx.fillStyle = colour("--band-" + level.name.toLowerCase());
    ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
  }
  ctx.restore();
  v.plot.dataset.bands = JSON.stringify(levels().map((l) => [l.name, l.from, l.to]));
}

/** Tension on the chart at time x: the close of that bucket, else interpolated between its neighbours. */
function tensionAt(v, x) {
  const pts = v.points;
  if (!pts.length) return null;
  const size = RESOLUTIONS[state.shown];
  const bucket = Math.floor(Math.floor(x / DAY) / size);
  const same = pts.find((p) => p.bucket === bucket);
  if (same) return same.t;
  const i = pts.findIndex((p) => p.x > x);
  if (i === 0) return null;            // before the first close: nothing to stand on
  if (i === -1) return pts[pts.length - 1].t;
  const a = pts[i - 1];
  const b = pts[i];
  return a.t + (b.t - a.t) * (x - a.x) / (b.x - a.x);
}

/**
 * ▲ above the line for the events that raised tension, ▼ below it for those that lowered it: one per day and
 * direction, with the number of events beside it when there are several. Where they were drawn is kept for the
 * tooltip.
 */
function drawMarkers(u, v) {
  const { ctx } = u;
  const ratio = uPlot.pxRatio || 1;
  const [lo, hi] = [u.scales.x.min, u.scales.x.max];
  const half = 5.5;
  const groups = new Map();
  for (const d of markersOf(v)) {
    const x = sec(d.occurredAt);
    if (x < lo || x > hi) continue;
    const t = tensionAt(v, x);
    if (t == null) continue;
    const up = d.contribution >= 0;
    const key = Math.floor(x / DAY) + (up ? "+" : "-");
    if (!groups.has(key)) groups.set(key, { x, t, up, events: [] });
    groups.get(key).events.push(d);
  }
  v.targets = [];
  ctx.save();
  ctx.lineWidth = 1.25 * ratio;
  ctx.font = "700 " + Math.round(10 * ratio) + "px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  const plotHeight = u.bbox.height / ratio;
  for (const g of groups.values()) {
    const cx = u.valToPos(g.x, "x");
    const cy = Math.min(Math.max(u.valToPos(g.t, "y") + (g.up ? -1 : 1) * (half + 4), half + 1), plotHeight - half - 1);
    v.targets.push({ x: cx, y: cy, up: g.up, t: g.t, events: g.events });
    const px = u.bbox.left + cx * ratio;
    const py = u.bbox.top + cy * ratio;
    const h = half * ratio;
    ctx.beginPath();
    if (g.up) {
      ctx.moveTo(px, py - h); ctx.lineTo(px + h, py + h * 0.8); ctx.lineTo(px - h, py + h * 0.8);
    } else {
      ctx.moveTo(px, py + h); ctx.lineTo(px + h, py - h * 0.8); ctx.lineTo(px - h, py - h * 0.8);
    }
    ctx.closePath();
    ctx.fillStyle = colour(g.up ? "--up" : "--down");
    ctx.strokeStyle = colour("--card");
    ctx.fill();
    ctx.stroke();
    if (g.events.length > 1) {
      ctx.fillStyle = colour("--ink");
      ctx.fillText(String(g.events.length), px + h + 2 * ratio, py);
    }
  }
  ctx.restore();
  v.plot.dataset.markers = String([...groups.values()].reduce((n, g) => n + g.events.length, 0));
}

function showTooltip(u, v) {
  const tip = v.tooltip;
  const { left, top, idx } = u.cursor;
  if (!v.hovering || left == null || left < 0) {
    tip.hidden = true;
    return;
  }
  const near = v.targets.filter((g) => Math.abs(g.x - left) <= 8 && Math.abs(g.y - top) <= 22);
  tip.replaceChildren();
  if (near.length) {
    const events = near.flatMap((g) => g.events);
    tip.append(el("div", "tip-head", isoDay(sec(events[0].occurredAt)) + " · tension " + num(near[0].t) +
      " · " + events.length + (events.length === 1 ? " event" : " events")));
    for (const d of events) {
      const row = el("div", "tip-event " + (d.contribution >= 0 ? "up" : "down"));
      row.append(el("span", "contrib", (d.contribution >= 0 ? "▲ " : "▼ ") + points(d.contribution)),
        el("span", "dtype", " " + typeName(d.type)), el("div", "headline", d.headline || d.eventId));
      tip.append(row);
    }
  } else if (idx != null && v.points[idx]) {
    const p = v.points[idx];
    const label = state.shown === "1d" ? isoDay(p.x) : "close of the " + (state.shown === "7d" ? "week" : "30 days") +
      " to " + isoDay(p.x);
    tip.append(el("div", "tip-head", label));
    const row = el("div", "tip-values");
    const lv = el("span", "level-chip", p.level);
    lv.dataset.level = p.level;
    row.append(el("span", null, "Tension " + num(p.t) + " "), lv,
      el("span", null, " · risk " + num(p.r) + (p.high > p.t + 0.05 ? " · high " + num(p.high) : "")));
    tip.append(row);
    if (p.decayed) {
      tip.append(el("div", "tip-decayed", "No events: the last close, decayed toward the baseline " +
        num(state.model.baseline) + " (half-life " + num(state.model.halfLifeDays, 0) + " days)"));
    }
  } else {
    tip.hidden = true;
    return;
  }
  tip.hidden = false;
  const over = u.over.getBoundingClientRect();
  const fig = tip.parentElement.getBoundingClientRect();
  const x = over.left - fig.left + left;
  const y = over.top - fig.top + top;
  // beside the cursor, on its left when the right would overflow the chart
  const width = tip.offsetWidth;
  const right = x + 14;
  tip.style.left = Math.max(0, right + width > fig.width - 4 ? x - width - 14 : right) + "px";
  tip.style.top = Math.max(0, y + 16) + "px";
}

/** Dragging across a chart picks that span as the range. */
function zoomTo(u) {
  const { left, width } = u.select;
  if (width < 4) return;
  const from = dayStart(u.posToVal(left, "x"));
  const to = dayStart(u.posToVal(left + width, "x")) + DAY - 1;
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  setRange({ preset: null, from, to });
}

/**
 * Draws a dyad's points. The plot says what it shows: data-points (closes in the range), data-decayed (of them,
 * closes of days without events), data-resolution, and an aria-label with the latest close.
 */
function redraw(v) {
  const shown = v.points.filter((p) => state.range.from == null || p.x >= state.range.from);
  v.plot.dataset.points = String(shown.length);
  v.plot.dataset.decayed = String(shown.filter((p) => p.decayed).length);
  v.plot.dataset.resolution = state.shown;
  const last = v.points[v.points.length - 1];
  v.plot.setAttribute("aria-label", v.dyad + ": " + shown.length + " " + RESOLUTION_NAMES[state.shown] +
    " of tension and exposure-weighted risk" + (last ? ", the latest on " + isoDay(last.x) + ": tension " +
    num(last.t) + " (" + last.level + "), risk " + num(last.r) : ""));
  $(".chart-note", v.card).textContent = shown.length ? "" : "No scores in this range.";
  if (!v.u) createChart(v); else v.u.setData(chartData(v), true);
}

export function redrawAll() {
  for (const v of state.views.values()) redraw(v);
}

/** A switch between light and dark: new colours, so new charts. */
export function recolour() {
  forgetColours();
  for (const v of state.views.values()) {
    if (v.u) v.u.destroy();
    v.u = null;
  }
  redrawAll();
}

/** Bars of one dyad as chart points: for 7 d and 30 d only the windows that tile time (starting every 7th or 30th day). */
export function toPoints(bars, resolution) {
  const size = RESOLUTIONS[resolution];
  const pts = [];
  for (const b of bars) {
    const day = Math.round(sec(b.start) / DAY);
    if (day % size !== 0) continue;
    pts.push({
      x: sec(b.lastAsOf), bucket: day / size, t: b.closeTension, r: b.closeRisk, level: b.closeLevel,
      high: b.highTension, decayed: b.decayed === true,
    });
  }
  return pts.sort((a, b) => a.x - b.x);
}

/**
 * A score from the live feed on the chart: a close after every point is added to (or updates) the last bucket;
 * one before the last point changed the past (and the decayed closes after it), so the history is asked again.
 */
export function applyToChart(v, s, reload) {
  if (!v.u) return;                 // the history, loaded next, includes it
  const x = sec(s.asOf);
  if (state.range.to != null && x > state.range.to) return;
  if (state.range.from != null && x < state.range.from) return;
  const size = RESOLUTIONS[state.shown];
  const bucket = Math.floor(Math.floor(x / DAY) / size);
  const last = v.points[v.points.length - 1];
  if (last && (x < last.x || (last.bucket === bucket && last.decayed))) {
    clearTimeout(v.reload);
    v.reload = setTimeout(reload, 500);
    return;
  }
  if (last && last.bucket === bucket) {
    Object.assign(last, { x, t: s.tension, r: s.exposureWeightedRisk, level: s.level, high: Math.max(last.high, s.tension) });
  } else {
    v.points.push({ x, bucket, t: s.tension, r: s.exposureWeightedRisk, level: s.level, high: s.tension, decayed: false });
  }
  redrawAll();   // the charts share one time axis, and this close may have moved its end
}
