import HearthCore
import HearthHAL

/// One baseline run: the board as the owner's unit has it, and how the plug switches it.
public struct OwnerBaseline: Sendable {
    public var setup: BaselineSetup
    /// The board the baseline's unit runs (the PiAxe gains its stock 485 MHz / 1200 mV point).
    public var board: BoardDefinition
    /// One line naming where the set-up comes from (docs/baselines.md has the whole story).
    public var source: String

    /// The policy for a simulation run on `board`.
    public func policy(settings: ControlSettings) -> any HeatingPolicy {
        PlugThermostatBaseline(board: setup.stockProfile(board.profile), settings: settings, setup: setup)
    }
}

/// The set-ups owners really run, per board (docs/baselines.md). None is tuned to a
/// result: each level the stock firmware offers is one baseline, switched by the same
/// plug thermostat; the figures (band, latency, boot, chip target) come from the sources.
public enum OwnerBaselines {
    /// Home Assistant's thermostat drives a Wi-Fi plug: about 2 s from decision to relay.
    public static let plugLatency = Seconds(2)
    /// Avalon units hash about a minute after mains returns (the Avalon emulator's figure;
    /// no public measurement was found).
    public static let avalonBoot = Seconds(60)
    /// The Nano 3S / Mini 3 firmware's fan loop holds TarT 90 °C (docs/avalon.md).
    public static let avalonChipTarget = Celsius(90)
    /// A live Avalon Q reports TarT[65] (docs/research/boards.md).
    public static let avalonQChipTarget = Celsius(65)
    /// piaxe-miner starts in a few seconds (a Python process on an already running Pi
    /// would be quicker, but the plug cuts the Pi too): Raspberry Pi boot plus start.
    public static let piaxeBoot = Seconds(45)

    public static func forBoard(_ board: BoardDefinition) -> [OwnerBaseline] {
        switch board.profile.id {
        case "avalon-nano3s":
            return levels(board, ["low", "mid", "high"], prefix: "plug-", chipTarget: avalonChipTarget,
                          source: "workmode Low/Mid/High (docs/research/avalon-api.md), switched by a plug")
        case "avalon-mini3":
            return levels(board, ["eco", "super"], prefix: "heater-", chipTarget: avalonChipTarget,
                          source: "Heating mode, level Eco or Super (worklevel -1/0), switched by a plug")
                + levels(board, ["mining"], prefix: "plug-", chipTarget: avalonChipTarget,
                         source: "Mining mode (800 W), switched by a plug")
        case "avalon-q":
            return levels(board, ["eco", "standard", "super"], prefix: "plug-", chipTarget: avalonQChipTarget,
                          source: "workmode Eco/Standard/Super, switched by a plug")
        case "piaxe":
            return [piaxeStock(board)]
        default:
            // An unknown board: its top level behind a plug, with its own chip target.
            let top = board.profile.operatingPoints.count - 1
            return [OwnerBaseline(setup: BaselineSetup(name: "plug-top", level: top, plugLatency: plugLatency,
                                                       bootTime: avalonBoot, chipTarget: board.profile.thermal.chipTarget),
                                  board: board, source: "the board's top level, switched by a plug")]
        }
    }

    private static func levels(_ board: BoardDefinition, _ names: [String], prefix: String, chipTarget: Celsius,
                               source: String) -> [OwnerBaseline] {
        names.compactMap { name in
            guard let i = board.profile.operatingPoints.firstIndex(where: { $0.name == name }) else { return nil }
            return OwnerBaseline(setup: BaselineSetup(name: prefix + name, level: i, plugLatency: plugLatency,
                                                      bootTime: avalonBoot, chipTarget: chipTarget),
                                 board: board, source: source)
        }
    }

    /// The PiAxe as piaxe-miner runs it: 485 MHz at a fixed 1200 mV (its regulator is
    /// never adjusted), thermostat by plug. When the table has no such point (an older
    /// table at lower voltages), the stock point is added for this run only, with the
    /// simulator's own steady state as its table figures.
    static func piaxeStock(_ board: BoardDefinition) -> OwnerBaseline {
        let f = Megahertz(485), v = Millivolts(1200)
        var b = board
        var level = board.profile.operatingPoints.firstIndex { $0.frequency == f && $0.voltage == v }
        if level == nil {
            let physics = HeaterPhysicsParameters(board)
            let bare = OperatingPoint(name: "485MHz-1200mV-stock", frequency: f, voltage: v, power: .zero, hashrate: .zero)
            let s = physics.steadyState(at: bare, inlet: Celsius(21), chipTarget: board.profile.thermal.chipTarget)
            let point = OperatingPoint(name: bare.name, frequency: f, voltage: v, power: s.wall, hashrate: s.hashrate)
            let p = board.profile
            b.profile = BoardProfile(id: p.id, name: p.name, operatingPoints: p.operatingPoints + [point],
                                     thermal: p.thermal, fan: p.fan, hasPowerSensor: p.hasPowerSensor)
            level = b.profile.operatingPoints.firstIndex { $0.name == point.name }
        }
        return OwnerBaseline(setup: BaselineSetup(name: "piaxe-stock", level: level ?? 0, plugLatency: plugLatency,
                                                  bootTime: piaxeBoot, chipTarget: board.profile.thermal.chipTarget),
                             board: b, source: "piaxe-miner defaults: 485 MHz, 1200 mV; switched by a plug")
    }
}
