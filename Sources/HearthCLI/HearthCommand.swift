import ArgumentParser
import HearthSupport

/// `hearth`: the command-line face of Hearth.
@available(macOS 14, *)
public struct HearthCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hearth",
        abstract: "A thermostat controller for home heater-miners.",
        discussion: "Run `hearth simulate --board avalon-nano3s --scenario winter-day` to see a simulated day.",
        version: HearthVersion.current,
        subcommands: [SimulateCommand.self, RunCommand.self, StatusCommand.self, SetCommand.self, ModeCommand.self,
                      ScheduleCommand.self, FanCommand.self, FreqCommand.self, PoolsCommand.self, TripsCommand.self,
                      ClearTripCommand.self, WatchCommand.self, BoardsCommand.self, ProbeCommand.self, DiscoverCommand.self, BenchCommand.self, PoolCommand.self, AsicCommand.self,
                      InternalCommand.self])

    public init() {}
}
