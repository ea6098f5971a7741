package georisk.api;

/**
 * The OpenAPI 3 description of {@link ApiServer}'s routes, served at {@code GET /openapi.json}. Written by hand,
 * next to the routes it describes; a test holds every registered route against it.
 */
final class OpenApi {
    private OpenApi() {
    }

    static final String DOCUMENT = """
            {
              "openapi": "3.0.3",
              "info": {
                "title": "georisk HTTP API",
                "version": "1",
                "description": "Risk scores, history and alerts of the watched dyads (country pairs, HOME-COUNTERPARTY such as CAN-USA), a live feed, event intake and operations. Any instance answers any question: a dyad's score and history are forwarded to the instance that holds the dyad (response header X-Georisk-Served-By). Every error has one shape, Error."
              },
              "paths": {
                "/api/dyads": {
                  "get": {
                    "summary": "The watched dyads, and every scored dyad, with the headline of their latest score",
                    "responses": {
                      "200": {"description": "Dyads in dyad order", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Dyads"}}}}
                    }
                  }
                },
                "/api/dyads/{dyad}/score": {
                  "get": {
                    "summary": "A dyad's current score, with the components that add up to its tension and the events that drove it",
                    "parameters": [{"$ref": "#/components/parameters/Dyad"}],
                    "responses": {
                      "200": {"description": "The latest score", "headers": {"X-Georisk-Served-By": {"$ref": "#/components/headers/ServedBy"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Score"}}}},
                      "400": {"$ref": "#/components/responses/BadRequest"},
                      "404": {"$ref": "#/components/responses/NotFound"},
                      "503": {"$ref": "#/components/responses/Unavailable"}
                    }
                  }
                },
                "/api/dyads/{dyad}/history": {
                  "get": {
                    "summary": "A dyad's score bars (open, close, high, low) in 1-day, 7-day or 30-day event-time windows",
                    "description": "The windows that overlap [from, to], oldest first. 1d windows are UTC days; 7d and 30d windows start every day. Every day from the dyad's first kept bar to the last day that has ended is there: a day without events carries the close decayed from the last bar before it toward the model's baseline (updates 0, decayed true); 7d and 30d windows are rolled up from those daily closes. At most the model's window retention (windows.retention) of days is filled.",
                    "parameters": [
                      {"$ref": "#/components/parameters/Dyad"},
                      {"name": "window", "in": "query", "description": "Window size; default 1d", "schema": {"type": "string", "enum": ["1d", "7d", "30d"], "default": "1d"}},
                      {"name": "from", "in": "query", "description": "ISO date (its start, UTC) or instant; default: the earliest kept", "schema": {"type": "string"}, "example": "2025-01-01"},
                      {"name": "to", "in": "query", "description": "ISO date (its end, UTC) or instant; default: the latest", "schema": {"type": "string"}, "example": "2025-03-31T23:59:59Z"}
                    ],
                    "responses": {
                      "200": {"description": "The bars", "headers": {"X-Georisk-Served-By": {"$ref": "#/components/headers/ServedBy"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/History"}}}},
                      "400": {"$ref": "#/components/responses/BadRequest"},
                      "503": {"$ref": "#/components/responses/Unavailable"}
                    }
                  }
                },
                "/api/model": {
                  "get": {
                    "summary": "The risk model in use: level bands, hysteresis, baseline and half-life of the decay",
                    "description": "What the dashboard draws its level bands from. Tension = 100 / (1 + exp((c - P) / steepness)), c = steepness * ln(100 / baseline - 1), and pressure P halves every half-life without events.",
                    "responses": {
                      "200": {"description": "The model", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Model"}}}}
                    }
                  }
                },
                "/api/alerts": {
                  "get": {
                    "summary": "The most recent alerts, newest (by event time) first",
                    "parameters": [
                      {"name": "limit", "in": "query", "description": "How many; default 50, at most the number kept (1000 by default)", "schema": {"type": "integer", "minimum": 1, "default": 50}}
                    ],
                    "responses": {
                      "200": {"description": "Alerts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Alerts"}}}},
                      "400": {"$ref": "#/components/responses/BadRequest"}
                    }
                  }
                },
                "/api/stream": {
                  "get": {
                    "summary": "Live feed as Server-Sent Events: event score (a Score) and event alert (an Alert)",
                    "description": "Send Accept: text/event-stream (a browser's EventSource does). The stream starts with the latest score of every dyad, then every new score and alert; a comment line every 15 s keeps it open.",
                    "responses": {
                      "200": {"description": "The stream", "content": {"text/event-stream": {"schema": {"type": "string"}, "example": "event: score\\ndata: {\\"dyad\\":\\"CAN-USA\\",\\"tension\\":80.1}\\n\\n"}}},
                      "406": {"description": "Accept is not text/event-stream", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                      "503": {"description": "The server serves as many streams as it may, in all or to this client address (Retry-After)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                    }
                  }
                },
                "/api/events": {
                  "post": {
                    "summary": "Publish events to geo-events, validated like georisk produce",
                    "description": "One event object or an array of them, in the JSON format of docs/scenario-format.md; all or none are sent. Needs the bearer token georisk was started with (--api-token); without one configured the route is disabled (403).",
                    "security": [{"bearer": []}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Event"}, {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}]}}}},
                    "responses": {
                      "202": {"description": "Written to geo-events; scores follow asynchronously", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}}},
                      "400": {"$ref": "#/components/responses/BadRequest"},
                      "401": {"description": "No bearer token, or not the configured one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                      "403": {"description": "Event intake is disabled: no token configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                      "413": {"description": "The body is larger than the limit (64 KiB by default)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                      "503": {"$ref": "#/components/responses/Unavailable"}
                    }
                  }
                },
                "/openapi.json": {
                  "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
                  }
                },
                "/metrics": {
                  "get": {
                    "summary": "Prometheus metrics: Kafka Streams and client metrics, JVM metrics, georisk_* series",
                    "responses": {"200": {"description": "Prometheus text format 0.0.4", "content": {"text/plain": {"schema": {"type": "string"}}}}}
                  }
                },
                "/health": {
                  "get": {
                    "summary": "Liveness: 200 while the process serves",
                    "responses": {"200": {"description": "Up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}
                  }
                },
                "/ready": {
                  "get": {
                    "summary": "Readiness: 200 when Kafka Streams is RUNNING, else 503 with the reason",
                    "responses": {
                      "200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
                      "503": {"description": "Not ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotReady"}}}}
                    }
                  }
                }
              },
              "components": {
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                "parameters": {
                  "Dyad": {"name": "dyad", "in": "path", "required": true, "description": "HOME-COUNTERPARTY in upper-case alpha-3", "schema": {"type": "string", "pattern": "^[A-Z]{3}-[A-Z]{3}$"}, "example": "CAN-USA"}
                },
                "headers": {
                  "ServedBy": {"description": "host:port of the instance whose stores answered", "schema": {"type": "string"}}
                },
                "responses": {
                  "BadRequest": {"description": "A bad parameter or body; the message names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "NotFound": {"description": "Nothing for this dyad (not watched, or no score yet)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                  "Unavailable": {"description": "No instance can answer now (Kafka Streams not RUNNING, state restoring or moving); retry", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                },
                "schemas": {
                  "Error": {
                    "type": "object", "required": ["status", "error", "message"],
                    "properties": {"status": {"type": "integer", "example": 400}, "error": {"type": "string", "example": "Bad Request"}, "message": {"type": "string", "example": "window: must be one of 1d|7d|30d, was \\"2d\\""}}
                  },
                  "Status": {"type": "object", "properties": {"status": {"type": "string", "example": "READY"}}},
                  "NotReady": {"type": "object", "properties": {"status": {"type": "string", "example": "NOT_READY"}, "reason": {"type": "string", "example": "Kafka Streams is REBALANCING"}}},
                  "Level": {"type": "string", "enum": ["LOW", "GUARDED", "ELEVATED", "HIGH", "SEVERE"]},
                  "Dyads": {"type": "object", "properties": {"dyads": {"type": "array", "items": {"$ref": "#/components/schemas/DyadSummary"}}}},
                  "DyadSummary": {
                    "type": "object",
                    "properties": {
                      "dyad": {"type": "string", "example": "CAN-USA"}, "home": {"type": "string"}, "counterparty": {"type": "string"},
                      "asOf": {"type": "string", "format": "date-time", "nullable": true}, "tension": {"type": "number", "nullable": true},
                      "exposureWeightedRisk": {"type": "number", "nullable": true}, "level": {"type": "string", "nullable": true}, "eventCount": {"type": "integer"}
                    }
                  },
                  "Score": {
                    "type": "object",
                    "properties": {
                      "dyad": {"type": "string"}, "home": {"type": "string"}, "counterparty": {"type": "string"},
                      "asOf": {"type": "string", "format": "date-time", "description": "Event time the score describes"},
                      "tension": {"type": "number", "description": "0 (calm) to 100"}, "exposure": {"type": "number"},
                      "exposureWeightedRisk": {"type": "number"}, "level": {"$ref": "#/components/schemas/Level"},
                      "components": {"type": "array", "items": {"$ref": "#/components/schemas/Component"}},
                      "drivers": {"type": "array", "items": {"$ref": "#/components/schemas/Driver"}},
                      "delta24h": {"type": "number", "nullable": true}, "delta7d": {"type": "number", "nullable": true},
                      "zScore": {"type": "number", "nullable": true}, "eventCount": {"type": "integer"},
                      "lateEventCount": {"type": "integer"}, "coverage": {"type": "number"}
                    }
                  },
                  "Component": {"type": "object", "properties": {"name": {"type": "string", "example": "threats"}, "value": {"type": "number"}}},
                  "Driver": {
                    "type": "object",
                    "properties": {
                      "eventId": {"type": "string"}, "type": {"type": "string", "example": "TARIFF_IMPOSED"},
                      "occurredAt": {"type": "string", "format": "date-time"}, "headline": {"type": "string"},
                      "contribution": {"type": "number"}, "sources": {"type": "integer"}, "confidence": {"type": "number"}
                    }
                  },
                  "History": {
                    "type": "object",
                    "properties": {
                      "dyad": {"type": "string"}, "window": {"type": "string", "enum": ["1d", "7d", "30d"]},
                      "from": {"type": "string", "format": "date-time", "nullable": true}, "to": {"type": "string", "format": "date-time", "nullable": true},
                      "bars": {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}}
                    }
                  },
                  "Bar": {
                    "type": "object",
                    "properties": {
                      "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
                      "firstAsOf": {"type": "string", "format": "date-time"}, "lastAsOf": {"type": "string", "format": "date-time"},
                      "openTension": {"type": "number"}, "closeTension": {"type": "number"}, "highTension": {"type": "number"},
                      "lowTension": {"type": "number"}, "closeRisk": {"type": "number"}, "highRisk": {"type": "number"},
                      "closeLevel": {"$ref": "#/components/schemas/Level"}, "updates": {"type": "integer", "description": "scores in the window; 0 on a day without events"},
                      "decayed": {"type": "boolean", "description": "true when nothing was scored in the window: the close is the last bar's close decayed toward the baseline"}
                    }
                  },
                  "Model": {
                    "type": "object",
                    "properties": {
                      "levels": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"$ref": "#/components/schemas/Level"}, "from": {"type": "number"}, "to": {"type": "number"}}}},
                      "bounds": {"type": "array", "items": {"type": "number"}, "description": "tension at which GUARDED, ELEVATED, HIGH and SEVERE start"},
                      "hysteresis": {"type": "number", "description": "points below a bound before a level is left"},
                      "baseline": {"type": "number", "description": "tension without recent events"},
                      "halfLife": {"type": "string", "description": "ISO-8601 duration", "example": "PT720H"},
                      "halfLifeDays": {"type": "number"},
                      "steepness": {"type": "number", "description": "pressure points per logistic unit"}
                    }
                  },
                  "Alerts": {"type": "object", "properties": {"alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}}},
                  "Alert": {
                    "type": "object",
                    "properties": {
                      "id": {"type": "string"}, "dyad": {"type": "string"}, "kind": {"type": "string", "enum": ["LEVEL_CHANGE", "JUMP", "ANOMALY", "UNKNOWN"]},
                      "fromLevel": {"type": "string", "nullable": true}, "toLevel": {"$ref": "#/components/schemas/Level"},
                      "score": {"type": "number"}, "drivers": {"type": "array", "items": {"$ref": "#/components/schemas/Driver"}},
                      "explanation": {"type": "string"}, "time": {"type": "string", "format": "date-time"}
                    }
                  },
                  "Event": {
                    "type": "object", "required": ["id", "occurredAt", "actor", "target", "type", "headline"],
                    "description": "A GeoEvent in the JSON format of docs/scenario-format.md; unknown fields are an error",
                    "properties": {
                      "id": {"type": "string"}, "occurredAt": {"type": "string", "example": "2025-03-04"}, "reportedAt": {"type": "string"},
                      "actor": {"type": "string", "example": "USA"}, "target": {"type": "string", "example": "CAN"},
                      "type": {"type": "string", "example": "TARIFF_IMPOSED"}, "cameoCode": {"type": "string"}, "goldstein": {"type": "number"},
                      "tone": {"type": "number"}, "mentions": {"type": "integer"}, "sources": {"type": "integer"}, "articles": {"type": "integer"},
                      "tariffRate": {"type": "number"}, "affectedTradeValue": {"type": "number"}, "tradeCurrency": {"type": "string"},
                      "sectors": {"type": "array", "items": {"type": "string"}}, "headline": {"type": "string"}, "sourceName": {"type": "string"},
                      "sourceUrl": {"type": "string"}, "sourceKind": {"type": "string"}, "confidence": {"type": "number"}
                    }
                  },
                  "Accepted": {
                    "type": "object",
                    "properties": {"accepted": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "partition": {"type": "integer"}, "offset": {"type": "integer"}}}}}
                  }
                }
              }
            }
            """;
}
