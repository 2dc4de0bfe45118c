import ArgumentParser
import Foundation
import HearthCore

/// `hearth set target 21.5` (21.5, 21.5C, 70F).
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a value: `hearth set target 21.5` (21.5, 21.5C or 70F).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "What to set: target.") var what: String
    @Argument(help: "The value, e.g. 21.5, 21.5C or 70F.") var value: String

    func run() throws {
        guard what == "target" else { throw CLIError("unknown setting '\(what)'; allowed: target (see also: mode, schedule, fan, freq, pools)") }
        let t: Celsius
        do { t = try Celsius(parsing: value) } catch { throw CLIError("target '\(value)': \(error.problem)") }
        let r = ControlSettings.targetRange
        guard r.contains(t) else {
            throw CLIError("target \(formatted(t.value, decimals: 1)) °C is out of range; allowed: \(r.lowerBound.typedText)…\(r.upperBound.typedText) °C (Fahrenheit needs an F, like 70F)")
        }
        try options.patch("{\"target\": \(t.value)}") { s in
            "target \(formatted(s["target"] as? Double ?? t.value, decimals: 2)) °C"
        }
    }
}

/// `hearth mode heat|mine|quiet|eco|off`.
struct ModeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mode", abstract: "Switch mode: heat, mine, quiet, eco or off.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "heat, mine, quiet, eco or off.") var mode: String

    func run() throws {
        guard let m = Mode(rawValue: mode.lowercased()) else {
            throw CLIError("unknown mode '\(mode)'; allowed: \(Mode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try options.patch("{\"mode\": \"\(m.rawValue)\"}") { s in "mode \(s["mode"] as? String ?? m.rawValue)" }
    }
}

/// `hearth schedule show|set "mon-fri 06:30 21.5; * 22:30 18 quiet"`.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "Show or set the weekly schedule (\"\" clears it).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "show or set.") var action: String
    @Argument(help: "For set: entries like \"mon-fri 06:30 21.5; * 22:30 18 quiet\".") var text: String?

    func run() throws {
        switch action {
        case "show":
            let reply = try options.client.call(.GET, "/v1/settings")
            if options.json { print(reply.body, terminator: ""); return }
            let s = reply.json?["schedule"] as? String ?? ""
            print(s.isEmpty ? "no schedule" : s.replacingOccurrences(of: "; ", with: "\n"))
        case "set":
            guard let text else { throw CLIError("schedule set needs the entries, e.g. \"mon-fri 06:30 21.5; * 22:30 18 quiet\"") }
            do { _ = try WeeklySchedule(parsing: text) } catch { throw CLIError(error.description) }
            try options.patch("{\"schedule\": \(jsonString(text))}") { s in
                let t = s["schedule"] as? String ?? ""
                return t.isEmpty ? "schedule cleared" : "schedule: \(t)"
            }
        default: throw CLIError("unknown action '\(action)'; allowed: show, set")
        }
    }
}

/// `hearth fan auto|60%`.
struct FanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fan", abstract: "Fan: auto, or a fixed duty like 60%.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "auto or a percentage like 60%.") var value: String

    func run() throws {
        let body: String
        if value.lowercased() == "auto" { body = "{\"fan_override\": null}" } else {
            let digits = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let p = Double(digits), p.isFinite, (0...100).contains(p) else {
                throw CLIError("fan '\(value)': expected auto or a percentage 0…100 like 60%")
            }
            body = "{\"fan_override\": \(p)}"
        }
        try options.patch(body) { s in
            (s["fan_override"] as? Double).map { "fan fixed at \(formatted($0, decimals: 0)) %" } ?? "fan auto"
        }
    }
}

/// `hearth freq auto|485|high`.
struct FreqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "freq", abstract: "Operating point: auto, a frequency in MHz, or a point name.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "auto, a frequency in MHz (485) or a point name (high).") var value: String

    func run() throws {
        let body = value.lowercased() == "auto" ? "{\"point_override\": null}" : "{\"point_override\": \(jsonString(value))}"
        try options.patch(body) { s in
            (s["point_override"] as? String).map { "operating point fixed at \($0)" } ?? "operating point auto"
        }
    }
}
