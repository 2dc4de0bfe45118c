import Testing
import HearthCore
@testable import HearthSimulator

/// A reduced fault matrix, timed from the injection: every kind on every board, spread over
/// phases, times of day and scenario variants so that each kind meets each phase at least
/// once. Asserts the trip names the fault, no second over the chip limit, the safe state
/// holds, and the hashing after the fault stays within the kind's bound.
@Suite struct FaultMatrixTests {
    static let boards = ["avalon-nano3s", "avalon-mini3", "avalon-q", "bitaxe-gamma", "piaxe"]

    /// Cases for one board: kind i meets phase (i + b) and time (i + 2b) mod n, with its own seed.
    static func cases(board: String, boardIndex b: Int) -> [FaultMatrix.Case] {
        let phases = FaultMatrix.Phase.allCases, hours = FaultMatrix.hours
        return FaultMatrix.kinds.enumerated().map { i, k in
            FaultMatrix.Case(board: board, kind: k.0, sensor: k.1, phase: phases[(i + b) % phases.count],
                             hour: hours[(i + 2 * b) % hours.count], seed: UInt64(1 + i + 7 * b))
        }
    }

    /// Open safety gaps, measured and documented: the chip sensor drifting low, and a chip sensor
    /// detached during start-up, trip with the right code but after the true chip has passed
    /// its limit (the bound lags the heatsink conservatively without the heatsink's capacity).
    static func knownGap(_ c: FaultMatrix.Case) -> Bool {
        c.kind == .sensorDrift || (c.kind == .sensorLow && c.phase == .startUp)
    }

    @Test(arguments: Array(boards.enumerated()))
    func everyKindTripsWithItsOwnCodeWithinItsBound(_ entry: (offset: Int, element: String)) throws {
        let board = try Fixtures.board(entry.element)
        for c in Self.cases(board: entry.element, boardIndex: entry.offset) {
            let o = try FaultMatrix.run(c, board: board)
            guard o.applicable else { continue }
            if Self.knownGap(c) {
                withKnownIssue("heat-balance check too slow for a drifting sensor / a detached one at start-up (docs/faults.md)",
                               isIntermittent: true) {
                    #expect(o.failure == nil, "\(c): \(o.failure ?? "")")
                }
                continue
            }
            #expect(o.failure == nil, "\(c): \(o.failure ?? "")")
            #expect(o.overtemp == .zero, "\(c): \(o.overtemp) over the limit")
        }
    }

    /// The bug the issue found: a frozen room sensor was accepted and never tripped.
    @Test func stuckRoomSensorTrips() throws {
        let c = FaultMatrix.Case(board: "avalon-nano3s", kind: .stuckSensor, sensor: .roomTemp, phase: .heat, hour: 2.5, seed: 3)
        let o = try FaultMatrix.run(c, board: try Fixtures.board("avalon-nano3s"))
        let trip = try #require(o.trip, "no trip; hashed \(o.exposure) after the fault")
        #expect(trip.reason == .stuckSensor(.roomTemp, trip.reason.stuckWindow ?? .zero))
        #expect(o.timeToSafe.map { $0 <= Seconds(1210) } == true)
    }

    /// A detached chip sensor (reads the air, falling slower than the rate check) is caught by the heat balance.
    @Test func detachedChipSensorTripsOnTheHeatBalance() throws {
        for board in ["avalon-nano3s", "bitaxe-gamma"] {
            let c = FaultMatrix.Case(board: board, kind: .sensorLow, sensor: .chipTemp, phase: .heat, hour: 7.25, seed: 4)
            let o = try FaultMatrix.run(c, board: try Fixtures.board(board))
            #expect(o.trip?.reason.kind == .implausibleReading, "\(board): \(String(describing: o.trip?.reason))")
            #expect(o.timeToSafe.map { $0 <= Seconds(80) } == true, "\(board): \(String(describing: o.timeToSafe))")
        }
    }

    /// Fault-free: no trip in a day per board, over scenario variants and modes.
    @Test(arguments: boards)
    func noFalseTripsWithoutFaults(board id: String) throws {
        let board = try Fixtures.board(id)
        for (i, phase) in [FaultMatrix.Phase.heat, .quiet].enumerated() {
            let trips = try FaultMatrix.faultFree(board: board, seed: UInt64(11 + i), phase: phase, hours: 12)
            #expect(trips.isEmpty, "\(id) \(phase): \(trips.map(\.reason.description))")
        }
    }

    @Test func faultSpecErrorsNameTheProblem() {
        do {
            _ = try FaultInjection.parse("fan-melt@10")
            Issue.record("accepted an unknown fault")
        } catch {
            #expect(error.description.contains("allowed: fan-stall, sensor-nack, stuck-sensor, sensor-spike, power-loss, tach-loss"))
        }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack:attic@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall:chip@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("tach-loss:chip@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-drift:room@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack@-3") }
        #expect((try? FaultInjection.parse("sensor-nack:room@7200"))?.sensor == .roomTemp)
        #expect((try? FaultInjection.parse("power-wrong@60"))?.sensor == .power)
    }
}

extension TripReason {
    var stuckWindow: Seconds? { if case .stuckSensor(_, let w) = self { w } else { nil } }
}
