// georisk dashboard: one card and one uPlot chart per dyad, the alert feed, a time-range picker, live over SSE.
// Plain JavaScript, no build step; everything it loads is served by georisk (docs/api.md is the contract).
"use strict";

(() => {
  /**
   * Tension levels of the shipped risk model (georisk/model/default-model.properties, levels.bounds = 20, 40,
   * 60, 80: the starts of GUARDED, ELEVATED, HIGH and SEVERE). The API does not expose the bounds, so the chart's
   * bands come from here; the level printed on the cards and alerts is always the one the API reports.
   */
  const LEVELS = [
    { name: "LOW", from: 0, to: 20 },
    { name: "GUARDED", from: 20, to: 40 },
    { name: "ELEVATED", from: 40, to: 60 },
    { name: "HIGH", from: 60, to: 80 },
    { name: "SEVERE", from: 80, to: 100 },
  ];
  const DAY = 86400;                              // seconds: uPlot's time unit
  const RESOLUTIONS = { "1d": 1, "7d": 7, "30d": 30 };
  const RESOLUTION_NAMES = { "1d": "daily closes", "7d": "weekly closes", "30d": "30-day closes" };
  const PRESETS = { "30d": 30, "90d": 90, "1y": 365 };
  const MAX_POINTS = 1500;                        // "auto" takes the finest resolution that stays under this
  const LEAD_IN_DAYS = 365;                       // a range with a start also fetches the close before it
  const ALERT_LIMIT = 1000;                       // what each instance keeps (docs/api.md, GET /api/alerts)
  const CHART_HEIGHT = 250;
  const COUNTRIES = {
    CAN: "Canada", USA: "United States", CHN: "China", MEX: "Mexico", GBR: "United Kingdom", JPN: "Japan",
    DEU: "Germany", FRA: "France", IND: "India", KOR: "South Korea", RUS: "Russia", UKR: "Ukraine",
    BRA: "Brazil", AUS: "Australia", ITA: "Italy", TWN: "Taiwan", SAU: "Saudi Arabia", TUR: "Türkiye",
  };

  const state = {
    views: new Map(),        // dyad -> its card, chart and points
    markers: new Map(),      // dyad -> Map(eventId -> driver): the events that moved it
    alerts: new Map(),       // alert id -> alert
    range: { preset: "all", from: null, to: null },   // from/to: UTC seconds, null = open
    resolution: "auto",
    shown: "1d",             // the resolution the charts show now
    latest: null,            // latest score time across dyads (seconds): what presets count back from
    loadGeneration: 0,
    feed: null,
    lastMessage: null,
  };

  const $ = (sel, root = document) => root.querySelector(sel);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  /** The chart colours, from the stylesheet's custom properties (light or dark); read again when the scheme changes. */
  let palette = null;
  const colour = (name) => {
    if (!palette) palette = new Map();
    if (!palette.has(name)) palette.set(name, css(name));
    return palette.get(name);
  };
  const sec = (iso) => Date.parse(iso) / 1000;
  const isoDay = (s) => new Date(s * 1000).toISOString().slice(0, 10);
  const dayStart = (s) => Math.floor(s / DAY) * DAY;
  const minus = (text) => text.replace("-", "−");
  const num = (v, digits = 1) => (v == null || Number.isNaN(v) ? "–" : minus(v.toFixed(digits)));
  const signed = (v, digits = 1) => (v > 0 ? "+" : "") + num(v, digits);
  /** Contributions: one decimal, two below 1 so that a faded event does not read as +0.0. */
  const points = (v) => signed(v, Math.abs(v) < 0.95 ? 2 : 1);
  const country = (code) => COUNTRIES[code] || code;
  const typeName = (t) => (t ? t.charAt(0) + t.slice(1).toLowerCase().replaceAll("_", " ") : "");
  const clockTime = (d) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  // ---------------------------------------------------------------------------------------------- API

  async function api(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const why = body && body.message ? body.message : res.status + " " + res.statusText;
      const error = new Error(path + ": " + why);
      error.status = res.status;
      throw error;
    }
    return body;
  }

  function problem(text) {
    const box = $("#problem");
    box.hidden = !text;
    box.textContent = text || "";
  }

  async function retrying(what, fn) {
    for (let wait = 1000; ; wait = Math.min(wait * 2, 15000)) {
      try {
        const value = await fn();
        problem(null);
        return value;
      } catch (e) {
        problem("Cannot load " + what + ": " + e.message + ". Retrying in " + Math.round(wait / 1000) + " s …");
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  // ------------------------------------------------------------------------------------- dyad cards

  function view(dyad) {
    let v = state.views.get(dyad);
    if (v) return v;
    const [home, counterparty] = dyad.split("-");
    const card = $("#dyad-template").content.firstElementChild.cloneNode(true);
    card.dataset.dyad = dyad;
    card.id = "dyad-" + dyad;
    card.setAttribute("aria-label", country(home) + " and " + country(counterparty));
    $(".dyad-name", card).textContent = country(home) + " – " + country(counterparty);
    $(".dyad-code", card).textContent = dyad;
    v = {
      dyad, card, plot: $(".plot", card), tooltip: $(".tooltip", card),
      score: null, u: null, points: [], targets: [], hovering: false, reload: null,
    };
    state.views.set(dyad, v);
    // cards in dyad order, as the API lists them
    const others = [...$("#dyads").querySelectorAll("article.dyad")];
    const next = others.find((o) => o.dataset.dyad > dyad);
    $("#dyads").insertBefore(card, next || null);
    $("#dyads-loading")?.remove();
    const option = el("option", null, dyad);
    option.value = dyad;
    $("#alert-dyad").append(option);
    new ResizeObserver(() => {
      if (v.u && v.plot.clientWidth > 0) v.u.setSize({ width: v.plot.clientWidth, height: CHART_HEIGHT });
    }).observe(v.plot);
    return v;
  }

  /** Once the scores are in: the dyad the home country depends on most first. */
  function orderCards() {
    const exposure = (v) => (v.score ? v.score.exposure : -1);
    const views = [...state.views.values()].sort((a, b) => exposure(b) - exposure(a) || (a.dyad < b.dyad ? -1 : 1));
    $("#dyads").append(...views.map((v) => v.card));
  }

  function setLevel(node, level) {
    node.dataset.level = level || "";
    node.textContent = level || "not scored";
  }

  function setDelta(node, value, span) {
    node.className = node.className.replace(/\s*(up|down|flat)\b/g, "");
    if (value == null) {
      node.textContent = "–";
      node.title = "no close " + span + " earlier yet";
      return;
    }
    const dir = value > 0.05 ? "up" : value < -0.05 ? "down" : "flat";
    node.classList.add(dir);
    node.textContent = (dir === "up" ? "▲ " : dir === "down" ? "▼ " : "■ ") + signed(value);
    node.title = "tension " + (dir === "up" ? "rose" : dir === "down" ? "fell" : "held") + " " +
      num(Math.abs(value)) + " points against the close " + span + " earlier";
  }

  function renderScore(v, s, live) {
    const c = v.card;
    const changed = !v.score || v.score.asOf !== s.asOf || v.score.tension !== s.tension;
    v.score = s;
    c.dataset.level = s.level;
    setLevel($(".level-chip", c), s.level);
    $(".v-tension", c).textContent = num(s.tension);
    $(".v-risk", c).textContent = num(s.exposureWeightedRisk);
    $(".v-exposure", c).textContent = "tension × exposure " + num(s.exposure, 3);
    setDelta($(".v-d24", c), s.delta24h, "a day");
    setDelta($(".v-d7", c), s.delta7d, "a week");
    $(".v-coverage", c).textContent = Math.round(s.coverage * 100) + " %";
    $(".coverage-bar span", c).style.width = Math.round(Math.max(0, Math.min(1, s.coverage)) * 100) + "%";
    $(".v-events", c).textContent = s.eventCount + (s.lateEventCount ? " (" + s.lateEventCount + " late)" : "");
    $(".asof", c).textContent = "Latest score at " + isoDay(sec(s.asOf)) + " (event time)" +
      (s.zScore == null ? "" : " · z-score " + num(s.zScore, 2) + " against the last 30 days");
    const parts = (s.components || []).map((p, i) => (i === 0 ? "" : p.value < 0 ? " − " : " + ") +
      p.name + " " + num(i === 0 ? p.value : Math.abs(p.value)));
    $(".components", c).textContent = parts.length ? "Tension = " + parts.join("") + " = " + num(s.tension) : "";
    renderDrivers(v, s.drivers || []);
    if (live && changed) flash(c);
    updateTitle();
  }

  function renderDrivers(v, drivers) {
    const list = $(".drivers", v.card);
    list.replaceChildren(...drivers.map(driverItem));
    if (!drivers.length) list.append(el("li", "empty", "No event weighs on it now."));
  }

  function driverItem(d) {
    const up = d.contribution >= 0;
    const li = el("li", "driver " + (up ? "up" : "down"));
    li.dataset.eventId = d.eventId;
    const contrib = el("span", "contrib", (up ? "▲ " : "▼ ") + points(d.contribution));
    contrib.title = (up ? "raises" : "lowers") + " tension by " + num(Math.abs(d.contribution)) + " points now";
    const meta = el("span", "meta");
    meta.append(el("span", "dtype", typeName(d.type)), document.createTextNode(" · "),
      timeNode(d.occurredAt), document.createTextNode(d.sources ? " · " + d.sources + " sources" : ""));
    li.append(contrib, meta, el("span", "headline", d.headline || d.eventId));
    return li;
  }

  function timeNode(iso) {
    const t = el("time", null, isoDay(sec(iso)));
    t.dateTime = iso;
    return t;
  }

  function flash(node) {
    node.classList.remove("updated");
    void node.offsetWidth;   // restart the animation
    node.classList.add("updated");
  }

  function updateTitle() {
    const parts = [...document.querySelectorAll("article.dyad")].map((card) => state.views.get(card.dataset.dyad))
      .filter((v) => v && v.score).map((v) => v.dyad + " " + v.score.level);
    document.title = "georisk" + (parts.length ? " · " + parts.join(" · ") : "");
  }

  // ------------------------------------------------------------------------------ markers (drivers)

  /** Remembers the events that drove a dyad, each with the largest contribution it was seen with. */
  function addDrivers(dyad, drivers) {
    if (!drivers || !drivers.length) return false;
    let known = state.markers.get(dyad);
    if (!known) state.markers.set(dyad, (known = new Map()));
    let changed = false;
    for (const d of drivers) {
      const had = known.get(d.eventId);
      if (!had || Math.abs(d.contribution) > Math.abs(had.contribution)) {
        known.set(d.eventId, d);
        changed = true;
      }
    }
    if (changed && state.views.has(dyad)) markersChanged(state.views.get(dyad));
    return changed;
  }

  function markersChanged(v) {
    if (v.markerFrame) return;
    v.markerFrame = requestAnimationFrame(() => {
      v.markerFrame = null;
      renderEventTable(v);
      if (v.u) v.u.redraw(false);
    });
  }

  function markersOf(v) {
    return [...(state.markers.get(v.dyad) || new Map()).values()]
      .sort((a, b) => sec(a.occurredAt) - sec(b.occurredAt) || Math.abs(b.contribution) - Math.abs(a.contribution));
  }

  function renderEventTable(v) {
    const rows = markersOf(v).reverse().map((d) => {
      const tr = el("tr", d.contribution >= 0 ? "up" : "down");
      const td = el("td");
      td.append(timeNode(d.occurredAt));
      tr.append(td, el("td", "contrib", (d.contribution >= 0 ? "▲ " : "▼ ") + points(d.contribution)),
        el("td", null, typeName(d.type)), el("td", null, d.headline || d.eventId));
      return tr;
    });
    $(".events tbody", v.card).replaceChildren(...rows);
    $(".marker-count", v.card).textContent = rows.length;
  }

  // ----------------------------------------------------------------------------------------- charts

  /** The range the charts show (seconds): the picker's bounds, else the data's, with a little room. */
  function xRange() {
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

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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
          stroke: colour("--muted"), size: 38, splits: () => [0, 20, 40, 60, 80, 100],
          grid: { stroke: colour("--grid"), width: 1 }, ticks: { stroke: colour("--grid") },
        },
        {
          // the level of each band, named beside it: the bands never speak by colour alone
          scale: "y", side: 1, size: 74, stroke: colour("--band-label"), font: "600 10px system-ui, sans-serif",
          splits: () => LEVELS.map((l) => (l.from + l.to) / 2), values: () => LEVELS.map((l) => l.name),
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
        drawClear: [(u) => drawBands(u)],
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

  /** The level bands behind the lines (their names are on the right-hand axis). */
  function drawBands(u) {
    const { ctx, bbox } = u;
    ctx.save();
    for (const level of LEVELS) {
      const top = u.valToPos(level.to, "y", true);
      const bottom = u.valToPos(level.from, "y", true);
      ctx.fillStyle = colour("--band-" + level.name.toLowerCase());
      ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
    }
    ctx.restore();
  }

  /** Tension on the chart at time x: the close of that bucket, else interpolated between its neighbours. */
  function tensionAt(v, x) {
    const pts = v.points;
    if (!pts.length) return null;
    const size = RESOLUTIONS[state.shown];
    const bucket = Math.floor(Math.floor(x / DAY) / size);
    const same = pts.find((p) => p.bucket === bucket);
    if (same) return same.t;
    let i = pts.findIndex((p) => p.x > x);
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

  function redraw(v) {
    const inRange = v.points.filter((p) => state.range.from == null || p.x >= state.range.from).length;
    v.plot.dataset.points = String(inRange);
    v.plot.dataset.resolution = state.shown;
    const last = v.points[v.points.length - 1];
    v.plot.setAttribute("aria-label", v.dyad + ": " + inRange + " " + RESOLUTION_NAMES[state.shown] +
      " of tension and exposure-weighted risk" + (last ? ", the latest on " + isoDay(last.x) + ": tension " +
      num(last.t) + " (" + last.level + "), risk " + num(last.r) : ""));
    $(".chart-note", v.card).textContent = inRange ? "" : "No scores in this range.";
    if (!v.u) createChart(v); else v.u.setData(chartData(v), true);
  }

  function redrawAll() {
    for (const v of state.views.values()) redraw(v);
  }

  /** A switch between light and dark: new colours, so new charts. */
  function recolour() {
    palette = null;
    for (const v of state.views.values()) {
      if (v.u) v.u.destroy();
      v.u = null;
    }
    redrawAll();
  }

  /** Bars of one dyad as chart points: for 7 d and 30 d only the windows that tile time (starting every 7th or 30th day). */
  function toPoints(bars, resolution) {
    const size = RESOLUTIONS[resolution];
    const points = [];
    for (const b of bars) {
      const day = Math.round(sec(b.start) / DAY);
      if (day % size !== 0) continue;
      points.push({ x: sec(b.lastAsOf), bucket: day / size, t: b.closeTension, r: b.closeRisk, level: b.closeLevel, high: b.highTension });
    }
    return points.sort((a, b) => a.x - b.x);
  }

  async function fetchHistory(dyad, resolution) {
    const q = new URLSearchParams({ window: resolution });
    if (state.range.from != null) q.set("from", isoDay(state.range.from - LEAD_IN_DAYS * DAY));
    if (state.range.to != null) q.set("to", isoDay(state.range.to));
    const body = await api("/api/dyads/" + encodeURIComponent(dyad) + "/history?" + q);
    const points = toPoints(body.bars, resolution);
    // of the closes before the range, only the last: the line enters the chart from it
    const from = state.range.from;
    const firstIn = from == null ? 0 : points.findIndex((p) => p.x >= from);
    const start = firstIn === -1 ? points.length - 1 : Math.max(0, firstIn - 1);
    return from == null ? points : points.slice(Math.max(0, start));
  }

  async function loadHistories() {
    const generation = ++state.loadGeneration;
    const views = [...state.views.values()];
    const choices = state.resolution === "auto" ? ["1d", "7d", "30d"] : [state.resolution];
    let chosen = null;
    let results = null;
    for (const resolution of choices) {
      results = await retrying("the history", () => Promise.all(views.map((v) => fetchHistory(v.dyad, resolution))));
      if (generation !== state.loadGeneration) return;        // a newer range was picked meanwhile
      chosen = resolution;
      const largest = Math.max(0, ...results.map((r) => r.length));
      if (largest <= MAX_POINTS) break;
    }
    state.shown = chosen;
    views.forEach((v, i) => { v.points = results[i]; });
    redrawAll();
    describeRange();
  }

  /** A score from the live feed: the card, the markers, and its close on the chart. */
  function applyToChart(v, s) {
    if (!v.u) return;                 // the history, loaded next, includes it
    const x = sec(s.asOf);
    if (state.range.to != null && x > state.range.to) return;
    if (state.range.from != null && x < state.range.from) return;
    const size = RESOLUTIONS[state.shown];
    const bucket = Math.floor(Math.floor(x / DAY) / size);
    const last = v.points[v.points.length - 1];
    if (last && x < last.x) {
      // a late event changed a close in the past: ask again rather than guess
      clearTimeout(v.reload);
      v.reload = setTimeout(() => loadHistories(), 500);
      return;
    }
    if (last && last.bucket === bucket) {
      Object.assign(last, { x, t: s.tension, r: s.exposureWeightedRisk, level: s.level, high: Math.max(last.high, s.tension) });
    } else {
      v.points.push({ x, bucket, t: s.tension, r: s.exposureWeightedRisk, level: s.level, high: s.tension });
    }
    redrawAll();   // the charts share one time axis, and this close may have moved its end
  }

  // ------------------------------------------------------------------------------------------- range

  function setRange(range, resolution) {
    state.range = range;
    if (resolution) state.resolution = resolution;
    showRangeControls();
    writeHash();
    loadHistories();
  }

  function presetRange(preset) {
    if (!PRESETS[preset]) return { preset: "all", from: null, to: null };
    const anchor = dayStart(state.latest ?? Date.now() / 1000);
    return { preset, from: anchor - (PRESETS[preset] - 1) * DAY, to: null };
  }

  function showRangeControls() {
    for (const b of document.querySelectorAll("[data-preset]")) {
      b.setAttribute("aria-pressed", String(b.dataset.preset === state.range.preset));
    }
    $("#range-from").value = state.range.from == null ? "" : isoDay(state.range.from);
    $("#range-to").value = state.range.to == null ? "" : isoDay(state.range.to);
    $("#resolution").value = state.resolution;
  }

  function describeRange() {
    const r = state.range;
    const firsts = [...state.views.values()].map((v) => v.points.find((p) => r.from == null || p.x >= r.from))
      .filter(Boolean).map((p) => p.x);
    const lo = firsts.length ? Math.min(...firsts) : xRange()[0];
    const what = r.preset === "all" ? "everything kept" : r.preset ? "the last " + r.preset.replace("y", " year").replace("d", " days") +
      " up to the latest score" : "the dates picked";
    $("#range-note").textContent = "Showing " + isoDay(r.from ?? lo) + " to " + (r.to == null ? "now" : isoDay(r.to)) +
      " (" + what + "), " + RESOLUTION_NAMES[state.shown] + (state.resolution === "auto" ? " (auto)" : "") +
      ". Drag across a chart to zoom in.";
  }

  function readHash() {
    const q = new URLSearchParams(location.hash.slice(1));
    const day = (s, end) => (/^\d{4}-\d{2}-\d{2}$/.test(s || "") ? sec(s + "T00:00:00Z") + (end ? DAY - 1 : 0) : null);
    if (RESOLUTIONS[q.get("res")]) state.resolution = q.get("res");
    const from = day(q.get("from"), false);
    const to = day(q.get("to"), true);
    if (from != null || to != null) state.range = { preset: null, from, to };
    else if (PRESETS[q.get("range")]) state.range = { preset: q.get("range"), from: null, to: null };
  }

  function writeHash() {
    const q = new URLSearchParams();
    if (state.range.preset) q.set("range", state.range.preset);
    else {
      if (state.range.from != null) q.set("from", isoDay(state.range.from));
      if (state.range.to != null) q.set("to", isoDay(state.range.to));
    }
    if (state.resolution !== "auto") q.set("res", state.resolution);
    history.replaceState(null, "", "#" + q);
  }

  function bindControls() {
    for (const b of document.querySelectorAll("[data-preset]")) {
      b.addEventListener("click", () => setRange(presetRange(b.dataset.preset)));
    }
    $("#range").addEventListener("submit", (e) => {
      e.preventDefault();
      const from = $("#range-from").value;
      const to = $("#range-to").value;
      const range = {
        preset: null,
        from: from ? sec(from + "T00:00:00Z") : null,
        to: to ? sec(to + "T00:00:00Z") + DAY - 1 : null,
      };
      if (range.from != null && range.to != null && range.from > range.to) {
        $("#range-note").textContent = "The start date is after the end date.";
        return;
      }
      if (range.from == null && range.to == null) range.preset = "all";
      setRange(range);
    });
    $("#resolution").addEventListener("change", (e) => setRange(state.range, e.target.value));
    $("#alert-dyad").addEventListener("change", filterAlerts);
  }

  // ------------------------------------------------------------------------------------------ alerts

  function alertItem(a, live) {
    const li = el("li", "alert" + (live ? " new" : ""));
    li.dataset.dyad = a.dyad;
    li.dataset.kind = a.kind;
    li.dataset.level = a.toLevel;
    li.dataset.id = a.id;
    li.dataset.time = String(sec(a.time));
    const head = el("div", "alert-head");
    const kind = el("span", "kind", a.kind === "LEVEL_CHANGE" ? "Level change" : a.kind === "JUMP" ? "Jump" : a.kind === "ANOMALY" ? "Anomaly" : typeName(a.kind));
    head.append(timeNode(a.time), el("span", "dyad-tag", a.dyad), kind);
    const levels = el("span", "levels");
    if (a.fromLevel && a.fromLevel !== a.toLevel) {
      const from = el("span", "level-chip");
      setLevel(from, a.fromLevel);
      const to = el("span", "level-chip");
      setLevel(to, a.toLevel);
      const rose = LEVELS.findIndex((l) => l.name === a.toLevel) > LEVELS.findIndex((l) => l.name === a.fromLevel);
      levels.append(from, el("span", "arrow " + (rose ? "up" : "down"), rose ? " ▲ " : " ▼ "), to);
      levels.setAttribute("aria-label", (rose ? "rose" : "fell") + " from " + a.fromLevel + " to " + a.toLevel);
    } else {
      const to = el("span", "level-chip");
      setLevel(to, a.toLevel);
      levels.append(to);
    }
    head.append(levels, el("span", "score", "tension " + num(a.score)));
    if (live) head.append(el("span", "badge", "new"));
    li.append(head, el("p", "explanation", a.explanation));
    return li;
  }

  function addAlert(a, live) {
    if (state.alerts.has(a.id)) return false;
    state.alerts.set(a.id, a);
    view(a.dyad);
    addDrivers(a.dyad, a.drivers);
    const list = $("#alert-list");
    const item = alertItem(a, live);
    const t = sec(a.time);
    // newest first by event time; among equals, the one that arrived last first
    const after = [...list.children].find((li) => Number(li.dataset.time) <= t);
    list.insertBefore(item, after || null);
    if (live) {
      const announce = $("#announce");
      announce.textContent = "New alert: " + a.explanation;
    }
    filterAlerts();
    return true;
  }

  function filterAlerts() {
    const dyad = $("#alert-dyad").value;
    let shown = 0;
    for (const li of $("#alert-list").children) {
      li.hidden = !!dyad && li.dataset.dyad !== dyad;
      if (!li.hidden) shown++;
    }
    $("#alert-count").textContent = "(" + shown + ")";
    $("#alerts-empty").hidden = shown > 0;
  }

  async function loadAlerts() {
    const body = await retrying("the alerts", () => api("/api/alerts?limit=" + ALERT_LIMIT)
      .catch((e) => (e.status === 400 ? api("/api/alerts") : Promise.reject(e))));
    // oldest first, so that each insert lands in place
    for (const a of body.alerts.slice().reverse()) addAlert(a, false);
    filterAlerts();
  }

  // ----------------------------------------------------------------------------------------- live feed

  function feedStatus(kind, text, detail) {
    const box = $("#feed-status");
    box.dataset.state = kind;
    // the text is a live region: change it only when the state changes, not on every message
    if ($(".feed-text", box).textContent !== text) $(".feed-text", box).textContent = text;
    $(".feed-detail", box).textContent = detail || "";
  }

  function connectFeed() {
    let retry = 1000;
    let lost = false;
    let timer = null;
    const open = () => {
      clearTimeout(timer);
      if (state.feed) state.feed.close();
      feedStatus(lost ? "reconnecting" : "connecting", lost ? "Reconnecting…" : "Connecting to the live feed…");
      const feed = new EventSource("/api/stream");
      state.feed = feed;
      feed.addEventListener("open", () => {
        feedStatus("live", "Live", "connected " + clockTime(new Date()));
        retry = 1000;
        if (lost) {
          lost = false;
          resync();   // alerts and closes published while we were away are not replayed by the stream
        }
      });
      feed.addEventListener("score", (e) => onMessage(() => onScore(JSON.parse(e.data))));
      feed.addEventListener("alert", (e) => onMessage(() => addAlert(JSON.parse(e.data), true)));
      feed.addEventListener("error", () => {
        lost = true;
        if (feed.readyState === EventSource.CLOSED) {
          // the server refused the stream (not a network blip): try again ourselves, backing off
          feedStatus("reconnecting", "Live feed lost", "retrying in " + Math.round(retry / 1000) + " s");
          timer = setTimeout(open, retry);
          retry = Math.min(retry * 2, 30000);
        } else {
          feedStatus("reconnecting", "Reconnecting…", state.lastMessage ? "last update " + clockTime(state.lastMessage) : "");
        }
      });
    };
    window.addEventListener("online", () => { if (!state.feed || state.feed.readyState === EventSource.CLOSED) open(); });
    open();
  }

  function onMessage(handle) {
    state.lastMessage = new Date();
    feedStatus("live", "Live", "last update " + clockTime(state.lastMessage));
    handle();
  }

  function onScore(s) {
    const v = view(s.dyad);
    const x = sec(s.asOf);
    if (state.latest == null || x > state.latest) state.latest = x;
    renderScore(v, s, !!v.score);
    addDrivers(s.dyad, s.drivers);
    applyToChart(v, s);
  }

  async function resync() {
    await loadAlerts();
    await loadHistories();
  }

  // ---------------------------------------------------------------------------------------------- start

  async function start() {
    if (typeof uPlot === "undefined") {
      problem("The chart library did not load (/webjars/uplot/1.6.30/dist/uPlot.iife.min.js).");
      return;
    }
    readHash();
    showRangeControls();
    bindControls();
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", recolour);
    connectFeed();
    const dyads = await retrying("the dyads", () => api("/api/dyads"));
    const homes = [...new Set(dyads.dyads.map((d) => d.home))];
    $("#home-country").textContent = homes.map((h) => country(h) + " (" + h + ")").join(", ") || "—";
    for (const d of dyads.dyads) {
      const v = view(d.dyad);
      if (d.asOf && (state.latest == null || sec(d.asOf) > state.latest)) state.latest = sec(d.asOf);
      if (!v.score && d.level) {
        setLevel($(".level-chip", v.card), d.level);
        v.card.dataset.level = d.level;
      }
    }
    if (!dyads.dyads.length) $("#dyads-loading").textContent = "No dyads are watched.";
    await Promise.all([
      loadAlerts(),
      ...dyads.dyads.map((d) => retrying("the score of " + d.dyad, () => api("/api/dyads/" + encodeURIComponent(d.dyad) + "/score")
        .catch((e) => (e.status === 404 ? null : Promise.reject(e))))
        .then((s) => {
          if (!s) $(".asof", state.views.get(d.dyad).card).textContent = "Not scored yet.";
          else if (!state.views.get(d.dyad).score) onScore(s);
        })),
    ]);
    orderCards();
    updateTitle();
    if (state.range.preset && state.range.preset !== "all") state.range = presetRange(state.range.preset);
    showRangeControls();
    await loadHistories();
    for (const v of state.views.values()) renderEventTable(v);
    document.body.dataset.ready = "true";
  }

  start().catch((e) => problem("The dashboard failed to start: " + e.message));
})();
