import ArgumentParser
import Foundation
import HearthCore

/// `hearth status`: one screen of what the heater is doing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show what the heater is doing (asks the running daemon).")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let reply = try options.client.call(.GET, "/v1/status")
        if options.json { print(reply.body, terminator: ""); return }
        print(StatusText.render(reply.json ?? [:]))
    }
}

/// `hearth watch`: the status, redrawn in place once a second on a terminal.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "A live one-screen view, redrawn every second (Ctrl-C ends it).")
    @OptionGroup var options: ClientOptions
    @Option(help: "Stop after this many updates (default: until interrupted).") var count: Int?

    func run() throws {
        let tty = isatty(STDOUT_FILENO) == 1
        var n = 0
        while count.map({ n < $0 }) ?? true {
            let reply = try options.client.call(.GET, "/v1/status")
            let text = options.json ? reply.body.trimmingCharacters(in: .newlines) : StatusText.render(reply.json ?? [:])
            // On a terminal: home the cursor and clear, so the view stays in place.
            FileHandle.standardOutput.write(Data(((tty ? "\u{1B}[H\u{1B}[2J" : "") + text + "\n").utf8))
            n += 1
            if count.map({ n < $0 }) ?? true { Thread.sleep(forTimeInterval: 1) }
        }
    }
}

/// `hearth trips`: the trips since the daemon started.
struct TripsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trips", abstract: "List safety trips (latched and cleared).")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let reply = try options.client.call(.GET, "/v1/trips")
        if options.json { print(reply.body, terminator: ""); return }
        let trips = reply.json?["trips"] as? [[String: Any]] ?? []
        if trips.isEmpty { print("no trips"); return }
        for t in trips {
            let cleared = (t["cleared"] as? Bool) == true ? "cleared" : "LATCHED"
            print("\(t["at"] as? String ?? "?")  \(cleared)  \(t["code"] as? String ?? "?"): \(t["reason"] as? String ?? "")")
        }
    }
}

/// `hearth clear-trip`: a person has checked the heater; resume control.
struct ClearTripCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear-trip", abstract: "Clear a latched safety trip after checking the heater.")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let reply = try options.client.call(.POST, "/v1/trips/clear", body: "{}")
        if options.json { print(reply.body, terminator: ""); return }
        print(reply.json?["message"] as? String ?? "done")
    }
}

enum StatusText {
    static func render(_ s: [String: Any]) -> String {
        func num(_ key: String, _ decimals: Int = 1, _ unit: String = "") -> String {
            (s[key] as? Double).map { formatted($0, decimals: decimals) + unit } ?? "—"
        }
        var lines: [String] = []
        lines.append("\(s["board_name"] as? String ?? "?") (\(s["backend"] as? String ?? "?"))")
        let scheduled = (s["scheduled"] as? Bool) == true ? " (schedule)" : ""
        lines.append("  mode       \(s["mode"] as? String ?? "?")\(scheduled), target \(num("target_c", 1, " °C"))")
        lines.append("  room       \(num("room_c", 2, " °C"))")
        lines.append("  chip       \(num("chip_c", 1, " °C"))")
        let point = (s["hashing"] as? Bool) == true ? "hashing at \(s["operating_point"] as? String ?? "?")" : "not hashing"
        lines.append("  heater     \(point), \(num("power_w", 0, " W")), demand \(num("demand_w", 0, " W"))")
        let hashrate = (s["hashrate"] as? Double).map { formatted($0 / 1e12, decimals: 2) + " TH/s" } ?? "—"
        lines.append("  hashrate   \(hashrate)")
        lines.append("  fan        \(num("fan_duty_pct", 0, " %")), \(num("fan_rpm", 0, " rpm"))")
        if let trip = s["trip"] as? [String: Any] {
            lines.append("  TRIP       \(trip["reason"] as? String ?? "?") — check the heater, then `hearth clear-trip`")
        } else {
            lines.append("  safety     ok")
        }
        if let m = s["mining"] as? [String: Any] {
            let accepted = (m["shares_accepted"] as? Double).map { String(Int($0)) } ?? "?"
            let rejected = (m["shares_rejected"] as? Double).map { String(Int($0)) } ?? "?"
            lines.append("  pool       \(m["pool"] as? String ?? "—"): \(m["state"] as? String ?? "?"), \(accepted) accepted, \(rejected) rejected")
        }
        if let reasons = s["reasons"] as? [String], !reasons.isEmpty { lines.append("  why        \(reasons.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
