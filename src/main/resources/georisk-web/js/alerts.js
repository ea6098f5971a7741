// The alert feed: the alerts kept by georisk (GET /api/alerts), then each new one from the live feed, newest
// (by event time) first, filtered by dyad.
import { $, el, sec, num, typeName, timeNode, setLevel, LEVEL_NAMES } from "./util.js";
import { state } from "./state.js";
import { api, retrying } from "./api.js";
import { view, addDrivers } from "./cards.js";

const ALERT_LIMIT = 1000;                       // what each instance keeps (docs/api.md, GET /api/alerts)
const KINDS = { LEVEL_CHANGE: "Level change", DECAYED: "Eased by decay", JUMP: "Jump", ANOMALY: "Anomaly" };

function alertItem(a, live) {
  const li = el("li", "alert" + (live ? " new" : ""));
  li.dataset.dyad = a.dyad;
  li.dataset.kind = a.kind;
  li.dataset.level = a.toLevel;
  li.dataset.id = a.id;
  li.dataset.time = String(sec(a.time));
  const head = el("div", "alert-head");
  head.append(timeNode(a.time), el("span", "dyad-tag", a.dyad), el("span", "kind", KINDS[a.kind] || typeName(a.kind)));
  const levels = el("span", "levels");
  if (a.fromLevel && a.fromLevel !== a.toLevel) {
    const from = el("span", "level-chip");
    setLevel(from, a.fromLevel);
    const to = el("span", "level-chip");
    setLevel(to, a.toLevel);
    const rose = LEVEL_NAMES.indexOf(a.toLevel) > LEVEL_NAMES.indexOf(a.fromLevel);
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

/**
 * Lists an alert (once per id) and marks its drivers on its dyad's chart. A day's burst of crossings is one
 * alert re-sent under its id as it grows ("rose from LOW to HIGH today"): a new version replaces the one shown.
 */
export function addAlert(a, live) {
  const known = state.alerts.get(a.id);
  if (known && known.toLevel === a.toLevel && known.fromLevel === a.fromLevel && known.time === a.time) return false;
  state.alerts.set(a.id, a);
  if (known) {
    for (const li of [...$("#alert-list").children]) {
      if (li.dataset.id === a.id) li.remove();
    }
  }
  view(a.dyad);
  addDrivers(a.dyad, a.drivers);
  const list = $("#alert-list");
  const item = alertItem(a, live);
  const t = sec(a.time);
  // newest first by event time; among equals, the one that arrived last first
  const after = [...list.children].find((li) => Number(li.dataset.time) <= t);
  list.insertBefore(item, after || null);
  if (live) $("#announce").textContent = "New alert: " + a.explanation;
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

export function bindAlertFilter() {
  $("#alert-dyad").addEventListener("change", filterAlerts);
}

export async function loadAlerts() {
  const body = await retrying("the alerts", () => api("/api/alerts?limit=" + ALERT_LIMIT)
    .catch((e) => (e.status === 400 ? api("/api/alerts") : Promise.reject(e))));
  // oldest first, so that each insert lands in place
  for (const a of body.alerts.slice().reverse()) addAlert(a, false);
  filterAlerts();
}
