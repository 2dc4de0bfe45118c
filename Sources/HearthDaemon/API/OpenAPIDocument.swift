/// The API's description, written by hand and served at `/v1/openapi.json`. Tests
/// check live responses against the schemas here, so this text is the contract.
public enum OpenAPIDocument {
    public static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Hearth local API",
    "version": "1.0.0",
    "description": "Steer a Hearth heater-miner like a thermostat. A method a path does not document is answered 405 with an Allow header. Served on a unix socket (file permissions decide who may write) and optionally on TCP, where every write needs 'Authorization: Bearer <token>'; on a TCP listener that is not loopback, reads (all but / and /assets/) need it too unless the config sets [api] public_reads = true. Errors are {\"error\": \"...\"} with a 4xx status."
  },
  "paths": {
    "/": {"get": {"summary": "The phone dashboard (HTML; its script and style are under /assets/, named by content hash and cached for good). Open without the token: it asks for it on the first refused request", "responses": {
      "200": {"description": "the page", "content": {"text/html": {"schema": {"type": "string"}}}},
      "304": {"description": "unchanged (If-None-Match)"}}}},
    "/v1/limits": {"get": {"summary": "What a client may set: the room target's range and step, the modes", "responses": {
      "200": {"description": "limits", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Limits"}}}},
      "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/status": {"get": {"summary": "The last control tick", "responses": {
      "200": {"description": "status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
      "503": {"description": "no tick yet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/settings": {
      "get": {"summary": "Settings changed at run time (persisted)", "responses": {
        "200": {"description": "settings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Settings"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}},
      "patch": {"summary": "Change some settings; unknown fields are rejected, the change is on disk when the answer comes",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SettingsPatch"}}}},
        "responses": {
          "200": {"description": "the new settings", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Settings"}}}},
          "400": {"description": "empty body, malformed JSON, an empty object, wrong type or unknown field", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/WritesDisabled"}, "413": {"$ref": "#/components/responses/TooLarge"},
          "422": {"description": "a value out of range or not understood (a schedule, a pool URL, a point the board lacks); the message says what is allowed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "500": {"$ref": "#/components/responses/NotSaved"}}}},
    "/v1/history": {"get": {"summary": "The last 24 h at 10 s resolution",
      "parameters": [{"name": "since", "in": "query", "required": false, "schema": {"type": "number"}, "description": "control time in seconds"}],
      "responses": {"200": {"description": "samples, oldest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/History"}}}},
        "400": {"description": "'since' is not a finite number", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/events": {"get": {"summary": "Server-sent events: the last status at once, then one 'status' event per control tick (at most two a second); the stream stays open",
      "responses": {
        "200": {"description": "A text/event-stream (WHATWG HTML, server-sent events) that does not end: records 'event: status' then 'data: ' and one Status object as JSON on one line, then a blank line. No 'id' or 'retry' fields.",
          "content": {"text/event-stream": {"schema": {"type": "string", "description": "event: status\ndata: {Status as JSON}\n\n, repeated"},
            "x-event-types": {"status": {"$ref": "#/components/schemas/Status"}}}}},
        "503": {"description": "too many event streams open (at most 32)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/trips": {"get": {"summary": "Trips since start and the one latched now", "responses": {
      "200": {"description": "trips", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Trips"}}}},
      "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/trips/clear": {"post": {"summary": "Clear the latched trip (a person has checked the heater)", "responses": {
      "200": {"description": "done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TripClear"}}}},
      "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/WritesDisabled"}, "413": {"$ref": "#/components/responses/TooLarge"}, "500": {"$ref": "#/components/responses/NotSaved"}}}},
    "/v1/room-temperature": {"post": {"summary": "Push the room temperature (a 'push' room sensor: ESPHome, a Shelly H&T, a script)",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false,
        "required": ["temperature_c"], "properties": {"temperature_c": {"type": "number"}, "sensor": {"type": "string"}}}}}},
      "responses": {
        "200": {"description": "taken", "content": {"application/json": {"schema": {"type": "object", "required": ["accepted", "temperature_c"], "properties": {"accepted": {"type": "boolean"}, "temperature_c": {"type": "number"}}}}}},
        "400": {"description": "not a temperature", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/WritesDisabled"}, "413": {"$ref": "#/components/responses/TooLarge"},
        "409": {"description": "no push room sensor configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "422": {"description": "outside what a room sensor can read", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}},
    "/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/metrics": {"get": {"summary": "Prometheus text exposition", "responses": {"200": {"description": "metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
      "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}}
  },
  "components": {
    "responses": {
      "Unauthorized": {"description": "missing or wrong bearer token (TCP; reads too on a listener beyond loopback)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "reads on a listener beyond loopback need a token and none is configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "WritesDisabled": {"description": "writes over TCP with no token configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooLarge": {"description": "body over 16384 bytes", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotSaved": {"description": "the settings file could not be written; nothing changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
      "Limits": {"type": "object", "required": ["target", "modes"], "properties": {
        "target": {"type": "object", "required": ["min_c", "max_c", "step_c"], "properties": {"min_c": {"type": "number"}, "max_c": {"type": "number"}, "step_c": {"type": "number"}}},
        "modes": {"type": "array", "items": {"$ref": "#/components/schemas/Mode"}}}},
      "Mode": {"type": "string", "enum": ["heat", "mine", "quiet", "eco", "off"]},
      "Status": {"type": "object",
        "required": ["board", "board_name", "backend", "control_time_s", "uptime_s", "mode", "target_c", "scheduled", "fan_duty_pct", "hashing", "hashrate", "demand_w", "ceiling_w", "reasons", "settings_revision"],
        "properties": {
          "board": {"type": "string"}, "board_name": {"type": "string"}, "backend": {"type": "string", "enum": ["sim", "linux", "avalon"]},
          "control_time_s": {"type": "number"}, "uptime_s": {"type": "number"},
          "mode": {"$ref": "#/components/schemas/Mode"}, "target_c": {"type": "number"}, "scheduled": {"type": "boolean"},
          "room_c": {"type": ["number", "null"]}, "chip_c": {"type": ["number", "null"]}, "inlet_c": {"type": ["number", "null"]},
          "fan_rpm": {"type": ["number", "null"]}, "fan_duty_pct": {"type": "number"}, "power_w": {"type": ["number", "null"]},
          "hashing": {"type": "boolean"}, "operating_point": {"type": ["string", "null"]}, "hashrate": {"type": "number", "description": "H/s"},
          "demand_w": {"type": "number"}, "ceiling_w": {"type": "number"},
          "reasons": {"type": "array", "items": {"type": "string"}},
          "trip": {"oneOf": [{"$ref": "#/components/schemas/Trip"}, {"type": "null"}]},
          "mining": {"oneOf": [{"$ref": "#/components/schemas/Mining"}, {"type": "null"}]},
          "settings_revision": {"type": "integer"},
          "notes": {"type": "array", "items": {"type": "string"}, "description": "what a person should know about the device, in plain words"},
          "version": {"type": ["string", "null"], "description": "Hearth's version"},
          "economics": {"type": ["object", "null"], "description": "with [economics] hashprice set: prices per kWh", "properties": {
            "price_per_kwh": {"type": ["number", "null"]}, "mining_revenue_per_kwh": {"type": ["number", "null"]}, "net_cost_per_kwh_heat": {"type": ["number", "null"]}}}}},
      "Mining": {"type": "object", "required": ["state", "shares_accepted", "shares_rejected", "hashrate"],
        "properties": {"pool": {"type": ["string", "null"]}, "state": {"type": "string"}, "shares_accepted": {"type": "integer"}, "shares_rejected": {"type": "integer"}, "hashrate": {"type": "number"}}},
      "Trip": {"type": "object", "required": ["code", "reason", "time_s", "at", "cleared"],
        "properties": {"code": {"type": "string"}, "reason": {"type": "string"}, "time_s": {"type": "number"}, "at": {"type": "string", "format": "date-time"}, "cleared": {"type": "boolean"}}},
      "Trips": {"type": "object", "required": ["trips"], "properties": {"trips": {"type": "array", "items": {"$ref": "#/components/schemas/Trip"}}, "latched": {"oneOf": [{"$ref": "#/components/schemas/Trip"}, {"type": "null"}]}}},
      "TripClear": {"type": "object", "required": ["cleared", "message"], "properties": {"cleared": {"type": "boolean"}, "message": {"type": "string"}}},
      "Pool": {"type": "object", "required": ["url", "user"], "properties": {"url": {"type": "string"}, "user": {"type": "string"}}},
      "PoolInput": {"type": "object", "required": ["url", "user"], "additionalProperties": false,
        "properties": {"url": {"type": "string", "description": "stratum+tcp://HOST:PORT, stratum+ssl:// or stratum+tls:// (IPv6 in brackets)",
          "pattern": "^[Ss][Tt][Rr][Aa][Tt][Uu][Mm]\\+([Tt][Cc][Pp]|[Ss][Ss][Ll]|[Tt][Ll][Ss])://([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])/?$"},
          "user": {"type": "string", "minLength": 1, "maxLength": 256}, "password": {"type": "string", "maxLength": 256, "writeOnly": true}}},
      "Settings": {"type": "object",
        "required": ["mode", "target", "schedule", "fan_override", "point_override", "pools", "active_pool", "trips_cleared", "revision"],
        "properties": {
          "mode": {"$ref": "#/components/schemas/Mode"}, "target": {"type": "number", "minimum": 5, "maximum": 30},
          "schedule": {"type": "string"}, "fan_override": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
          "point_override": {"type": ["string", "null"]}, "pools": {"type": "array", "items": {"$ref": "#/components/schemas/Pool"}},
          "active_pool": {"type": ["integer", "null"]}, "trips_cleared": {"type": "integer"}, "revision": {"type": "integer"}}},
      "SettingsPatch": {"type": "object", "additionalProperties": false, "minProperties": 1,
        "properties": {
          "mode": {"$ref": "#/components/schemas/Mode"},
          "target": {"oneOf": [{"type": "number", "minimum": 5, "maximum": 30}, {"type": "string", "description": "21.5, 21.5C or 70F"}]},
          "schedule": {"type": "string", "description": "e.g. mon-fri 06:30 21.5; * 22:30 18 quiet; empty for none"},
          "fan_override": {"oneOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "null"}, {"const": "auto"}]},
          "point_override": {"oneOf": [{"type": "string"}, {"type": "number", "description": "MHz"}, {"type": "null"}]},
          "pools": {"type": "array", "maxItems": 8, "items": {"$ref": "#/components/schemas/PoolInput"}},
          "active_pool": {"type": ["integer", "null"], "minimum": 0, "maximum": 7, "description": "an index into pools (after this change)"}}},
      "History": {"type": "object", "required": ["resolution_s", "samples"],
        "properties": {"resolution_s": {"type": "number"}, "samples": {"type": "array", "items": {"type": "object", "required": ["time_s", "target_c"],
          "properties": {"time_s": {"type": "number"}, "room_c": {"type": ["number", "null"]}, "target_c": {"type": "number"}, "chip_c": {"type": ["number", "null"]}, "power_w": {"type": ["number", "null"]}, "fan_rpm": {"type": ["number", "null"]}}}}}}
    }
  }
}
"""#
}
