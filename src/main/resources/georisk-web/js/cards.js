// One card per dyad: its level, tension, risk, deltas, coverage, components, drivers, and the table of the
// events marked on its chart. The card also holds the dyad's chart (chart.js) and its points.
import { $, el, country, num, signed, points, typeName, timeNode, flash, setLevel, sec, isoDay } from "./util.js";
import { state } from "./state.js";
import { resize } from "./chart.js";

/** The dyad's view (card, chart, points), made and put in place the first time it is asked for. */
export function view(dyad) {
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
  new ResizeObserver(() => resize(v)).observe(v.plot);
  return v;
}

/** Once the scores are in: the dyad the home country depends on most first. */
export function orderCards() {
  const exposure = (v) => (v.score ? v.score.exposure : -1);
  const views = [...state.views.values()].sort((a, b) => exposure(b) - exposure(a) || (a.dyad < b.dyad ? -1 : 1));
  $("#dyads").append(...views.map((v) => v.card));
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

/** The card of a score (from the API or the live feed: live ones flash). */
export function renderScore(v, s, live) {
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

/** The tab's title: each dyad's level. */
export function updateTitle() {
  const parts = [...document.querySelectorAll("article.dyad")].map((card) => state.views.get(card.dataset.dyad))
    .filter((v) => v && v.score).map((v) => v.dyad + " " + v.score.level);
  document.title = "georisk" + (parts.length ? " · " + parts.join(" · ") : "");
}

// ------------------------------------------------------------------------- the events that moved a dyad

/** Remembers the events that drove a dyad, each with the largest contribution it was seen with. */
export function addDrivers(dyad, drivers) {
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

/** The dyad's marked events, oldest first. */
export function markersOf(v) {
  return [...(state.markers.get(v.dyad) || new Map()).values()]
    .sort((a, b) => sec(a.occurredAt) - sec(b.occurredAt) || Math.abs(b.contribution) - Math.abs(a.contribution));
}

export function renderEventTable(v) {
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
