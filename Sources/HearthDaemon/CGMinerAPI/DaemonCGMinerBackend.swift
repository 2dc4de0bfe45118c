import Foundation
import HearthCGMinerAPI
import HearthCore
import HearthSupport
import Logging
import NIOConcurrencyHelpers

/// The daemon as a cgminer-style API backend: every value read from the same status
/// and settings `/v1/status` shows, in the reply shapes of the Avalon model the board
/// file stands for (a generic ASC device for Hearth's own boards); every write through
/// `DaemonState.change`, the one validated settings path (`DaemonCGMinerWrites`).
final class DaemonCGMinerBackend: CGMinerAPIBackend, Sendable {
    let state: DaemonState
    let logger: Logger
    /// The stock model the board file describes; nil: a board of Hearth's own.
    let model: AvalonModel?
    let firmware: AvalonFirmwareProfile?
    /// The board's points from least to most power: work level N is the N-th.
    let levels: [Int]
    /// The mode `softon` returns to (the last heating mode this daemon saw before `softoff`).
    let lastHeatingMode: NIOLockedValueBox<Mode>

    init(state: DaemonState, logger: Logger) {
        self.state = state
        self.logger = logger
        model = AvalonModel.allCases.first { $0.profile.boardFile == state.board.id }
        firmware = model.map(AvalonFirmwareProfile.init)
        levels = state.board.operatingPoints.indices.sorted { state.board.operatingPoints[$0].power < state.board.operatingPoints[$1].power }
        let mode = state.settings.mode
        lastHeatingMode = NIOLockedValueBox(mode == .off ? .heat : mode)
    }

    var commands: [String: CGMinerCommandRule] { Self.cgminerCommands }

    var when: Int64 { Int64(Date().timeIntervalSince1970) }

    func respond(to command: String, parameter: String?) -> CGMinerReply {
        switch command {
        case "ascset": return ascset(parameter)
        case "switchpool", "enablepool", "disablepool", "addpool", "removepool": return pool(command, parameter)
        case "config": return config()
        case "coin": return coin()
        default: break
        }
        let reading = self.reading()
        if let firmware {
            let builder = AvalonReplyBuilder(profile: firmware, reading: reading)
            switch command {
            case "edevs": return builder.devs()
            case "litestats": return builder.stats(withPools: false)
            default: return builder.reply(for: command, parameter: parameter)
            }
        }
        return GenericASCReplyBuilder(deviceName: state.board.name, driver: state.board.id, product: state.board.name,
                                      softwareVersion: "hearth-\(HearthVersion.current)", reading: reading).reply(for: command)
    }

    // MARK: - Reading

    /// The unit as the last control tick saw it.
    func reading() -> AvalonUnitReading {
        let s = state.status
        let settings = state.settings
        let board = state.board
        let point = s?.operatingPoint.flatMap { name in board.operatingPoints.first { $0.name == name } }
        let cap = capIndex(settings)
        let capPoint = board.operatingPoints[cap]
        let chip = Celsius(s?.chip ?? 0)
        let air = Celsius(s?.inlet ?? s?.room ?? 0)
        let rate = s?.hashrate ?? 0
        let uptime = s?.uptime ?? 0
        let fanCount = max(firmware?.fanCount ?? 1, 1)
        let fan = RPM(s?.fanRPM ?? 0)
        let mining = s?.mining
        let active = settings.activePool ?? 0
        let pools = settings.pools.enumerated().map { i, p in
            AvalonPoolReport(url: p.url, user: p.user, difficulty: 1, alive: i == active && mining?.state == "mining",
                             active: i == active, accepted: i == active ? Int64(mining?.sharesAccepted ?? 0) : 0,
                             rejected: i == active ? Int64(mining?.sharesRejected ?? 0) : 0)
        }
        let level = levels.firstIndex(of: cap) ?? 0
        return AvalonUnitReading(
            hottestChip: chip, averageChip: chip, inlet: air, outlet: air, fanSpeeds: Array(repeating: fan, count: fanCount),
            fanDuty: DutyCycle((s?.fanDuty ?? 0) / 100), wallPower: Watts(s?.power ?? 0), hashrate: HashRate(rate),
            nominalHashrate: (point ?? capPoint).hashrate, frequency: (point ?? capPoint).frequency,
            hashing: s?.hashing ?? false, uptime: Seconds(uptime), unixTime: when, totalHashes: rate * uptime,
            rolling5s: rate, rolling1m: rate, rolling5m: rate, rolling15m: rate, isUp: s != nil,
            softOff: settings.mode == .off, setting: min(level, (firmware?.settings.count ?? 1) - 1), level: level,
            targetTemperature: board.thermal.chipTarget, maxPower: capPoint.power,
            acceptedShares: Int64(mining?.sharesAccepted ?? 0), lastShareUnix: 0, pools: pools, wallPowerKey: true)
    }

    /// The point a person capped the heat at (`point_override`), else the board's most powerful.
    func capIndex(_ settings: DaemonSettings) -> Int {
        settings.pointOverride.flatMap { DaemonSettings.pointIndex($0, board: state.board) } ?? levels.last ?? 0
    }

    // MARK: - config, coin

    private func config() -> CGMinerReply {
        let settings = state.settings
        let record: JSONObject = [
            ("ASC Count", .integer(1)), ("PGA Count", .integer(0)), ("Pool Count", .integer(Int64(settings.pools.count))),
            ("Strategy", .string("Failover")), ("Log Interval", .integer(5)), ("Device Code", .string(firmware == nil ? "ASC" : "AVA")),
            ("OS", .string("Linux")), ("Hotplug", .string("None")),
        ]
        return .success(code: CGMinerStatusCode.minerConfig, message: "CGMiner config", when: when,
                        sections: [CGMinerSection(name: "CONFIG", records: [record])])
    }

    private func coin() -> CGMinerReply {
        let record: JSONObject = [("Hash Method", .string("sha256")), ("Current Block Time", .double(0)),
                                  ("Current Block Hash", .string("")), ("LP", .bool(true)), ("Network Difficulty", .double(0))]
        return .success(code: CGMinerStatusCode.coin, message: "CGMiner coin", when: when,
                        sections: [CGMinerSection(name: "COIN", records: [record])])
    }
}
