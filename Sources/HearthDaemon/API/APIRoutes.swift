import HearthCore
import Foundation
import HearthSupport
import Hummingbird
import Logging

/// The local API's routes. One router per listener: over TCP every write needs the
/// bearer token; over the unix socket the file's permissions decide.
public struct APIRoutes: Sendable {
    /// Bodies larger than this are refused (413) before they are read.
    public static let maxBodyBytes = 16 * 1024

    let state: DaemonState
    let metrics: DaemonMetrics
    /// Required for writes when set; `requireToken` without a token refuses every write.
    let token: String?
    let requireToken: Bool
    /// Reads need the token too (a listener reachable from the network; see `ReadTokenGate`).
    let readsNeedToken: Bool

    public init(state: DaemonState, metrics: DaemonMetrics, token: String?, requireToken: Bool, readsNeedToken: Bool = false) {
        self.state = state
        self.metrics = metrics
        self.token = token
        self.requireToken = requireToken
        self.readsNeedToken = readsNeedToken
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let api = self
        // Before any route: a middleware only wraps the routes added after it.
        if readsNeedToken { router.add(middleware: ReadTokenGate(token: token)) }
        DashboardRoutes.register(on: router)
        router.get("/v1/limits") { _, _ in JSONResponse.encode(ControlLimitsView()) }
        router.get("/v1/status") { _, _ in api.guarded { try api.status() } }
        router.get("/v1/settings") { _, _ in JSONResponse.encode(SettingsView(api.state.settings)) }
        router.patch("/v1/settings") { request, _ in
            await api.guardedAsync {
                try api.authorize(request)
                let body = try await api.readJSON(request)
                // `{}` would bump the revision and rewrite the file for nothing; the document says minProperties 1.
                if case .object(let fields) = body, fields.keys.isEmpty {
                    throw APIError.bad("empty change; give at least one of: \(SettingsPatch.fields.joined(separator: ", "))")
                }
                return JSONResponse.encode(SettingsView(try api.state.change(body)))
            }
        }
        router.get("/v1/history") { request, _ in
            api.guarded {
                let since = try api.number(request, "since") ?? -.infinity
                let samples = api.state.history(since: since)
                return JSONResponse.encode(HistoryView(resolution: 10, samples: samples))
            }
        }
        router.get("/v1/trips") { _, _ in JSONResponse.encode(TripsView(trips: api.state.trips, latched: api.state.status?.trip)) }
        router.post("/v1/trips/clear") { request, _ in
            await api.guardedAsync {
                try api.authorize(request)
                _ = try await api.readBody(request)
                let cleared = try api.state.requestTripClear()
                return JSONResponse.encode(TripClearReply(cleared: cleared))
            }
        }
        router.post("/v1/room-temperature") { request, _ in
            await api.guardedAsync {
                try api.authorize(request)
                let body = try await api.readJSON(request)
                return try api.pushRoomTemperature(body)
            }
        }
        router.get("/v1/events") { _, _ in api.guarded { try api.events() } }
        router.get("/v1/openapi.json") { _, _ in JSONResponse.text(OpenAPIDocument.json) }
        router.get("/metrics") { _, _ in
            JSONResponse.text(api.metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        return router
    }

    // MARK: handlers

    func status() throws(APIError) -> Response {
        guard let s = state.status else { throw APIError(.serviceUnavailable, "the control loop has not ticked yet; try again in a second") }
        return JSONResponse.encode(s)
    }

    /// `{"temperature_c": 20.7, "sensor": "hall"}` from ESPHome, a Shelly H&T or a script.
    func pushRoomTemperature(_ body: JSONValue) throws(APIError) -> Response {
        guard let push = state.roomPush else {
            throw APIError(.conflict, "no push room sensor is configured; start the daemon with --room-sensor push")
        }
        guard let fields = body.objectValue else { throw APIError(.badRequest, "expected a JSON object like {\"temperature_c\": 20.7}") }
        for key in fields.keys where key != "temperature_c" && key != "sensor" {
            throw APIError(.badRequest, "unknown field '\(key)'; allowed: temperature_c, sensor")
        }
        guard let value = fields["temperature_c"]?.number else {
            throw APIError(.badRequest, "field 'temperature_c': expected a number, found \(fields["temperature_c"]?.typeName ?? "nothing")")
        }
        var sensor: String?
        if let s = fields["sensor"] {
            guard let text = s.stringValue else { throw APIError(.badRequest, "field 'sensor': expected a string, found \(s.typeName)") }
            sensor = text
        }
        do { try push(Celsius(value), sensor) } catch {
            throw APIError(.unprocessableContent, "field 'temperature_c': \(error)")
        }
        return JSONResponse.encode(RoomPushReply(accepted: true, temperatureC: value))
    }

    func events() throws(APIError) -> Response {
        guard let (id, stream) = state.subscribe() else {
            throw APIError(.serviceUnavailable, "too many event streams open (at most \(DaemonState.maxSubscribers))")
        }
        let state = self.state
        let first = state.status.flatMap { s in (try? JSONEncoder().encode(s)).flatMap { String(data: $0, encoding: .utf8) } }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody { writer in
            defer { state.unsubscribe(id) }
            if let first { try await writer.write(ByteBuffer(string: "event: status\ndata: \(first)\n\n")) }
            for await event in stream {
                try await writer.write(ByteBuffer(string: "event: status\ndata: \(event)\n\n"))
            }
            try await writer.finish(nil)
        })
    }

    // MARK: request checks

    func authorize(_ request: Request) throws(APIError) {
        guard requireToken else { return }
        guard let token else {
            throw APIError(.forbidden, "writes over TCP are disabled: set token_file in the config, or use the unix socket")
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(.unauthorized, "this write needs 'Authorization: Bearer <token>' (the token is in the daemon's token_file)")
        }
        guard constantTimeEqual(Array(header.dropFirst(7).utf8), Array(token.utf8)) else {
            throw APIError(.unauthorized, "wrong token")
        }
    }

    func readBody(_ request: Request) async throws(APIError) -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maxBodyBytes {
            throw APIError(.contentTooLarge, "body of \(length) bytes is too large; at most \(Self.maxBodyBytes) bytes")
        }
        do { return try await request.body.collect(upTo: Self.maxBodyBytes) } catch {
            throw APIError(.contentTooLarge, "body is too large; at most \(Self.maxBodyBytes) bytes")
        }
    }

    func readJSON(_ request: Request) async throws(APIError) -> JSONValue {
        let buffer = try await readBody(request)
        guard buffer.readableBytes > 0 else { throw .bad("empty body; expected a JSON object") }
        // The strict parser, not JSONDecoder: duplicate keys are refused and the
        // message names the byte where the body stops being JSON.
        do { return try JSONParser.parse(buffer.readableBytesView) } catch { throw .bad(error.description) }
    }

    func number(_ request: Request, _ name: String) throws(APIError) -> Double? {
        guard let text = request.uri.queryParameters[name[...]].map(String.init) else { return nil }
        guard let v = Double(text), v.isFinite else { throw .bad("query '\(name)' must be a number of seconds; found '\(text)'") }
        return v
    }

    // MARK: error mapping

    func guarded(_ body: () throws -> Response) -> Response {
        do { return try body() } catch { return Self.response(for: error) }
    }

    func guardedAsync(_ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch { return Self.response(for: error) }
    }

    static func response(for error: any Error) -> Response {
        (error as? APIError ?? APIError(.internalServerError, "\(error)")).response
    }
}

/// Equal-length comparison whose time doesn't depend on where the first difference is.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var diff = UInt8(a.count == b.count ? 0 : 1)
    for i in 0..<max(a.count, b.count) {
        diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
    }
    return diff == 0
}
