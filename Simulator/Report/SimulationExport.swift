import HearthCore

/// Plot and CSV views of a run's samples.
public enum SimulationExport {
    public static func plotSeries(_ r: SimulationResult) -> PlotSeries {
        let c = r.config, s = r.samples
        var markers = r.metrics.trips.map { PlotMarker(time: $0.time, label: "trip: \($0.reason.code)") }
        markers += c.faults.map { PlotMarker(time: $0.at, label: "fault: \($0.kind.rawValue)") }
        let shaded = c.scenario.openings.map {
            PlotInterval(start: $0.at, end: $0.at + $0.duration, label: "\($0.label) open")
        }
        return PlotSeries(
            title: "\(c.board.profile.name) — \(c.scenario.name), \(c.controller.rawValue) controller",
            subtitle: "mode \(c.settings.mode), target \(c.settings.target.typedText) °C, seed \(c.seed); "
                + "room needs \(formatted(r.designLoad.value, decimals: 0)) W at the coldest hour",
            time: s.map(\.time), room: s.map(\.room), target: s.map(\.target), outdoor: s.map(\.outdoor),
            chip: s.map(\.chip), chipLimit: c.board.profile.thermal.chipLimit, power: s.map(\.power),
            fan: s.map(\.fanDuty), markers: markers, shaded: shaded)
    }

    public static func csv(_ r: SimulationResult) -> String {
        var out = "time_s,room_c,target_c,outdoor_c,chip_c,power_w,fan_duty_pct,fan_rpm,hashrate_ths,mode\n"
        for s in r.samples {
            let fields = [formatted(s.time.value, decimals: 0), formatted(s.room.value, decimals: 3),
                          formatted(s.target.value, decimals: 2), formatted(s.outdoor.value, decimals: 2),
                          formatted(s.chip.value, decimals: 2), formatted(s.power.value, decimals: 2),
                          formatted(s.fanDuty.percent, decimals: 1), formatted(s.fanRPM.value, decimals: 0),
                          formatted(s.hashrate.terahashes, decimals: 4), s.mode.rawValue]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }
}
