// georisk dashboard: one card and one uPlot chart per dyad, the alert feed, a time-range picker, live over SSE.
// Native ES modules, no build step; everything it loads is served by georisk (docs/api.md is the contract).
//   main.js   start-up and the live feed's messages
//   api.js    requests, retries, the Server-Sent-Events feed and its reconnects
//   state.js  the page's shared state
//   cards.js  the dyad cards, their drivers and marked events
//   chart.js  uPlot: lines, the model's level bands, event markers, tooltip
//   range.js  range and resolution pickers, the URL hash, loading histories
//   alerts.js the alert feed
//   util.js   DOM, time and number helpers
import { $, sec, country, num } from "./util.js";
import { state } from "./state.js";
import { api, problem, retrying, connectFeed } from "./api.js";
import { view, renderScore, addDrivers, orderCards, updateTitle, renderEventTable } from "./cards.js";
import { applyToChart, recolour } from "./chart.js";
import { readHash, showRangeControls, bindRangeControls, presetRange, loadHistories } from "./range.js";
import { addAlert, loadAlerts, bindAlertFilter } from "./alerts.js";

/** A score from the API or the live feed: the card, the markers, and its close on the chart. */
function onScore(s) {
  const v = view(s.dyad);
  const x = sec(s.asOf);
  if (state.latest == null || x > state.latest) state.latest = x;
  renderScore(v, s, !!v.score);
  addDrivers(s.dyad, s.drivers);
  applyToChart(v, s, loadHistories);
}

/** After a lost feed comes back: what was published meanwhile is not replayed by the stream. */
async function resync() {
  await loadAlerts();
  await loadHistories();
}

/** The model's level bounds and decay, said in the page's footer. */
function describeModel(model) {
  const last = model.levels.length - 1;
  $("#model-levels").textContent = model.levels.map((l, i) => l.name + (i < last ? " < " + l.to + " ≤ " : "")).join("");
  $("#model-hysteresis").textContent = num(model.hysteresis);
  $("#model-baseline").textContent = num(model.baseline);
  $("#model-half-life").textContent = num(model.halfLifeDays, model.halfLifeDays % 1 ? 1 : 0);
}

async function start() {
  if (typeof uPlot === "undefined") {
    problem("The chart library did not load (/webjars/uplot/1.6.30/dist/uPlot.iife.min.js).");
    return;
  }
  readHash();
  showRangeControls();
  bindRangeControls();
  bindAlertFilter();
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", recolour);
  // the bands every chart draws: the model's, before the first chart
  state.model = await retrying("the risk model", () => api("/api/model"));
  describeModel(state.model);
  connectFeed({ score: onScore, alert: (a) => addAlert(a, true), resync });
  const dyads = await retrying("the dyads", () => api("/api/dyads"));
  const homes = [...new Set(dyads.dyads.map((d) => d.home))];
  $("#home-country").textContent = homes.map((h) => country(h) + " (" + h + ")").join(", ") || "—";
  for (const d of dyads.dyads) {
    const v = view(d.dyad);
    if (d.asOf && (state.latest == null || sec(d.asOf) > state.latest)) state.latest = sec(d.asOf);
    if (!v.score && d.level) {
      $(".level-chip", v.card).dataset.level = d.level;
      $(".level-chip", v.card).textContent = d.level;
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
