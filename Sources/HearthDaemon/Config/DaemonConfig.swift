import Foundation
import HearthBoardFiles
import HearthCore
import HearthPlugs
import HearthRoomSensors
import HearthStratum
import TOMLKit

/// The daemon's configuration file (TOML; see examples/hearth.toml). Everything is
/// checked before anything starts; a problem is one line `file:line: key 'k': …`.
public struct DaemonConfig: Sendable, Equatable {
    public var board: String?
    public var backend: String?
    public var stateFile: String?
    public var tokenFile: String?
    public var socket: String?
    public var tcp: (host: String, port: Int)?
    /// `[api] public_reads`: reads on a non-loopback TCP listener need no token.
    public var publicReads = false
    public var mode: Mode?
    public var target: Celsius?
    public var schedule: String?
    public var tariffFile: String?
    /// `[economics] hashprice`: mining revenue per PH/s per day, for the status's net cost of heat.
    public var hashprice: Hashprice?
    public var tick: Double?
    public var scenario: String?
    public var speed: Double?
    public var pools: [PoolSetting] = []
    /// `[avalon] host`, `plug`; `[[room_sensor]] spec` (in order).
    public var avalonHost: String?
    public var plug: String?
    public var roomSensors: [String] = []
    /// `[home_assistant]`: the MQTT broker Home Assistant listens on (docs/home-assistant.md).
    public var homeAssistant: HomeAssistantConfig?

    /// `[cgminer_api]`: the cgminer-style API (docs/cgminer-api.md).
    public var cgminerAPI = CGMinerAPIConfig()

    public init() {}

    public static func == (a: DaemonConfig, b: DaemonConfig) -> Bool {
        a.board == b.board && a.backend == b.backend && a.stateFile == b.stateFile && a.tokenFile == b.tokenFile
            && a.socket == b.socket && a.publicReads == b.publicReads && a.tcp?.host == b.tcp?.host && a.tcp?.port == b.tcp?.port && a.mode == b.mode
            && a.target == b.target && a.schedule == b.schedule && a.tariffFile == b.tariffFile && a.hashprice == b.hashprice && a.tick == b.tick
            && a.scenario == b.scenario && a.speed == b.speed && a.pools == b.pools && a.avalonHost == b.avalonHost
            && a.plug == b.plug && a.roomSensors == b.roomSensors && a.cgminerAPI == b.cgminerAPI
            && a.homeAssistant == b.homeAssistant
    }

    static let sections: [String: [String]] = [
        "": ["board", "backend", "state_file", "token_file"],
        "api": ["socket", "tcp", "public_reads"],
        "control": ["mode", "target", "schedule", "tariff", "tick"],
        "economics": ["hashprice"],
        "sim": ["scenario", "speed"],
        "pool": ["url", "user", "password"],
        "avalon": ["host", "plug"],
        "room_sensor": ["spec"],
        "cgminer_api": ["enabled", "listen", "allow"],
        "home_assistant": ["broker", "username", "password_file", "discovery_prefix", "node_id", "currency"],
    ]

    public init(parsing text: String, file: String) throws(DaemonConfigError) {
        let locator = TOMLKeyLocator(source: text)
        // `table` is a path the locator knows: "", "control", "pool[2]"; a missing key
        // points at its table's header.
        func fail(_ table: String, _ key: String?, _ problem: String) -> DaemonConfigError {
            let path = [table, key ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let section = table.prefix { $0 != "[" }
            let name = key.map { section.isEmpty ? $0 : "\(section).\($0)" }
            return DaemonConfigError(file: file, line: locator.line(of: path), key: name, problem: problem)
        }
        if let bad = TOMLGuard.firstTrap(in: text) {
            throw DaemonConfigError(file: file, line: bad.line, key: nil, problem: "TOML syntax: \(bad.problem)")
        }
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw DaemonConfigError(file: file, line: e.source.begin.line, key: nil, problem: "TOML syntax: \(e.description)")
        } catch {
            throw DaemonConfigError(file: file, line: nil, key: nil, problem: "TOML syntax: \(error)")
        }
        for key in root.keys.sorted() {
            let isTable = root[key]?.table != nil || key == "pool" || key == "room_sensor"
            if isTable ? Self.sections[key] == nil : !Self.sections[""]!.contains(key) {
                throw fail("", key, "unknown key; allowed: \(Self.sections[""]!.joined(separator: ", ")), [api], [control], [sim], [[pool]], [avalon], [[room_sensor]], [home_assistant], [economics], [cgminer_api]")
            }
        }
        func string(_ t: TOMLTable, _ table: String, _ key: String) throws(DaemonConfigError) -> String? {
            guard let v = t[key] else { return nil }
            guard let s = v.string, !s.isEmpty else { throw fail(table, key, "expected a non-empty string") }
            return s
        }
        func number(_ t: TOMLTable, _ table: String, _ key: String) throws(DaemonConfigError) -> Double? {
            guard let v = t[key] else { return nil }
            guard let n = v.double ?? v.int.map(Double.init) else { throw fail(table, key, "expected a number") }
            return n
        }
        func table(_ name: String) throws(DaemonConfigError) -> TOMLTable? {
            guard let v = root[name] else { return nil }
            guard let t = v.table else { throw fail("", name, "expected a [\(name)] table") }
            for key in t.keys.sorted() where !Self.sections[name]!.contains(key) {
                throw fail(name, key, "unknown key; allowed in [\(name)]: \(Self.sections[name]!.joined(separator: ", "))")
            }
            return t
        }

        board = try string(root, "", "board")
        backend = try string(root, "", "backend")
        if let b = backend, !["sim", "linux", "avalon", "axeos"].contains(b) { throw fail("", "backend", "'\(b)' is unknown; allowed: sim, linux, avalon, axeos") }
        stateFile = try string(root, "", "state_file")
        tokenFile = try string(root, "", "token_file")

        if let api = try table("api") {
            socket = try string(api, "api", "socket")
            if let t = try string(api, "api", "tcp") {
                guard let colon = t.lastIndex(of: ":"), let port = Int(t[t.index(after: colon)...]), (1...65535).contains(port) else {
                    throw fail("api", "tcp", "'\(t)' is not HOST:PORT like 127.0.0.1:8380")
                }
                var host = String(t[..<colon])
                if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
                guard !host.isEmpty else { throw fail("api", "tcp", "'\(t)' has no host; use 127.0.0.1:\(port)") }
                tcp = (host, port)
            }
            if let v = api["public_reads"] {
                guard let b = v.bool else { throw fail("api", "public_reads", "expected true or false") }
                publicReads = b
            }
        }
        if let control = try table("control") {
            if let m = try string(control, "control", "mode") {
                guard let mode = Mode(rawValue: m) else { throw fail("control", "mode", "'\(m)' is unknown; allowed: \(Mode.allCases.map(\.rawValue).joined(separator: ", "))") }
                self.mode = mode
            }
            if let v = control["target"] {
                if let s = v.string {
                    do { target = try TargetTemperature.parse(s) } catch { throw fail("control", "target", error.problem) }
                } else if let n = v.double ?? v.int.map(Double.init) {
                    do { target = try TargetTemperature.validate(Celsius(n)) } catch { throw fail("control", "target", error.problem) }
                } else { throw fail("control", "target", "expected a temperature like 21.5 or \"70F\"") }
            }
            if let s = try string(control, "control", "schedule") {
                do { schedule = try WeeklySchedule(parsing: s).description } catch { throw fail("control", "schedule", error.description) }
            }
            tariffFile = try string(control, "control", "tariff")
            tick = try number(control, "control", "tick")
            if let t = tick, !(0.1...60).contains(t) { throw fail("control", "tick", "\(t) s is out of range; allowed: 0.1…60 s") }
        }
        if let economics = try table("economics"), let h = try number(economics, "economics", "hashprice") {
            guard h.isFinite, h >= 0, h < 1e9 else {
                throw fail("economics", "hashprice", "\(h) is out of range; expected revenue per PH/s per day, 0 or more (like 45)")
            }
            hashprice = Hashprice(h)
        }
        if let sim = try table("sim") {
            scenario = try string(sim, "sim", "scenario")
            speed = try number(sim, "sim", "speed")
            if let s = speed, !(s > 0 && s <= 100_000) { throw fail("sim", "speed", "\(s) is out of range; allowed: more than 0, at most 100000") }
        }
        if let avalon = try table("avalon") {
            avalonHost = try string(avalon, "avalon", "host")
            plug = try string(avalon, "avalon", "plug")
            if let p = plug {
                do { _ = try PlugSpec.parse(p) } catch { throw fail("avalon", "plug", error.description) }
            }
        }
        if let ha = try table("home_assistant") {
            guard let broker = try string(ha, "home_assistant", "broker") else {
                throw fail("home_assistant", nil, "[home_assistant] needs broker = \"mqtt://HOST[:PORT]\"")
            }
            var c: HomeAssistantConfig
            do { c = try HomeAssistantConfig.broker(broker) } catch { throw fail("home_assistant", "broker", error.problem) }
            c.username = try string(ha, "home_assistant", "username")
            c.passwordFile = try string(ha, "home_assistant", "password_file")
            c.discoveryPrefix = try string(ha, "home_assistant", "discovery_prefix") ?? c.discoveryPrefix
            c.nodeID = try string(ha, "home_assistant", "node_id")
            c.currency = try string(ha, "home_assistant", "currency") ?? c.currency
            if c.passwordFile != nil && c.username == nil { throw fail("home_assistant", "password_file", "a password needs username") }
            do { try c.validate() } catch { throw fail("home_assistant", error.setting, error.problem) }
            homeAssistant = c
        }
        if let t = try table("cgminer_api") {
            do { try cgminerAPI.read(t) } catch { throw fail("cgminer_api", error.key, error.problem) }
        }
        if let list = root["room_sensor"] {
            guard let array = list.array else { throw fail("", "room_sensor", "expected [[room_sensor]] tables") }
            for (i, element) in array.enumerated() {
                let entry = "room_sensor[\(i)]"
                guard let t = element.table else { throw fail("", "room_sensor", "expected [[room_sensor]] tables") }
                for key in t.keys.sorted() where key != "spec" {
                    throw fail(entry, key, "unknown key in room_sensor \(i + 1); allowed: spec")
                }
                guard let spec = try string(t, entry, "spec") else {
                    throw fail(entry, nil, "room_sensor \(i + 1) needs spec = \"mqtt://HOST/TOPIC#field\" (or push, i2c:BUS:ADDR:DRIVER, inlet:OFFSET)")
                }
                do { _ = try RoomSensorSpec(parsing: spec) } catch { throw fail(entry, "spec", error.description) }
                roomSensors.append(spec)
            }
        }
        if let list = root["pool"] {
            guard let array = list.array else { throw fail("", "pool", "expected [[pool]] tables") }
            for (i, element) in array.enumerated() {
                let entry = "pool[\(i)]"
                guard let t = element.table else { throw fail("", "pool", "expected [[pool]] tables") }
                for key in t.keys.sorted() where !Self.sections["pool"]!.contains(key) {
                    throw fail(entry, key, "unknown key in pool \(i + 1); allowed: url, user, password")
                }
                guard let url = try string(t, entry, "url") else { throw fail(entry, nil, "pool \(i + 1) needs url = \"stratum+tcp://HOST:PORT\"") }
                do { _ = try PoolURL(parsing: url) } catch { throw fail(entry, "url", error.description) }
                guard let user = try string(t, entry, "user") else { throw fail(entry, nil, "pool \(i + 1) needs user = \"worker\"") }
                pools.append(PoolSetting(url: url, user: user, password: try string(t, entry, "password") ?? "x"))
            }
        }
    }
}

/// `file:line: key 'k': problem` — one line, exit ≠ 0, nothing started.
public struct DaemonConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var problem: String
    public var description: String {
        // One line whatever the problem quotes (a TOML string may hold a newline).
        TOMLGuard.oneLine("\(file)\(line.map { ":\($0)" } ?? ""): \(key.map { "key '\($0)': " } ?? "")\(problem)")
    }
}
