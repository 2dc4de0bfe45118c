import HearthPlugs

/// The owner's smart plug as the off switch of a stock unit, through `PlugSwitch` (which
/// verifies, backs off and rate-limits). One type for the daemon's `AvalonPlant` and the
/// remote fault matrix, so the matrix exercises the switch the daemon runs.
public struct PlugPowerSwitch: PowerSwitch {
    public let plugSwitch: PlugSwitch
    public let name: String

    public init(plugSwitch: PlugSwitch, name: String) {
        self.plugSwitch = plugSwitch
        self.name = name
    }

    public struct NotSwitched: Error, CustomStringConvertible {
        public let report: PlugSwitchReport
        public var description: String { report.description }
    }

    public func set(on: Bool) async throws {
        // Not settled yet (backoff, rate limit, the plug still reporting the old state):
        // the device asks again on its next poll, which also services the switch.
        let report = await plugSwitch.want(on)
        if !report.isSettled { throw NotSwitched(report: report) }
    }
}
