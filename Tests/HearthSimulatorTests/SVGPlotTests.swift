import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HearthCore
import Testing
@testable import HearthSimulator

@Suite struct SVGPlotTests {
    /// A synthetic day at 1 Hz: thermostat cycling, a door-open dip, a fan-stall trip.
    static func sampleDay() -> PlotSeries {
        let n = 86_400
        var time: [Seconds] = [], room: [Celsius] = [], target: [Celsius] = [], outdoor: [Celsius] = []
        var chip: [Celsius] = [], power: [Watts] = [], fan: [DutyCycle] = []
        for i in 0..<n {
            let h = Double(i) / 3600
            let set = (6.5..<22.5).contains(h) ? 21.5 : 18.0
            let door = (12.0..<12.25).contains(h)
            let tripped = (15.0..<15.5).contains(h)
            let out = 2 + 4 * sin((h - 9) / 24 * 2 * .pi)
            let r = set - 0.3 + 0.25 * sin(Double(i) / 900) - (door ? 1.8 * sin((h - 12) / 0.25 * .pi) : 0)
            let p = tripped ? 0 : max(0, min(1200, 700 + 800 * (set - r) + 60 * sin(Double(i) / 300)))
            time.append(Seconds(Double(i)))
            room.append(Celsius(r))
            target.append(h < 1 ? Celsius(.nan) : Celsius(set))   // off for the first hour: a gap
            outdoor.append(Celsius(out))
            chip.append(Celsius(r + 5 + p / 25 + (i % 97 == 0 ? 3 : 0)))
            power.append(Watts(p))
            fan.append(DutyCycle(tripped ? 1 : 0.25 + p / 2400))
        }
        return PlotSeries(
            title: "Living room — BM1366 heater <sim> & co", subtitle: "one simulated day, 1 Hz, outdoor 2 ± 4 °C",
            time: time, room: room, target: target, outdoor: outdoor, chip: chip, chipLimit: Celsius(75),
            power: power, fan: fan,
            markers: [PlotMarker(time: .hours(15), label: "trip: fan stall"), PlotMarker(time: .hours(15.5), label: "cleared")],
            shaded: [PlotInterval(start: .hours(12), end: .hours(12.25), label: "door open")])
    }

    @Test func rendersWellFormedSmallSVGWithEveryLine() throws {
        let svg = try SVGPlot.render(Self.sampleDay())
        try svg.write(toFile: "/tmp/plot-sample.svg", atomically: true, encoding: .utf8)
        #expect(svg.utf8.count < 300_000)
        #expect(svg.hasPrefix("<?xml"))
        for name in ["room", "target", "outdoor", "chip", "power", "fan"] {
            #expect(svg.contains("<polyline class=\"\(name)\""), "missing \(name) line")
        }
        #expect(svg.contains("class=\"limit\""))
        #expect(svg.contains("class=\"marker\""))
        #expect(svg.contains("class=\"shaded\""))
        // Title text is escaped.
        #expect(svg.contains("&lt;sim&gt; &amp; co"))
        #expect(!svg.contains("<sim>"))
        #expect(svg.contains("time (h)"))
        #if canImport(FoundationXML) || os(macOS)
        let doc = try XMLDocument(xmlString: svg)
        #expect(doc.rootElement()?.name == "svg")
        let polylines = try doc.nodes(forXPath: "//*[local-name()='polyline']")
        #expect(polylines.count >= 6)
        #endif
    }

    @Test func everyLineIsDownsampledToTheBound() throws {
        let svg = try SVGPlot.render(Self.sampleDay(), maxPointsPerLine: 1500)
        for name in ["room", "outdoor", "chip", "power", "fan"] {
            let points = Self.pointCounts(in: svg, cls: name).reduce(0, +)
            #expect(points > 500 && points <= 1500, "\(name): \(points) points")
        }
        // Target has a gap (NaN in the first hour): two runs at most, still bounded.
        #expect(Self.pointCounts(in: svg, cls: "target").reduce(0, +) <= 1502)
    }

    static func pointCounts(in svg: String, cls: String) -> [Int] {
        svg.components(separatedBy: "<polyline class=\"\(cls)\"").dropFirst().map { chunk in
            let attr = chunk.components(separatedBy: "points=\"")[1].components(separatedBy: "\"")[0]
            return attr.split(separator: " ").count
        }
    }

    @Test func downsamplingKeepsExtremes() {
        let x = (0..<10_000).map(Double.init)
        var y = x.map { sin($0 / 100) }
        y[4321] = 50       // a spike
        y[7777] = -50
        let runs = PlotScale.downsampleMinMax(x: x, y: y, maxPoints: 200)
        #expect(runs.count == 1)
        let pts = runs[0]
        #expect(pts.count <= 200)
        #expect(pts.contains { $0.x == 4321 && $0.y == 50 })
        #expect(pts.contains { $0.x == 7777 && $0.y == -50 })
        #expect(zip(pts, pts.dropFirst()).allSatisfy { $0.x < $1.x })
        // Short lines pass through untouched; NaN splits runs.
        let short = PlotScale.downsampleMinMax(x: [0, 1, 2, 3], y: [1, .nan, 3, 4], maxPoints: 100)
        #expect(short.count == 2)
        #expect(short[1].map(\.y) == [3, 4])
    }

    @Test func niceTicks() {
        #expect(PlotScale.niceTicks(lower: 17.3, upper: 22.1, maxCount: 5) == [17, 18, 19, 20, 21, 22, 23])
        #expect(PlotScale.niceTicks(lower: 0, upper: 1180, maxCount: 5) == [0, 500, 1000, 1500])
        #expect(PlotScale.niceTicks(lower: 0.01, upper: 0.09, maxCount: 4) == [0, 0.02, 0.04, 0.06, 0.08, 0.1])
        #expect(PlotScale.niceTicks(lower: -3.5, upper: 6.2, maxCount: 5) == [-4, -2, 0, 2, 4, 6, 8])
        // Constant value still gets a range around it.
        #expect(PlotScale.niceTicks(lower: 20, upper: 20, maxCount: 4) == [19, 19.5, 20, 20.5, 21])
        #expect(PlotScale.hourTicks(lower: 0, upper: 24) == [0, 3, 6, 9, 12, 15, 18, 21, 24])
        #expect(PlotScale.hourTicks(lower: 0, upper: 168).count == 8)   // a week: daily ticks
        #expect(PlotScale.hourTicks(lower: 0, upper: 3) == [0, 0.5, 1, 1.5, 2, 2.5, 3])
        #expect(PlotScale.decimals(for: [0, 0.25, 0.5]) == 2)
        #expect(PlotScale.decimals(for: [0, 500, 1000]) == 0)
    }

    @Test func rejectsMismatchedSeries() {
        let bad = PlotSeries(title: "x", time: [Seconds(0), Seconds(1)], room: [Celsius(20)])
        #expect(throws: PlotError.self) { try SVGPlot.render(bad) }
        let backwards = PlotSeries(title: "x", time: [Seconds(5), Seconds(1)])
        do {
            _ = try SVGPlot.render(backwards)
            Issue.record("backwards time accepted")
        } catch {
            #expect(error.field == "time[1]")
        }
    }

    @Test func xmlEscaping() {
        #expect(xmlEscaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    }
}
