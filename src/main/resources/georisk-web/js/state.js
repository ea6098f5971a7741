// The page's shared state: what each module reads and changes. One object, so a maintainer finds it all here.

export const RESOLUTIONS = { "1d": 1, "7d": 7, "30d": 30 };
export const RESOLUTION_NAMES = { "1d": "daily closes", "7d": "weekly closes", "30d": "30-day closes" };

export const state = {
  model: null,             // GET /api/model: level bands, hysteresis, baseline, half-life
  views: new Map(),        // dyad -> its card, chart and points (cards.js)
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
