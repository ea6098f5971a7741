// The time range and resolution of the charts: presets, dates, the resolution picker, the URL hash that keeps
// them, and loading the histories they ask for (GET /api/dyads/{dyad}/history).
import { $, DAY, sec, isoDay, dayStart } from "./util.js";
import { state, RESOLUTIONS, RESOLUTION_NAMES } from "./state.js";
import { api, retrying } from "./api.js";
import { redrawAll, toPoints, xRange } from "./chart.js";

const PRESETS = { "30d": 30, "90d": 90, "1y": 365 };
const MAX_POINTS = 1500;                        // "auto" takes the finest resolution that stays under this
const LEAD_IN_DAYS = 365;                       // a range with a start also fetches the close before it

export function setRange(range, resolution) {
  state.range = range;
  if (resolution) state.resolution = resolution;
  showRangeControls();
  writeHash();
  loadHistories();
}

export function presetRange(preset) {
  if (!PRESETS[preset]) return { preset: "all", from: null, to: null };
  const anchor = dayStart(state.latest ?? Date.now() / 1000);
  return { preset, from: anchor - (PRESETS[preset] - 1) * DAY, to: null };
}

export function showRangeControls() {
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

/** The range and resolution from the URL (#range=90d, #from=2025-01-01&to=2025-03-31, &res=1d). */
export function readHash() {
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

export function bindRangeControls() {
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
}

async function fetchHistory(dyad, resolution) {
  const q = new URLSearchParams({ window: resolution });
  if (state.range.from != null) q.set("from", isoDay(state.range.from - LEAD_IN_DAYS * DAY));
  if (state.range.to != null) q.set("to", isoDay(state.range.to));
  const body = await api("/api/dyads/" + encodeURIComponent(dyad) + "/history?" + q);
  const pts = toPoints(body.bars, resolution);
  // of the closes before the range, only the last: the line enters the chart from it
  const from = state.range.from;
  const firstIn = from == null ? 0 : pts.findIndex((p) => p.x >= from);
  const start = firstIn === -1 ? pts.length - 1 : Math.max(0, firstIn - 1);
  return from == null ? pts : pts.slice(Math.max(0, start));
}

/** Loads every dyad's history for the range, at the resolution picked (auto: the finest under MAX_POINTS). */
export async function loadHistories() {
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
