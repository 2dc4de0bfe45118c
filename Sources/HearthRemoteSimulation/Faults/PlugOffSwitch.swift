import HearthAvalon
import HearthPlugs

/// The owner's smart plug as a stock unit's off switch in the fault matrix, through the
/// production `PlugSwitch` (verify, back off, rate-limit), as the daemon's `AvalonPlant`
/// wires it: a switch that has not settled is a failure the device asks again about.
struct PlugOffSwitch: PowerSwitch {
    let plugSwitch: PlugSwitch
    let name: String

    struct NotSettled: Error, CustomStringConvertible {
        let report: PlugSwitchReport
        var description: String { report.description }
    }

    func set(on: Bool) async throws {
        let report = await plugSwitch.want(on)
        if !report.isSettled { throw NotSettled(report: report) }
    }
}
