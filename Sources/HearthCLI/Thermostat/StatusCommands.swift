import ArgumentParser
import Foundation
import HearthCore
import HearthDaemon

/// `hearth status`: one screen of what the heater is doing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show what the heater is doing (asks the running daemon).")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let reply = try options.client().call(.GET, "/v1/status")
        if options.json { options.printRaw(reply); return }
        print(StatusText.render(try reply.decode(StatusSnapshot.self)))
    }
}

/// `hearth watch`: the status, redrawn in place once a second on a terminal.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "A live one-screen view, redrawn every second (Ctrl-C ends it).")
    @OptionGroup var options: ClientOptions
    @Option(help: "Stop after this many updates (default: until interrupted).") var count: Int?

    func run() throws {
        let tty = isatty(STDOUT_FILENO) == 1
        let client = try options.client()
        var n = 0
        while count.map({ n < $0 }) ?? true {
            let reply = try client.call(.GET, "/v1/status")
            let text = options.json ? reply.body.trimmingCharacters(in: .newlines) : StatusText.render(try reply.decode(StatusSnapshot.self))
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
        let reply = try options.client().call(.GET, "/v1/trips")
        if options.json { options.printRaw(reply); return }
        let trips = try reply.decode(TripsView.self).trips
        if trips.isEmpty { print("no trips"); return }
        for t in trips { print(StatusText.line(t)) }
    }
}

/// `hearth clear-trip`: a person has checked the heater; resume control.
struct ClearTripCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear-trip", abstract: "Clear a latched safety trip after checking the heater.")
    @OptionGroup var options: ClientOptions

    func run() throws {
        let reply = try options.client().call(.POST, "/v1/trips/clear", body: "{}")
        if options.json { options.printRaw(reply); return }
        print(try reply.decode(TripClearReply.self).message)
    }
}

/// The human form of the daemon's replies (the `--json` form is the reply itself).
enum StatusText {
    static func render(_ s: StatusSnapshot) -> String {
        func num(_ x: Double?, _ decimals: Int = 1, _ unit: String = "") -> String {
            x.map { formatted($0, decimals: decimals) + unit } ?? "—"
        }
        var lines: [String] = []
        lines.append("\(s.boardName) (\(s.backend))")
        lines.append("  mode       \(s.mode)\(s.scheduled ? " (schedule)" : ""), target \(num(s.target, 1, " °C"))")
        lines.append("  room       \(num(s.room, 2, " °C"))")
        lines.append("  chip       \(num(s.chip, 1, " °C"))")
        let point = s.hashing ? "hashing at \(s.operatingPoint ?? "?")" : "not hashing"
        lines.append("  heater     \(point), \(num(s.power, 0, " W")), demand \(num(s.demand, 0, " W"))")
        lines.append("  hashrate   \(formatted(s.hashrate / 1e12, decimals: 2)) TH/s")
        lines.append("  fan        \(num(s.fanDuty, 0, " %")), \(num(s.fanRPM, 0, " rpm"))")
        if let trip = s.trip {
            lines.append("  TRIP       \(trip.reason) — check the heater, then `hearth clear-trip`")
        } else {
            lines.append("  safety     ok")
        }
        if let m = s.mining {
            lines.append("  pool       \(m.pool ?? "—"): \(m.state), \(m.sharesAccepted) accepted, \(m.sharesRejected) rejected")
        }
        if !s.reasons.isEmpty { lines.append("  why        \(s.reasons.joined(separator: ", "))") }
        for note in s.notes ?? [] { lines.append("  note       \(note)") }
        return lines.joined(separator: "\n")
    }

    /// One trip: when, whether a person cleared it, code and reason.
    static func line(_ t: TripRecord) -> String {
        "\(t.at)  \(t.cleared ? "cleared" : "LATCHED")  \(t.code): \(t.reason)"
    }
}
