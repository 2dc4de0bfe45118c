import Testing
import HearthCore
@testable import HearthSimulator

/// Every fault kind, injected at several times with several seeds, must end in a
/// latched safe state within 2 s (simulated) of the fault becoming observable,
/// with no second above the chip limit.
@Suite struct FaultMatrixTests {
    static let times: [Double] = [1800, 4321, 7777]
    static let seeds: [UInt64] = [1, 2, 3]
    static let faults: [String] = ["fan-stall", "sensor-nack", "sensor-nack:room", "stuck-sensor", "sensor-spike",
                                   "sensor-spike:room", "power-loss"]

    struct Outcome {
        var faultTime: Seconds
        var observable: Seconds?
        var trip: Trip?
        var latched = true
        var overtemp: Seconds
    }

    /// When the fault first shows in what the controller can see (documented in the README).
    static func observable(_ kind: FaultInjection.Kind, role: SensorRole, at fault: Double, log: [SimulationRunner.TickRecord],
                           board: BoardProfile, stuckWindow: Double) -> Seconds? {
        let after = log.filter { $0.time.value >= fault }
        switch kind {
        case .sensorNack, .powerLoss:
            return after.first { r in
                switch role {
                case .roomTemp: r.readings.roomTemperature.error != nil
                case .power: r.readings.power?.error != nil
                default: r.readings.chipTemperature.error != nil
                }
            }?.time
        case .sensorSpike:
            return after.first { r in
                let shown = role == .roomTemp ? r.readings.roomTemperature.value : r.readings.chipTemperature.value
                let truth = role == .roomTemp ? r.room : r.chip
                return shown.map { abs(($0 - truth).value) > 30 } ?? false
            }?.time
        case .fanStall:
            if after.first?.readings.fanSpeed != nil {
                return after.first { ($0.readings.fanSpeed?.value ?? RPM(1e9)) < board.fan.stallRPM }?.time
            }
            // No tach: the stall shows only as heat, first at the throttle temperature
            // (where a tachless board trips).
            return after.first { ($0.readings.chipTemperature.value ?? .zero) >= board.thermal.chipThrottle }?.time
        case .stuckSensor:
            // A frozen register is told from a steady one only once its raw bits have not
            // changed for the stuck window while the chips were hashing.
            var runStart: (raw: UInt32?, since: Double)?
            for r in log {
                let raw = role == .roomTemp ? r.readings.roomTemperature.raw : r.readings.chipTemperature.raw
                if runStart?.raw != raw || !r.decision.command.hashing && r.decision.trip == nil {
                    runStart = (raw, r.time.value)
                }
                if let s = runStart, r.time.value >= fault, r.time.value - s.since >= stuckWindow { return r.time }
            }
            return nil
        }
    }

    func run(board id: String, fault spec: String, at time: Double, seed: UInt64) throws -> Outcome {
        var config = try Fixtures.config(id, hours: (time + 900) / 3600, seed: seed)
        let fault = try FaultInjection.parse("\(spec)@\(Int(time))")
        config.faults = [fault]
        var log: [SimulationRunner.TickRecord] = []
        let r = try SimulationRunner.run(config, observer: { log.append($0) })
        let board = config.board.profile
        var o = Outcome(faultTime: fault.at, trip: r.metrics.trips.first, overtemp: r.metrics.overtemp)
        o.observable = Self.observable(fault.kind, role: fault.sensor, at: time, log: log, board: board,
                                       stuckWindow: SafetySupervisor.Policy().stuckWindow.value)
        if let trip = o.trip {
            o.latched = log.filter { $0.time >= trip.time }.allSatisfy { $0.decision.command == .safe(board) }
        }
        return o
    }

    @Test(arguments: ["avalon-nano3s", "avalon-mini3", "avalon-q", "piaxe"])
    func everyFaultEndsLatchedSafeWithinTwoSeconds(board: String) throws {
        let hasPowerSensor = try Fixtures.board(board).profile.hasPowerSensor
        for spec in Self.faults where spec != "power-loss" || hasPowerSensor {
            for time in Self.times {
                for seed in Self.seeds {
                    let o = try run(board: board, fault: spec, at: time, seed: seed)
                    let label = "\(board) \(spec)@\(Int(time)) seed \(seed)"
                    let observable = try #require(o.observable, "\(label): fault never became observable")
                    let trip = try #require(o.trip, "\(label): no trip")
                    #expect(trip.time >= o.faultTime, "\(label): tripped before the fault: \(trip.reason)")
                    #expect(trip.time.value - observable.value <= 2, "\(label): trip \(trip.time) observable \(observable)")
                    #expect(o.latched, "\(label): safe state not held")
                    #expect(o.overtemp == .zero, "\(label): \(o.overtemp) over the chip limit")
                }
            }
        }
    }

    @Test func faultSpecErrorsNameTheProblem() {
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-melt@10") }
        do {
            _ = try FaultInjection.parse("fan-melt@10")
        } catch {
            #expect(error.description.contains("allowed: fan-stall, sensor-nack, stuck-sensor, sensor-spike, power-loss"))
        }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack:attic@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("fan-stall:chip@5") }
        #expect(throws: FaultParseError.self) { try FaultInjection.parse("sensor-nack@-3") }
        #expect((try? FaultInjection.parse("sensor-nack:room@7200"))?.sensor == .roomTemp)
    }
}
