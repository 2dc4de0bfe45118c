import Testing
import HearthCore
@testable import HearthSimulator

/// Hearth with and without the most efficient chip temperature, each judged against the
/// independent bound at the heat it delivered (figures in docs/chip-models.md).
@Suite struct EfficientChipTemperatureBenchTests {
    struct Figures: CustomStringConvertible {
        var hashesPerKWh: Double
        var ofBound: Double
        var noise: Double
        var rms: Double
        var description: String {
            "\(String(format: "%.4g", hashesPerKWh)) H/kWh, \(String(format: "%.4f", ofBound)) of bound, "
                + "\(String(format: "%.1f", noise)) dB(A), RMS \(String(format: "%.3f", rms)) K"
        }
    }

    static func measure(_ board: String, mode: Mode = .heat, efficient: Bool, hours: Double = 12) throws -> Figures {
        var c = try Fixtures.config(board, scenario: "winter-day", mode: mode, hours: hours)
        if !efficient { c.board.profile.chipModel = nil }
        c.sampleInterval = c.tick
        let run = try SimulationRunner.run(c)
        let heat = IndependentBound.stepMeans(run.samples.map(\.power.value), per: 60).map { Watts($0) }
        let bound = IndependentBound.evaluate(board: c.board, heatDemand: heat,
                                              inlet: run.samples.map(\.room).min() ?? Celsius(21),
                                              // quiet: the speeds the run's fan really reached (its cap is trimmed from the tach)
                                              rpmCap: mode == .quiet ? max(c.board.profile.fan.quietRPM,
                                                                           run.samples.map(\.fanRPM).max() ?? .zero) : nil,
                                              transients: run.hashBoardStarts)
        #expect(!bound.isExceeded(byHashes: run.metrics.totalHashes), "\(board) \(mode) efficient=\(efficient)")
        return Figures(hashesPerKWh: run.metrics.hashesPerKWh, ofBound: bound.share(ofHashesPerKWh: run.metrics.hashesPerKWh),
                       noise: run.metrics.meanNoise.value, rms: run.metrics.rmsError.value)
    }

    /// On boards whose chips leak, the efficient chip temperature buys more hashes per kWh than
    /// holding the board's chip target, and comfort does not suffer.
    @Test(arguments: ["avalon-nano3s", "avalon-mini3", "piaxe", "avalon-q"])
    func efficientChipTemperatureHelpsAndNeverHurts(board: String) throws {
        for mode in [Mode.heat, .quiet] {
            let before = try Self.measure(board, mode: mode, efficient: false)
            let after = try Self.measure(board, mode: mode, efficient: true)
            print("chip-temperature \(board) \(mode): before \(before); after \(after)")
            #expect(after.hashesPerKWh >= before.hashesPerKWh * 0.999, "\(board) \(mode): \(after) vs \(before)")
            #expect(after.rms <= before.rms + 0.05, "\(board) \(mode): comfort \(after.rms) vs \(before.rms)")
        }
    }
}
