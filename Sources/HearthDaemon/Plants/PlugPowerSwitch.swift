import HearthAvalon
import HearthPlugs

/// The owner's smart plug as the off switch of a stock unit, through `PlugSwitch`
/// (which verifies, backs off and rate-limits).
struct PlugPowerSwitch: PowerSwitch {
    let plugSwitch: PlugSwitch
    let name: String

    struct NotSwitched: Error, CustomStringConvertible {
        let report: PlugSwitchReport
        var description: String { report.description }
    }

    func set(on: Bool) async throws {
        // Not settled yet (backoff, rate limit, the plug still reporting the old state):
        // the device asks again on its next poll, which also services the switch.
        let report = await plugSwitch.want(on)
        if !report.isSettled { throw NotSwitched(report: report) }
    }
}
