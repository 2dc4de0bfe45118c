import Foundation
import HearthCore
import HearthStratum
import HearthSupport

/// A change to the settings as the API receives it (`PATCH /v1/settings`): a JSON
/// object whose every field is checked for name, type and range before anything
/// changes. One bad field rejects the whole change. It reads the raw JSON (not a
/// decoded `SettingsChange`) so each wrong type gets its own message, but the field
/// names are `SettingsChange.Field`'s: the one list the CLI encodes with.
public enum SettingsPatch {
    public static let fields = SettingsChange.Field.allCases.map(\.rawValue)

    public static func apply(_ body: JSONValue, to current: DaemonSettings,
                             board: BoardProfile) throws(APIError) -> DaemonSettings {
        guard case .object(let object) = body else {
            throw .bad("expected a JSON object with any of: \(fields.joined(separator: ", ")); found \(body.typeName)")
        }
        var changes: [(SettingsChange.Field, JSONValue)] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let field = SettingsChange.Field(rawValue: key) else {
                throw .bad("unknown field '\(key)'; allowed: \(fields.joined(separator: ", "))")
            }
            changes.append((field, value))
        }
        var s = current
        for (field, value) in changes {
            // Exhaustive: a field added to SettingsChange must be handled here.
            switch field {
            case .mode: s.mode = try mode(value)
            case .target: s.target = try target(value).value
            case .schedule: s.schedule = try schedule(value)
            case .fanOverride: s.fanOverride = try fan(value)
            case .pointOverride: s.pointOverride = try point(value, board: board)
            case .pools: s.pools = try pools(value, current: current.pools)
            case .activePool: s.activePool = try activePool(value)
            }
        }
        if let a = s.activePool, !s.pools.indices.contains(a) {
            throw .unprocessable("field 'active_pool' \(a) is out of range; \(s.pools.count) pool(s), allowed 0…\(max(0, s.pools.count - 1))")
        }
        if s.pools.isEmpty { s.activePool = nil } else if s.activePool == nil { s.activePool = 0 }
        s.revision = current.revision + 1
        return s
    }

    static func mode(_ v: JSONValue) throws(APIError) -> Mode {
        let allowed = Mode.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let text) = v else { throw .bad("field 'mode' must be a string, one of: \(allowed); found \(v.typeName)") }
        guard let m = Mode(rawValue: text.lowercased()) else { throw .unprocessable("field 'mode' '\(text)' is unknown; allowed: \(allowed)") }
        return m
    }

    /// A number is °C; a string may carry a unit (`"21.5C"`, `"70F"`).
    public static func target(_ v: JSONValue) throws(APIError) -> Celsius {
        func refused(_ e: TargetTemperatureError) -> APIError { .unprocessable("field 'target' '\(e.text)': \(e.problem)") }
        if let n = v.number {
            do { return try TargetTemperature.validate(Celsius(n)) } catch { throw refused(error) }
        }
        switch v {
        case .string(let text):
            do { return try TargetTemperature.parse(text) } catch { throw refused(error) }
        default: throw .bad("field 'target' must be a number (°C) or a string like \"21.5C\" or \"70F\"; found \(v.typeName)")
        }
    }

    static func activePool(_ v: JSONValue) throws(APIError) -> Int? {
        if case .null = v { return nil }
        guard let n = v.number, n == n.rounded(), n >= 0, n < 1_000_000 else {
            throw .bad("field 'active_pool' must be an integer index into pools or null; found \(v.typeName)")
        }
        return Int(n)
    }

    static func schedule(_ v: JSONValue) throws(APIError) -> String {
        guard case .string(let text) = v else { throw .bad("field 'schedule' must be a string like \"mon-fri 06:30 21.5; * 22:30 18 quiet\" (\"\" for none); found \(v.typeName)") }
        do { return try WeeklySchedule(parsing: text).description } catch { throw .unprocessable("field 'schedule': \(error.description)") }
    }

    static func fan(_ v: JSONValue) throws(APIError) -> Double? {
        if let n = v.number {
            guard n.isFinite, (0...100).contains(n) else { throw .unprocessable("field 'fan_override' \(n) is out of range; allowed: 0…100 (percent) or null for auto") }
            return n
        }
        switch v {
        case .null: return nil
        case .string(let s) where s.lowercased() == "auto": return nil
        default: throw .bad("field 'fan_override' must be a number of percent 0…100, \"auto\" or null; found \(v.typeName)")
        }
    }

    static func point(_ v: JSONValue, board: BoardProfile) throws(APIError) -> String? {
        let names = board.operatingPoints.map { "\($0.name) (\(formatted($0.frequency.value, decimals: 0)) MHz)" }.joined(separator: ", ")
        if let n = v.number {
            guard let i = DaemonSettings.pointIndex(formatted(n, decimals: 2), board: board) else { throw .unprocessable("field 'point_override' \(formatted(n, decimals: 0)) MHz is not a point of \(board.id); allowed: auto, \(names)") }
            return board.operatingPoints[i].name
        }
        switch v {
        case .null: return nil
        case .string(let s) where s.lowercased() == "auto": return nil
        case .string(let s):
            guard let i = DaemonSettings.pointIndex(s, board: board) else { throw .unprocessable("field 'point_override' '\(s)' is not a point of \(board.id); allowed: auto, \(names)") }
            return board.operatingPoints[i].name
        default: throw .bad("field 'point_override' must be a point name, a frequency in MHz, \"auto\" or null; found \(v.typeName)")
        }
    }

    /// A pool given without a password keeps the stored one for the same url and user
    /// (the API never sends passwords back, so clients can't resend them).
    static func pools(_ v: JSONValue, current: [PoolSetting]) throws(APIError) -> [PoolSetting] {
        guard case .array(let list) = v else { throw .bad("field 'pools' must be an array of {url, user, password}; found \(v.typeName)") }
        guard list.count <= 8 else { throw .unprocessable("field 'pools': at most 8 pools") }
        var out: [PoolSetting] = []
        for (i, item) in list.enumerated() {
            guard case .object(let o) = item else { throw .bad("pools[\(i)] must be an object {url, user, password}; found \(item.typeName)") }
            for key in o.keys.sorted() where !["url", "user", "password"].contains(key) {
                throw .bad("pools[\(i)]: unknown field '\(key)'; allowed: url, user, password")
            }
            guard case .string(let url)? = o["url"] else { throw .bad("pools[\(i)].url must be a string like stratum+tcp://host:3333") }
            do { _ = try PoolURL(parsing: url) } catch { throw .unprocessable("pools[\(i)].url: \(error.description)") }
            guard case .string(let user)? = o["user"], !user.isEmpty, user.count <= 256 else { throw .bad("pools[\(i)].user must be a non-empty string (the worker name)") }
            var password = current.first { $0.url == url && $0.user == user }?.password ?? "x"
            if let p = o["password"] {
                guard case .string(let text) = p, text.count <= 256 else { throw .bad("pools[\(i)].password must be a string") }
                password = text
            }
            out.append(PoolSetting(url: url, user: user, password: password))
        }
        return out
    }
}
