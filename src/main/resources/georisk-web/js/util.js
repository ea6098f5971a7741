// Small helpers every module uses: DOM shortcuts, time in UTC seconds (uPlot's unit), number formats, names.

export const DAY = 86400;                          // seconds

export const $ = (sel, root = document) => root.querySelector(sel);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
/** The chart colours, from the stylesheet's custom properties (light or dark); forgotten when the scheme changes. */
let palette = null;
export function colour(name) {
  if (!palette) palette = new Map();
  if (!palette.has(name)) palette.set(name, css(name));
  return palette.get(name);
}
export function forgetColours() {
  palette = null;
}

export const sec = (iso) => Date.parse(iso) / 1000;
export const isoDay = (s) => new Date(s * 1000).toISOString().slice(0, 10);
export const dayStart = (s) => Math.floor(s / DAY) * DAY;
const minus = (text) => text.replace("-", "−");
export const num = (v, digits = 1) => (v == null || Number.isNaN(v) ? "–" : minus(v.toFixed(digits)));
export const signed = (v, digits = 1) => (v > 0 ? "+" : "") + num(v, digits);
/** Contributions: one decimal, two below 1 so that a faded event does not read as +0.0. */
export const points = (v) => signed(v, Math.abs(v) < 0.95 ? 2 : 1);
export const typeName = (t) => (t ? t.charAt(0) + t.slice(1).toLowerCase().replaceAll("_", " ") : "");
export const clockTime = (d) => d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

const COUNTRIES = {
  CAN: "Canada", USA: "United States", CHN: "China", MEX: "Mexico", GBR: "United Kingdom", JPN: "Japan",
  DEU: "Germany", FRA: "France", IND: "India", KOR: "South Korea", RUS: "Russia", UKR: "Ukraine",
  BRA: "Brazil", AUS: "Australia", ITA: "Italy", TWN: "Taiwan", SAU: "Saudi Arabia", TUR: "Türkiye",
};
export const country = (code) => COUNTRIES[code] || code;

/** An event time as a <time> element showing its UTC day. */
export function timeNode(iso) {
  const t = el("time", null, isoDay(sec(iso)));
  t.dateTime = iso;
  return t;
}

/** Restarts the highlight animation of something that just changed. */
export function flash(node) {
  node.classList.remove("updated");
  void node.offsetWidth;
  node.classList.add("updated");
}

/** The levels in order, lowest first (the API's level names; their bounds come from GET /api/model). */
export const LEVEL_NAMES = ["LOW", "GUARDED", "ELEVATED", "HIGH", "SEVERE"];

export function setLevel(node, level) {
  node.dataset.level = level || "";
  node.textContent = level || "not scored";
}
