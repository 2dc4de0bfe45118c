/// The `ascset` writes and reads Hearth uses, as the firmware spells their parameter
/// (device 0 always: the home models have one). Values out of the firmware's range are
/// refused here, before they reach the unit.
public enum AscsetCommand: Sendable, Hashable, CustomStringConvertible {
    /// `0,workmode,set,N`: the Nano 3S, Mini 3 and Q pick their heat with it.
    case setWorkMode(Int)
    /// `0,worklevel,set,N`: the Nano 3's heat; a finer step within a mode on the others.
    case setWorkLevel(Int)
    case getWorkMode
    case getWorkLevel
    /// `0,fan-spd,N`.
    case fan(FanSetting)
    /// `0,softoff,1:<unix time>`: stop hashing at that time (Q and Mini 3 firmware).
    case softOff(atUnixTime: Int64)
    /// `0,softon,1:<unix time>`: resume hashing at that time.
    case softOn(atUnixTime: Int64)
    /// `0,reboot,<seconds>`: 0…300 s from now.
    case reboot(afterSeconds: Int)
    /// `0,lcd,<id>:<value>`, e.g. `0:1` turns the display on.
    case lcd(id: Int, value: Int)
    /// `0,help`: the options this firmware has.
    case help

    public enum FanSetting: Sendable, Hashable {
        /// The firmware's own fan loop (`-1`).
        case auto
        /// A fixed duty; the firmware accepts 15…100 %.
        case percent(Int)
    }

    /// What the firmware accepts, from `driver-avalon.c`.
    public static let fanPercentRange = 15...100
    public static let rebootDelayRange = 0...300

    /// The option name, as `help` lists it.
    public var option: String {
        switch self {
        case .setWorkMode, .getWorkMode: "workmode"
        case .setWorkLevel, .getWorkLevel: "worklevel"
        case .fan: "fan-spd"
        case .softOff: "softoff"
        case .softOn: "softon"
        case .reboot: "reboot"
        case .lcd: "lcd"
        case .help: "help"
        }
    }

    /// The `ascset` parameter, after checking the value.
    public func parameter() throws(AscsetCommandError) -> String {
        switch self {
        case .setWorkMode(let n), .setWorkLevel(let n):
            guard (-128...127).contains(n) else { throw .outOfRange(option: option, value: n, allowed: "-128…127") }
            return "0,\(option),set,\(n)"
        case .getWorkMode, .getWorkLevel: return "0,\(option),get"
        case .fan(.auto): return "0,fan-spd,-1"
        case .fan(.percent(let p)):
            guard Self.fanPercentRange.contains(p) else { throw .outOfRange(option: option, value: p, allowed: "15…100 % or auto") }
            return "0,fan-spd,\(p)"
        case .softOff(let t), .softOn(let t):
            guard t >= 0 else { throw .outOfRange(option: option, value: Int(t), allowed: "a unix time") }
            return "0,\(option),1:\(t)"
        case .reboot(let s):
            guard Self.rebootDelayRange.contains(s) else { throw .outOfRange(option: option, value: s, allowed: "0…300 s") }
            return "0,reboot,\(s)"
        case .lcd(let id, let value): return "0,lcd,\(id):\(value)"
        case .help: return "0,help"
        }
    }

    public func request() throws(AscsetCommandError) -> CGMinerRequest {
        CGMinerRequest("ascset", parameter: try parameter())
    }

    public var description: String { (try? parameter()).map { "ascset|\($0)" } ?? "ascset \(option) (invalid)" }
}

public enum AscsetCommandError: Error, Sendable, Hashable, CustomStringConvertible {
    case outOfRange(option: String, value: Int, allowed: String)

    public var description: String {
        switch self {
        case .outOfRange(let option, let value, let allowed): "ascset \(option) \(value): out of range (\(allowed))"
        }
    }
}
