import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthRemoteSimulation
import HearthSupport

/// The figures `hearth simulate --via api` adds: how the unit was treated.
enum RemoteReport {
    static func add(_ r: RemoteSimulationResult, model: AvalonModel, to report: JSONValue) -> JSONValue {
        guard case .object(var fields) = report else { return report }
        fields["remote"] = .object([
            ("model", .string(model.profile.name)),
            ("changes_per_hour", .number((r.changesPerHour * 100).rounded() / 100)),
            ("commands_sent", .number(Double(r.commandsSent))),
            ("commands_refused", .number(Double(r.commandsRefused))),
            ("firmware_refusals", .number(Double(r.firmwareRefusals))),
            ("max_concurrent_connections", .number(Double(r.maximumConcurrentConnections))),
            ("connections", .number(Double(r.connections))),
            ("commands_deferred", .number(Double(r.device.commandsDeferred))),
            ("off_switch", .string(r.device.offSwitch)),
        ])
        return .object(fields)
    }

    static func table(_ r: RemoteSimulationResult, model: AvalonModel) -> String {
        """
          remote: unit                            \(model.profile.name) (emulated firmware API on loopback)
          remote: off switch                      \(r.device.offSwitch)
          remote: level/power changes             \(formatted(r.changesPerHour, decimals: 2)) per hour
          remote: commands sent / refused         \(r.commandsSent) / \(r.firmwareRefusals)
          remote: connections, most at once       \(r.connections), \(r.maximumConcurrentConnections)
        """
    }

    /// The stock model a board file simulates (`boards/avalon-nano3s.toml` → Nano 3S).
    static func model(forBoard id: String) -> AvalonModel? {
        AvalonModel.allCases.first { $0.profile.boardFile == id }
    }
}
