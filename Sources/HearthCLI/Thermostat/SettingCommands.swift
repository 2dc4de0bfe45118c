import ArgumentParser
import Foundation
import HearthCore
import HearthDaemon

/// `hearth set target 21.5` (21.5, 21.5C, 70F).
struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a value: `hearth set target 21.5` (21.5, 21.5C or 70F).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "What to set: target.") var what: String
    @Argument(help: "The value, e.g. 21.5, 21.5C or 70F.") var value: String

    func run() throws {
        guard what == "target" else { throw CLIError("unknown setting '\(what)'; allowed: target (see also: mode, schedule, fan, freq, pools)") }
        let t: Celsius
        do { t = try TargetTemperature.parse(value) } catch { throw CLIError(error.description) }
        try options.patch(SettingsChange(target: t)) { s in "target \(formatted(s.target.value, decimals: 2)) °C" }
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
        try options.patch(SettingsChange(mode: m)) { s in "mode \(s.mode.rawValue)" }
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
            let reply = try options.client().call(.GET, "/v1/settings")
            if options.json { options.printRaw(reply); return }
            let s = try reply.decode(SettingsView.self).schedule
            print(s.isEmpty ? "no schedule" : s.replacingOccurrences(of: "; ", with: "\n"))
        case "set":
            guard let text else { throw CLIError("schedule set needs the entries, e.g. \"mon-fri 06:30 21.5; * 22:30 18 quiet\"") }
            do { _ = try WeeklySchedule(parsing: text) } catch { throw CLIError(error.description) }
            try options.patch(SettingsChange(schedule: text)) { s in
                s.schedule.isEmpty ? "schedule cleared" : "schedule: \(s.schedule)"
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
        let fan: SettingsChange.Override<Double>
        if value.lowercased() == "auto" { fan = .auto } else {
            let digits = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let p = Double(digits), p.isFinite, (0...100).contains(p) else {
                throw CLIError("fan '\(value)': expected auto or a percentage 0…100 like 60%")
            }
            fan = .fixed(p)
        }
        try options.patch(SettingsChange(fanOverride: fan)) { s in
            s.fanOverride.map { "fan fixed at \(formatted($0, decimals: 0)) %" } ?? "fan auto"
        }
    }
}

/// `hearth freq auto|485|high`.
struct FreqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "freq", abstract: "Operating point: auto, a frequency in MHz, or a point name.")
    @OptionGroup var options: ClientOptions
    @Argument(help: "auto, a frequency in MHz (485) or a point name (high).") var value: String

    func run() throws {
        let point: SettingsChange.Override<String> = value.lowercased() == "auto" ? .auto : .fixed(value)
        try options.patch(SettingsChange(pointOverride: point)) { s in
            s.pointOverride.map { "operating point fixed at \($0)" } ?? "operating point auto"
        }
    }
}
