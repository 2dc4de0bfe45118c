import Testing
import HearthCore
@testable import HearthSimulator

/// A reduced fault matrix, timed from the injection: every kind on every board where it applies,
/// spread over phases, times of day and scenario variants so that each kind meets each phase.
/// Asserts the trip names the fault (code and sensor), no second over the chip limit, the safe
/// state holds, and the hashing after the fault stays within the kind's bound.
@Suite struct FaultMatrixTests {
    static let boards = ["avalon-nano3s", "avalon-mini3", "avalon-q", "bitaxe-gamma", "piaxe"]

    /// Cases for one board: kind i meets phase (i + b) mod n, at the hour its seed draws.
    static func cases(board: String, boardIndex b: Int) -> [FaultMatrix.Case] {
        let phases = FaultMatrix.Phase.allCases
        return FaultMatrix.kinds.enumerated().map { i, k in
            let phase = phases[(i + b) % phases.count], seed = UInt64(1 + i + 7 * b)
            return FaultMatrix.Case(board: board, kind: k.0, sensor: k.1, phase: phase,
                                    hour: FaultMatrix.hour(board: board, kind: k.0, sensor: k.1, phase: phase, seed: seed),
                                    seed: seed)
        }
    }

    @Test(arguments: Array(boards.enumerated()))
    func everyKindTripsWithItsOwnCodeWithinItsBound(_ entry: (offset: Int, element: String)) throws {
        let board = try Fixtures.board(entry.element)
        var played = 0
        for c in Self.cases(board: entry.element, boardIndex: entry.offset) {
            let o = try FaultMatrix.run(c, board: board)
            guard o.applicable else { continue }
            played += 1
            #expect(o.failure == nil, "\(c): \(o.failure ?? "")")
            #expect(o.overtemp == .zero, "\(c): \(o.overtemp) over the limit")
            #expect(!o.mismatch, "\(c): \(String(describing: o.trip?.reason))")
        }
        let applicable = FaultMatrix.kinds.filter { FaultMatrix.applies($0.0, to: board) }.count
        #expect(played == applicable && played >= 11, "\(entry.element): \(played) kinds played")
    }

    /// The gap the last session left open: a chip sensor drifting low, or coming off the heatsink
    /// during start-up, must trip before the true chip passes its limit — on every board, in the
    /// phases where the fan loop or quiet mode's limiter hold the reading up.
    @Test(arguments: boards)
    func lowReadingChipSensorTripsBeforeTheChipPassesItsLimit(board id: String) throws {
        let board = try Fixtures.board(id)
        let runs: [(FaultInjection.Kind, FaultMatrix.Phase, UInt64)] = [
            (.sensorDrift, .heat, 21), (.sensorDrift, .quiet, 22), (.sensorLow, .startUp, 23),
        ]
        for (kind, phase, seed) in runs {
            let c = FaultMatrix.Case(board: id, kind: kind, sensor: .chipTemp, phase: phase,
                                     hour: FaultMatrix.hour(board: id, kind: kind, sensor: .chipTemp, phase: phase, seed: seed),
                                     seed: seed)
            let o = try FaultMatrix.run(c, board: board)
            #expect(o.overtemp == .zero, "\(c): \(o.overtemp) over the limit")
            #expect(o.failure == nil, "\(c): \(o.failure ?? "")")
            if let trip = o.trip {
                #expect([TripCode.implausibleReading, .chipOverTemperature, .coolingFailure].contains(trip.reason.kind), "\(c): \(trip.reason)")
                #expect(trip.reason.sensor == nil || trip.reason.sensor == .chipTemp, "\(c): \(trip.reason)")
            }
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
            #expect(o.trip?.reason.sensor == .chipTemp, "\(board): \(String(describing: o.trip?.reason))")
            #expect(o.timeToSafe.map { $0 <= Seconds(80) } == true, "\(board): \(String(describing: o.timeToSafe))")
        }
    }

    /// A trip naming another sensor than the faulted one is a mismatch even with the right code.
    @Test func aTripNamingAnotherSensorIsAMismatch() throws {
        let board = try Fixtures.board("piaxe")
        let c = FaultMatrix.Case(board: "piaxe", kind: .sensorNack, sensor: .roomTemp, phase: .heat, hour: 2.5, seed: 1)
        var o = try FaultMatrix.run(c, board: board)
        #expect(!o.mismatch && o.failure == nil, "\(o.failure ?? "")")
        o.trip = Trip(time: Seconds(1801), reason: .sensorFailure(.power, "not the faulted sensor"))
        #expect(o.mismatch)
        #expect(o.failure?.contains("names power") == true, "\(o.failure ?? "")")
    }

    /// Injection hours cover the day, not a few fixed hours.
    @Test func injectionHoursSpreadOverTheDay() {
        var hours = Set<Int>()
        for seed in UInt64(1)...20 {
            for k in FaultMatrix.kinds {
                hours.insert(Int(FaultMatrix.hour(board: "piaxe", kind: k.0, sensor: k.1, phase: .heat, seed: seed)))
            }
        }
        #expect(hours.count == 24, "hours drawn: \(hours.sorted())")
        #expect(FaultMatrix.hour(board: "piaxe", kind: .fanStall, sensor: .fan, phase: .eco, seed: 3)
                == FaultMatrix.hour(board: "piaxe", kind: .fanStall, sensor: .fan, phase: .eco, seed: 3))
    }

    /// Fault-free: no trip over half a day per board, in a scenario variant and a mode each.
    @Test(arguments: Array(boards.enumerated()))
    func noFalseTripsWithoutFaults(_ entry: (offset: Int, element: String)) throws {
        let board = try Fixtures.board(entry.element)
        let phase: FaultMatrix.Phase = [.heat, .quiet, .eco][entry.offset % 3]
        let trips = try FaultMatrix.faultFree(board: board, seed: UInt64(11 + entry.offset), phase: phase, hours: 12)
        #expect(trips.isEmpty, "\(entry.element) \(phase): \(trips.map(\.reason.description))")
    }

    @Test func faultSpecErrorsNameTheProblem() {
        do {
            _ = try FaultInjection.parse("fan-melt@10")
            Issue.record("accepted an unknown fault")
        } catch {
            #expect(error.description.contains("allowed: fan-stall, sensor-nack, stuck-sensor, sensor-spike, power-loss, tach-loss"))
            #expect(error.description.contains("bus-hang"))
        }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack:attic@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall:chip@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("tach-loss:chip@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-drift:room@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack@-3") }
        #expect((try? FaultInjection.parse("sensor-nack:room@7200"))?.sensor == .roomTemp)
        #expect((try? FaultInjection.parse("power-wrong@60"))?.sensor == .power)
        #expect((try? FaultInjection.parse("bus-hang:room@60"))?.sensor == .roomTemp)
    }
}

extension TripReason {
    var stuckWindow: Seconds? { if case .stuckSensor(_, let w) = self { w } else { nil } }
}
