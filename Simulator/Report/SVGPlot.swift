import HearthCore

/// Renders a run as a standalone SVG: four panels sharing a time axis in hours
/// (room and target °C, zoomed, with the ±0.5 °C comfort band; outdoor °C; chip °C
/// with its limit; power W with fan % on a right-hand axis), markers and shaded
/// spans through all panels.
///
/// Long series are reduced with min/max buckets so a day at 1 Hz stays small.
public enum SVGPlot {
    public static let width = 1000.0
    static let left = 70.0, right = 70.0, panelHeight = 170.0, firstTop = 92.0, panelGap = 50.0
    /// Half-width of the comfort band drawn around the target.
    static let comfortBand = 0.5

    /// One line to draw in a panel.
    struct Line {
        var name: String        // also the CSS class, so tests and readers can find it
        var label: String
        var color: String
        var dash: String?
        var values: [Double]
    }

    public static func render(_ s: PlotSeries, maxPointsPerLine: Int = 1500) throws(PlotError) -> String {
        try validate(s)
        let hours = s.time.map { $0.value / 3600 }
        var t0 = hours.first ?? 0, t1 = hours.last ?? 1
        if t1 - t0 < 1e-9 { t0 -= 0.5; t1 += 0.5 }
        let plotWidth = width - left - right
        let xOf = { (h: Double) in left + (h - t0) / (t1 - t0) * plotWidth }
        let tops = (0..<4).map { firstTop + Double($0) * (panelHeight + panelGap) }
        let height = tops[3] + panelHeight + 58

        var svg = SVGWriter()
        svg.open(width: width, height: height)
        svg.text(x: left, y: 30, s.title, size: 19, weight: "bold")
        if !s.subtitle.isEmpty { svg.text(x: left, y: 52, s.subtitle, size: 13, color: "#555") }

        let hourTicks = PlotScale.hourTicks(lower: t0, upper: t1)
        // The room panel always shows the comfort band, so a good day looks flat and a bad one doesn't.
        let targets = s.target.map(\.value).filter(\.isFinite)
        let band = targets.isEmpty ? [] : [(targets.min() ?? 0) - comfortBand - 0.25, (targets.max() ?? 0) + comfortBand + 0.25]
        let panels: [(lines: [Line], axis: String, extra: [Double])] = [
            ([Line(name: "room", label: "room", color: "#d62728", values: s.room.map(\.value)),
              Line(name: "target", label: "target", color: "#222", dash: "6,4", values: s.target.map(\.value))],
             "room (°C)", band),
            ([Line(name: "outdoor", label: "outdoor", color: "#1f77b4", values: s.outdoor.map(\.value))],
             "outdoor (°C)", []),
            ([Line(name: "chip", label: "chip", color: "#ff7f0e", values: s.chip.map(\.value))],
             "chip (°C)", s.chipLimit.map { [$0.value] } ?? []),
            ([Line(name: "power", label: "power (W)", color: "#9467bd", values: s.power.map(\.value))],
             "power (W)", [0]),
        ]
        let roomPanel = 0, chipPanel = 2, powerPanel = 3

        for (p, panel) in panels.enumerated() {
            let top = tops[p], bottom = top + panelHeight
            let finite = (panel.lines.flatMap(\.values) + panel.extra).filter(\.isFinite)
            let ticks = PlotScale.niceTicks(lower: finite.min() ?? 0, upper: finite.max() ?? 1, maxCount: 5)
            let lo = ticks.first ?? 0, hi = ticks.last ?? 1
            let yOf = { (v: Double) in bottom - (v - lo) / (hi - lo) * panelHeight }

            svg.rect(x: left, y: top, w: plotWidth, h: panelHeight, fill: "#fff", stroke: "#999")
            for band in s.shaded {
                let a = max(left, xOf(band.start.value / 3600)), b = min(left + plotWidth, xOf(band.end.value / 3600))
                if b > a { svg.rect(x: a, y: top, w: b - a, h: panelHeight, fill: "#f2c14e", opacity: 0.25, cls: "shaded") }
                if p == 0 && b > a { svg.text(x: a + 3, y: top + 13, band.label, size: 11, color: "#8a6d00", halo: true) }
            }
            if p == roomPanel && s.target.count == hours.count {
                // Comfort band: target ± 0.5 °C, drawn as a filled polygon under the lines.
                let runs = PlotScale.downsampleMinMax(x: hours, y: s.target.map(\.value), maxPoints: maxPointsPerLine)
                for run in runs where run.count > 1 {
                    let upper = run.map { (xOf($0.x), yOf($0.y + comfortBand)) }
                    let lower = run.reversed().map { (xOf($0.x), yOf($0.y - comfortBand)) }
                    svg.polygon(upper + lower, fill: "#2ca02c", opacity: 0.12, cls: "comfort-band")
                }
            }
            // Grid and y axis.
            let decimals = PlotScale.decimals(for: ticks)
            for v in ticks {
                svg.line(x1: left, y1: yOf(v), x2: left + plotWidth, y2: yOf(v), stroke: "#e5e5e5")
                svg.text(x: left - 6, y: yOf(v) + 4, formatted(v, decimals: decimals), size: 12, anchor: "end")
            }
            for h in hourTicks {
                svg.line(x1: xOf(h), y1: top, x2: xOf(h), y2: bottom, stroke: "#eeeeee")
            }
            svg.verticalLabel(x: 20, y: top + panelHeight / 2, panel.axis)

            var legend = panel.lines.filter { !$0.values.isEmpty }.map { ($0.label, $0.color, $0.dash) }
            if p == roomPanel && !s.target.isEmpty { legend.append(("±0.5 °C", "#9fd39f", nil)) }
            if p == chipPanel, let limit = s.chipLimit {
                svg.line(x1: left, y1: yOf(limit.value), x2: left + plotWidth, y2: yOf(limit.value),
                         stroke: "#c00", dash: "8,5", width: 1.5, cls: "limit")
                legend.append(("limit \(formatted(limit.value, decimals: 0)) °C", "#c00", "8,5"))
            }
            for line in panel.lines where !line.values.isEmpty {
                let runs = PlotScale.downsampleMinMax(x: hours, y: line.values, maxPoints: maxPointsPerLine)
                for run in runs {
                    svg.polyline(run.map { (xOf($0.x), yOf($0.y)) }, stroke: line.color, dash: line.dash, cls: line.name)
                }
            }
            if p == powerPanel && !s.fan.isEmpty {
                // Fan duty on its own right-hand axis, 0-100 %.
                let fanY = { (pct: Double) in bottom - pct / 100 * panelHeight }
                for pct in stride(from: 0.0, through: 100, by: 25) {
                    svg.text(x: left + plotWidth + 6, y: fanY(pct) + 4, formatted(pct, decimals: 0), size: 12, color: "#2ca02c")
                }
                svg.verticalLabel(x: width - 18, y: top + panelHeight / 2, "fan (%)", color: "#2ca02c")
                let runs = PlotScale.downsampleMinMax(x: hours, y: s.fan.map(\.percent), maxPoints: maxPointsPerLine)
                for run in runs { svg.polyline(run.map { (xOf($0.x), fanY($0.y)) }, stroke: "#2ca02c", dash: nil, cls: "fan") }
                legend.append(("fan (%)", "#2ca02c", nil))
            }
            for (i, marker) in s.markers.enumerated() {
                let x = xOf(marker.time.value / 3600)
                guard x >= left && x <= left + plotWidth else { continue }
                svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: "#c00", dash: "3,3", width: 1.2, cls: "marker")
                // Labels inside the top panel on three staggered rows so close markers don't overprint.
                if p == 0 {
                    svg.text(x: x + 3, y: top + 28 + Double(i % 3) * 14, marker.label, size: 11, color: "#c00", halo: true)
                }
            }
            svg.legend(x: left + plotWidth, y: top - 10, legend)
            // Time labels under every panel keep each panel readable on its own; the title only once.
            for h in hourTicks {
                svg.text(x: xOf(h), y: bottom + 16, formatted(h, decimals: PlotScale.decimals(for: hourTicks)), size: 12, anchor: "middle")
            }
        }
        svg.text(x: left + plotWidth / 2, y: tops[3] + panelHeight + 40, "time (h)", size: 13, anchor: "middle")
        svg.close()
        return svg.output
    }

    static func validate(_ s: PlotSeries) throws(PlotError) {
        guard !s.time.isEmpty else { throw PlotError(field: "time", problem: "no samples") }
        for i in s.time.indices {
            guard s.time[i].isFinite else { throw PlotError(field: "time[\(i)]", problem: "not a finite number") }
            if i > 0 && s.time[i] < s.time[i - 1] {
                throw PlotError(field: "time[\(i)]", problem: "goes backwards (\(s.time[i]) after \(s.time[i - 1]))")
            }
        }
        let counts = [("room", s.room.count), ("target", s.target.count), ("outdoor", s.outdoor.count),
                      ("chip", s.chip.count), ("power", s.power.count), ("fan", s.fan.count)]
        for (name, count) in counts where count != 0 && count != s.time.count {
            throw PlotError(field: name, problem: "has \(count) samples but time has \(s.time.count) (give all or none)")
        }
        for (i, band) in s.shaded.enumerated() where !(band.start.isFinite && band.end.isFinite && band.end >= band.start) {
            throw PlotError(field: "shaded[\(i)]", problem: "needs finite start <= end")
        }
    }
}
