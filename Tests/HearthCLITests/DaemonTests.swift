import Foundation
import Testing
@testable import HearthDaemon

/// The daemon and the thermostat CLI, as a person uses them (the built `hearth`).
@Suite(.serialized) struct DaemonTests {
    @Test func cliWithoutDaemonSaysWhatToDo() throws {
        let start = Date()
        let r = try CLI.run(["status", "--socket", "/tmp/hearth-none-\(UUID().uuidString.prefix(6)).sock"], timeout: 20)
        #expect(r.status != 0)
        #expect(r.stderr.contains("start one with `hearth run"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func roomFollowsTargetAndSettingsSurviveKill9() throws {
        let d = try TestDaemon()
        try d.start(speed: 1000)
        var s = try d.status()
        #expect(s["mode"] as? String == "heat")
        let r = try d.cli(["set", "target", "75F"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("23.89"))
        // At 1000× a simulated hour takes 3.6 s: the room must climb towards 23.9 °C.
        let before = s["room_c"] as? Double ?? 0
        let deadline = Date().addingTimeInterval(45)
        var room = before
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 1)
            s = try d.status()
            room = s["room_c"] as? Double ?? 0
            if room > 22.8 { break }
        }
        #expect(room > 22.8, "room stayed at \(room) (from \(before))")
        #expect(s["hashing"] as? Bool != nil)

        #expect(try d.cli(["mode", "off"]).status == 0)
        Thread.sleep(forTimeInterval: 1.5)
        s = try d.status()
        #expect(s["mode"] as? String == "off")
        #expect(s["hashing"] as? Bool == false)
        #expect(try d.cli(["fan", "55%"]).status == 0)

        d.kill9()
        try d.start()
        let settings = try d.curl("GET", "/v1/settings")
        let json = try JSONSerialization.jsonObject(with: Data(settings.body.utf8)) as? [String: Any] ?? [:]
        #expect(json["mode"] as? String == "off")
        #expect(json["target"] as? Double == 23.89)
        #expect(json["fan_override"] as? Double == 55)
        #expect(d.stop() == 0)
        #expect(d.log.contains("stopped: hashing off"))
    }

    @Test func poolAddedAtRunTimeIsMinedAndShownInStatus() throws {
        let (pool, p) = try CLI.startPool(difficulty: 0.0002, seconds: 90)
        defer { pool.terminate() }
        let d = try TestDaemon()
        try d.start(speed: 20)
        #expect(try d.cli(["mode", "mine"]).status == 0)
        let add = try d.cli(["pools", "add", "stratum+tcp://127.0.0.1:\(p)", "--user", "me.heater", "--password", "pool-secret-123"])
        #expect(add.status == 0, "\(add.stderr)")
        var accepted = 0.0
        let deadline = Date().addingTimeInterval(45)
        while Date() < deadline, accepted < 1 {
            Thread.sleep(forTimeInterval: 0.5)
            let mining = try d.status()["mining"] as? [String: Any]
            accepted = mining?["shares_accepted"] as? Double ?? 0
        }
        #expect(accepted >= 1)
        let human = try d.cli(["status"])
        #expect(human.stdout.contains("127.0.0.1:\(p)") && human.stdout.contains("accepted"))
        let metrics = try d.curl("GET", "/metrics")
        #expect(metrics.body.contains("hearth_shares_total"))
        #expect(d.stop() == 0)
        #expect(!d.log.contains("pool-secret-123"))            // passwords never reach the log
    }

    @Test func badInputGets4xxAndTheDaemonCarriesOn() throws {
        let d = try TestDaemon()
        try d.start()
        let cases: [(String, Int, String)] = [
            ("{\"target\": ", 400, "malformed JSON"),
            ("{\"target\": \"warm\"}", 422, "expected a temperature"),
            ("{\"target\": [1]}", 400, "must be a number"),
            ("{\"target\": 45}", 422, "45 °C is out of range; allowed: 5…30 °C (Fahrenheit needs an F, like 70F)"),
            ("{\"speed\": 3}", 400, "unknown field 'speed'"),
            ("", 400, "empty body"),
            (String(repeating: " ", count: 20_000) + "{}", 413, "too large"),
        ]
        for (body, status, message) in cases {
            let r = try d.curl("PATCH", "/v1/settings", body: body)
            #expect(r.status == status, "\(body.prefix(30)): \(r.body)")
            #expect(r.body.contains(message), "\(body.prefix(30)): \(r.body)")
            #expect(r.body.hasPrefix("{\"error\":"))
        }
        let s1 = try d.status()["control_time_s"] as? Double ?? 0
        Thread.sleep(forTimeInterval: 0.5)
        let s2 = try d.status()["control_time_s"] as? Double ?? 0
        #expect(s2 > s1, "the control loop stopped")
        #expect(try d.cli(["set", "target", "hot"]).stderr.contains("expected a temperature"))
        #expect(d.stop() == 0)
    }

    @Test func tcpWritesNeedTheToken() throws {
        let d = try TestDaemon()
        let token = "0123456789abcdef-token"
        try token.write(toFile: "\(d.dir)/token", atomically: true, encoding: .utf8)
        let port = 18_380 + Int.random(in: 0..<500)
        try "token_file = \"\(d.dir)/token\"\n[api]\ntcp = \"127.0.0.1:\(port)\"\n".write(toFile: "\(d.dir)/hearth.toml", atomically: true, encoding: .utf8)
        try d.start(extra: ["--config", "\(d.dir)/hearth.toml"])
        let tcp = "127.0.0.1:\(port)"
        #expect(try d.curl("GET", "/v1/status", tcp: tcp).status == 200)
        let none = try d.curl("PATCH", "/v1/settings", body: "{\"mode\": \"eco\"}", tcp: tcp)
        #expect(none.status == 401 && none.body.contains("Bearer"))
        #expect(try d.curl("PATCH", "/v1/settings", body: "{\"mode\": \"eco\"}", headers: ["Authorization: Bearer wrong"], tcp: tcp).status == 401)
        let ok = try d.curl("PATCH", "/v1/settings", body: "{\"mode\": \"eco\"}", headers: ["Authorization: Bearer \(token)"], tcp: tcp)
        #expect(ok.status == 200)
        #expect(!ok.body.contains(token) && !d.log.contains(token))
        #expect(d.stop() == 0)
    }

    @Test func responsesMatchTheOpenAPIDocument() throws {
        let d = try TestDaemon()
        try d.start()
        let docText = try d.curl("GET", "/v1/openapi.json").body
        let doc = try JSONSerialization.jsonObject(with: Data(docText.utf8)) as? [String: Any] ?? [:]
        let schemas = ((doc["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
        for (path, schema) in [("/v1/status", "Status"), ("/v1/settings", "Settings"), ("/v1/trips", "Trips"), ("/v1/history", "History")] {
            let r = try d.curl("GET", path)
            #expect(r.status == 200)
            let body = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any] ?? [:]
            let s = schemas[schema] as? [String: Any] ?? [:]
            let props = s["properties"] as? [String: Any] ?? [:]
            for key in s["required"] as? [String] ?? [] {
                #expect(body[key] != nil, "\(path) lacks required '\(key)'")
            }
            for (key, value) in body {
                guard let p = props[key] as? [String: Any] else { Issue.record("\(path): '\(key)' not in schema \(schema)"); continue }
                #expect(Self.matches(value, p), "\(path): '\(key)' = \(value) doesn't match \(p)")
            }
        }
        let metrics = try d.curl("GET", "/metrics").body
        for name in ["hearth_room_temperature_celsius", "hearth_target_temperature_celsius", "hearth_control_tick_seconds_bucket", "hearth_fan_rpm"] {
            #expect(metrics.contains(name), "missing \(name)")
        }
        #expect(d.stop() == 0)
    }

    static func matches(_ value: Any, _ schema: [String: Any]) -> Bool {
        var types: [String] = []
        if let t = schema["type"] as? String { types = [t] } else if let t = schema["type"] as? [String] { types = t } else { return true }
        return types.contains { t in
            switch t {
            case "null": value is NSNull
            case "string": value is String
            case "boolean": value is Bool
            case "number": value is NSNumber || value is Double || value is Int
            case "integer": (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
            case "array": value is [Any]
            case "object": value is [String: Any]
            default: true
            }
        }
    }

    @Test func badConfigIsOneLineWithFileLineAndKey() throws {
        let dir = "/tmp/hearth-c-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "board = \"avalon-nano3s\"\n\n[control]\nmode = \"heat\"\ntarget = 45\n".write(toFile: "\(dir)/bad.toml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "--config", "\(dir)/bad.toml", "--socket", "\(dir)/h.sock", "--state-file", "\(dir)/s.json"], timeout: 20)
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.toml:5: key 'control.target'"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/s.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/h.sock"))
    }
}
