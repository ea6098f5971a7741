// Talking to georisk: JSON requests with retries (errors shown in the page), and the live feed over
// Server-Sent Events with reconnects. docs/api.md is the contract.
import { $, clockTime } from "./util.js";
import { state } from "./state.js";

export async function api(path) {
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

/** Shows (or, with null, hides) the page's problem banner. */
export function problem(text) {
  const box = $("#problem");
  box.hidden = !text;
  box.textContent = text || "";
}

/** Calls fn until it succeeds, backing off up to 15 s, and says in the page what it is waiting for. */
export async function retrying(what, fn) {
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

function feedStatus(kind, text, detail) {
  const box = $("#feed-status");
  box.dataset.state = kind;
  // the text is a live region: change it only when the state changes, not on every message
  if ($(".feed-text", box).textContent !== text) $(".feed-text", box).textContent = text;
  $(".feed-detail", box).textContent = detail || "";
}

/**
 * Opens GET /api/stream and keeps it open: handlers.score and handlers.alert receive each message's JSON;
 * handlers.resync runs after a lost connection comes back (the stream does not replay what was missed).
 */
export function connectFeed(handlers) {
  let retry = 1000;
  let lost = false;
  let timer = null;
  const onMessage = (handle) => {
    state.lastMessage = new Date();
    feedStatus("live", "Live", "last update " + clockTime(state.lastMessage));
    handle();
  };
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
        handlers.resync();
      }
    });
    feed.addEventListener("score", (e) => onMessage(() => handlers.score(JSON.parse(e.data))));
    feed.addEventListener("alert", (e) => onMessage(() => handlers.alert(JSON.parse(e.data))));
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
