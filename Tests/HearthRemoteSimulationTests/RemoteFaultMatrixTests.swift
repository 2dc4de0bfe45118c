import Foundation
import HearthBoardFiles
import HearthCore
import HearthRemoteSimulation
import HearthSimulator
import Testing

/// The remote fault matrix, reduced: every kind on every unit it applies to, in heat mode and
/// one other phase, one seed each (the full matrix: `hearth bench remote-faults`).
@Suite(.timeLimit(.minutes(3))) struct RemoteFaultMatrixTests {
    static let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards").path

    static func play(_ cases: [RemoteFaultMatrix.Case], host: String) async throws -> [RemoteFaultOutcome] {
        let catalog = BoardCatalog(directory: boards)
        var settings = RemoteFaultMatrix.Settings()
        settings.host = host
        var outcomes: [RemoteFaultOutcome] = []
        for c in cases {
            outcomes.append(try await RemoteFaultMatrix.run(c, board: try catalog.board(id: c.unit.board), settings: settings))
        }
        return outcomes
    }

    static func report(_ outcomes: [RemoteFaultOutcome]) {
        for o in outcomes {
            let t = o.timeToSafe.map { formatted($0.value, decimals: 0) } ?? "-"
            print("\(o.fault): trip \(o.trip?.reason.code ?? "none") safe \(t) s overshoot \(formatted(o.overshoot.value, decimals: 2)) K"
                  + " clear \(o.clearAtEnd) \(o.failure ?? "ok")")
        }
    }

    @Test(arguments: RemoteFaultMatrix.Unit.allCases)
    func everyKindEndsSafeOnEveryUnit(_ unit: RemoteFaultMatrix.Unit) async throws {
        let index = RemoteFaultMatrix.Unit.allCases.firstIndex(of: unit)!
        var cases: [RemoteFaultMatrix.Case] = []
        for (k, kind) in RemoteFaultMatrix.Kind.allCases.enumerated() where RemoteFaultMatrix.applies(kind, to: unit) {
            let phase: FaultMatrix.Phase = [.heat, .startUp, .quiet, .eco, .idle][(k + index) % 5]
            cases.append(.init(unit: unit, kind: kind, phase: phase, hour: RemoteFaultMatrix.hours[(k + index) % 4], seed: UInt64(k + index)))
        }
        let outcomes = try await Self.play(cases, host: "127.0.0.\(220 + index)")
        Self.report(outcomes)
        for o in outcomes { #expect(o.failure == nil, "\(o.fault): \(o.failure ?? "")") }
        // The offline unit and the stale sensor owe a trip in every phase: each named its fault.
        let offline = try #require(outcomes.first { $0.fault.kind == .unitOffline })
        #expect(offline.trip?.reason.kind == .staleReading || !offline.expectation.tripOwed)
        let stale = try #require(outcomes.first { $0.fault.kind == .roomSensorStale })
        #expect(stale.trip?.reason.kind == .sensorFailure)
        #expect(outcomes.allSatisfy { $0.overtemp == .zero })
    }
}
