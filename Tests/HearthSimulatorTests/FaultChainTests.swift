import Testing
import HearthCore
@testable import HearthSimulator

/// The BM13xx chain's faults on a board whose chips the production driver runs (`[asic]`):
/// a silent chain and a storm of corrupted replies trip naming the chain; a short burst does not.
@Suite struct FaultChainTests {
    static func play(_ kind: FaultInjection.Kind, phase: FaultMatrix.Phase, seed: UInt64) throws -> FaultMatrix.Outcome {
        let board = try Fixtures.board("piaxe")
        let c = FaultMatrix.Case(board: "piaxe", kind: kind, sensor: .chipTemp, phase: phase,
                                 hour: FaultMatrix.hour(board: "piaxe", kind: kind, sensor: .chipTemp, phase: phase, seed: seed),
                                 seed: seed)
        return try FaultMatrix.run(c, board: board)
    }

    @Test(arguments: [FaultInjection.Kind.chipSilent, .crcStorm])
    func aDeadOrGarbledChainTripsNamingItsPort(kind: FaultInjection.Kind) throws {
        let port = try #require(try Fixtures.board("piaxe").asic?.port)
        for (phase, seed) in [(FaultMatrix.Phase.heat, UInt64(41)), (.startUp, 42)] {
            let o = try Self.play(kind, phase: phase, seed: seed)
            #expect(o.applicable)
            let trip = try #require(o.trip, "\(kind) \(phase): no trip, hashed \(o.exposure) after the fault")
            #expect(trip.reason.kind == .actuatorFailure, "\(kind) \(phase): \(trip.reason)")
            #expect(trip.reason.description.contains(port), "\(kind) \(phase): \(trip.reason) does not name \(port)")
            #expect(o.timeToSafe.map { $0 <= Seconds(10) } == true, "\(kind) \(phase): \(String(describing: o.timeToSafe)) \(trip.reason)")
            #expect(o.failure == nil, "\(kind) \(phase): \(o.failure ?? "")")
        }
    }

    /// Two seconds of line noise cost a few seconds of credited hashes and nothing else.
    @Test func aShortBurstOfLineNoiseDoesNotTrip() throws {
        let o = try Self.play(.crcBurst, phase: .heat, seed: 43)
        #expect(o.trip == nil, "\(String(describing: o.trip?.reason))")
        #expect(o.failure == nil, "\(o.failure ?? "")")
        #expect(o.exposure > Seconds(60), "the chips stopped: hashed \(o.exposure) after the burst")
    }

    /// Kinds for a chain apply only where there is one.
    @Test func chainKindsApplyOnlyToBoardsWithAnASICChain() throws {
        #expect(FaultMatrix.applies(.crcStorm, to: try Fixtures.board("piaxe")))
        #expect(!FaultMatrix.applies(.chipSilent, to: try Fixtures.board("avalon-nano3s")))
    }
}
