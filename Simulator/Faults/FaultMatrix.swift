import HearthCore
import HearthHAL

/// The fault matrix: every kind × time of day × mode × scenario variant × board, each run
/// timed from the injection. One `FaultCase` is one run; `FaultMatrix.run` plays it.
public enum FaultMatrix {
    /// How the heater is running when the fault comes.
    public enum Phase: String, Sendable, CaseIterable, Codable {
        case heat, quiet, eco, idle
        /// Heat mode, the fault in the first minutes after boot.
        case startUp = "start-up"
        var mode: Mode {
            switch self {
            case .heat, .startUp: .heat
            case .quiet: .quiet
            case .eco: .eco
            case .idle: .off
            }
        }
    }

    /// Every (kind, sensor) the local simulator plays.
    public static let kinds: [(FaultInjection.Kind, SensorRole)] = [
        (.fanStall, .fan), (.tachLoss, .fan), (.fanBlocked, .fan),
        (.sensorNack, .chipTemp), (.sensorNack, .roomTemp), (.stuckSensor, .chipTemp), (.stuckSensor, .roomTemp),
        (.sensorSpike, .chipTemp), (.sensorSpike, .roomTemp), (.sensorLow, .chipTemp), (.sensorDrift, .chipTemp),
        (.powerLoss, .power), (.powerWrong, .power), (.busHang, .chipTemp),
        (.chipSilent, .chipTemp), (.crcStorm, .chipTemp), (.crcBurst, .chipTemp),
    ]

    /// The injection's time of day (hours, 0 ≤ h < 24) for one board × kind × phase × seed:
    /// drawn from all four, so that over the seeds every kind meets every hour of the day.
    public static func hour(board: String, kind: FaultInjection.Kind, sensor: SensorRole, phase: Phase, seed: UInt64) -> Double {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a over the names, then the seed
        for byte in "\(board)|\(kind.rawValue)|\(sensor.rawValue)|\(phase.rawValue)".utf8 {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        var rng = SeededRandom(seed: h ^ (seed &* 0x9E37_79B9_7F4A_7C15))
        return (24 * rng.uniform() * 4).rounded(.down) / 4   // quarter hours
    }
    /// Warm-up before an injection outside start-up: the heatsink and fan loop settle.
    public static let warmUp = Seconds(1800)

    public struct Case: Sendable, Hashable, CustomStringConvertible {
        public var board: String
        public var kind: FaultInjection.Kind
        public var sensor: SensorRole
        public var phase: Phase
        public var hour: Double
        public var seed: UInt64
        public var label: String { kind.rawValue + (FaultInjection.fixedRole[kind] == nil ? ":\(sensor.rawValue)" : "") }
        public var description: String { "\(board) \(label) \(phase.rawValue) \(formatted(hour, decimals: 2))h seed \(seed)" }
        public init(board: String, kind: FaultInjection.Kind, sensor: SensorRole, phase: Phase, hour: Double, seed: UInt64) {
            self.board = board
            self.kind = kind
            self.sensor = sensor
            self.phase = phase
            self.hour = hour
            self.seed = seed
        }
    }

    public struct Outcome: Sendable {
        public var fault: Case
        /// The first trip at or after the injection; trips before it are false trips.
        public var trip: Trip?
        public var falseTrip: Trip?
        /// Seconds from the injection to the latched safe state.
        public var timeToSafe: Seconds?
        /// Seconds the chips hashed between the injection and the trip (or the end).
        public var exposure: Seconds
        public var overtemp: Seconds
        /// The safe command held from the trip to the end of the run.
        public var latched: Bool
        /// The chips were hashing at the end of the run.
        public var hashingAtEnd = false
        public var expectation: FaultExpectation
        public var applicable: Bool
        /// The sensors a trip may name for this fault (the faulted device's roles; a hung bus: every role on it).
        public var sensors: Set<SensorRole> = []
        /// The commanded fan duty reached the stall-check duty after the injection.
        public var dutyReachedStallCheck = true
        /// The faulted sensor's raw bits changed at least once before the injection.
        public var sensorShownLive = true

        /// What is wrong with this run, or nil.
        public var failure: String? {
            guard applicable else { return nil }
            if let f = falseTrip { return "false trip before the injection: \(f.reason)" }
            if overtemp > .zero { return "\(formatted(overtemp.value, decimals: 0)) s over the chip limit" }
            if expectation.mustNotTrip {
                return trip.map { "tripped on a harmless fault: \($0.reason)" }
            }
            if let trip {
                if !expectation.codes.contains(trip.reason.kind) {
                    return "trip \(trip.reason.code) (\(trip.reason)) does not name the fault; expected "
                        + expectation.codes.map(\.rawValue).sorted().joined(separator: "/")
                }
                if let named = trip.reason.sensor, !sensors.contains(named) {
                    return "trip \(trip.reason.code) names \(named), not the faulted "
                        + sensors.map(\.rawValue).sorted().joined(separator: "/")
                }
                if !latched { return "safe state not held after the trip" }
            } else if (expectation.quietBelowStallCheck && !dutyReachedStallCheck)
                        || (expectation.judgedOnceLive && !sensorShownLive) {
                // Untripped and unbounded, by the kind's documented rule: harmless at a duty the
                // stall check can't judge; a sensor frozen before it ever changed.
                return nil
            } else if !(expectation.silentWhileIdle && exposure == .zero)
                        && !(expectation.throttleMayHold && exposure <= expectation.exposureBound)
                        && !(exposure < expectation.unseenWhileHashingUnder && !hashingAtEnd) {
                return "no trip (hashed \(formatted(exposure.value, decimals: 0)) s after the fault)"
            }
            if exposure > expectation.exposureBound {
                return "hashed \(formatted(exposure.value, decimals: 0)) s after the fault, bound \(formatted(expectation.exposureBound.value, decimals: 0)) s"
            }
            return nil
        }
    }

    /// Whether `kind` exists on `board` (a tach to lose, a power monitor to fail).
    public static func applies(_ kind: FaultInjection.Kind, to board: BoardDefinition) -> Bool {
        switch kind {
        case .tachLoss: hasTach(board)
        case .powerLoss, .powerWrong: board.profile.hasPowerSensor
        case .chipSilent, .crcStorm, .crcBurst: board.asic != nil
        default: true
        }
    }

    /// The sensors a trip may rightly name for a fault on `sensor`: every role of the device that
    /// carries it (a fan controller's NACK silences its tach too), or of every device on the bus
    /// for a hung bus; the fan and the power monitor name themselves.
    public static func sensors(for kind: FaultInjection.Kind, sensor: SensorRole, on board: BoardDefinition) -> Set<SensorRole> {
        guard let device = board.i2cDevices.first(where: { $0.roles.contains(sensor) }) else { return [sensor] }
        if kind == .busHang {
            return Set(board.i2cDevices.filter { $0.bus == device.bus }.flatMap(\.roles))
        }
        return Set(device.roles).union([sensor])
    }

    static func hasTach(_ board: BoardDefinition) -> Bool {
        board.gpio(.fanTach) != nil || board.i2cDevices.contains { $0.roles.contains(.fan) }
    }

    /// The scenario a seed stands for: the catalog's stories in turn, each varied by the seed.
    public static func scenario(seed: UInt64) -> Scenario {
        let names = ScenarioCatalog.names
        let base = ScenarioCatalog.named(names[Int(seed % UInt64(names.count))]) ?? ScenarioCatalog.named("winter-day")!
        return base.variant(seed: seed)
    }

    /// The scenario moved so that the run starts at `secondOfDay` on its own day, weather with it.
    public static func starting(_ s: Scenario, atSecondOfDay second: Double) -> Scenario {
        var s = s
        let day = s.start.day
        s.start = WeekTime(secondsSinceMonday: Double(day) * 86_400 + second)
        if case let .station(station, startDay, _) = s.weather.source {
            s.weather = Weather(station, day: startDay, hour: second / 3600)
        }
        s.openings = s.openings.filter { $0.at.value < 0 }   // openings belong to the story's own clock
        return s
    }

    /// Where in the run the fault comes, and how long the run lasts.
    static func timing(_ c: Case, bound: Seconds) -> (start: Double, inject: Seconds, duration: Seconds) {
        let horizon = Seconds(max(300, bound.value * 1.5 + 60))
        if c.phase == .startUp {
            // 20…180 s after boot, drawn from the seed.
            var rng = SeededRandom(seed: c.seed &* 0x9E37_79B9 &+ UInt64(c.hour * 100))
            let after = Seconds(20 + 160 * rng.uniform())
            return (c.hour * 3600, after, after + horizon)
        }
        let start = (c.hour * 3600 - warmUp.value + 86_400).truncatingRemainder(dividingBy: 86_400)
        return (start, warmUp, warmUp + horizon)
    }

    public static func run(_ c: Case, board: BoardDefinition) throws -> Outcome {
        let profile = board.profile
        let shared = board.i2cDevices.contains { $0.roles.contains(.fan) && $0.roles.contains(c.sensor) }
        let expectation = FaultExpectation.of(c.kind, sensor: c.sensor, board: profile, hasTach: hasTach(board),
                                              sharedWithFan: shared)
        let applicable = applies(c.kind, to: board)
        let (start, inject, duration) = timing(c, bound: expectation.exposureBound)
        var settings = ControlSettings(mode: c.phase.mode)
        settings.schedule = nil
        var config = SimulationConfig(board: board, scenario: starting(scenario(seed: c.seed), atSecondOfDay: start),
                                      settings: settings)
        config.settings.schedule = nil
        config.settings.priceCap = nil
        config.settings.tariff = nil
        config.duration = duration
        config.seed = c.seed
        config.sampleInterval = Seconds(3600)
        config.faults = [FaultInjection(kind: c.kind, sensor: c.sensor, at: inject)]

        var trip: Trip?, falseTrip: Trip?
        var exposure = Seconds.zero
        var latched = true
        var hashingAtEnd = false
        var dutyReachedStallCheck = false
        var lastRaw: UInt32?, sensorShownLive = false
        let safe = DeviceCommand.safe(profile)
        let result = try SimulationRunner.run(config, observer: { r in
            if r.time < inject {
                let raw = c.sensor == .roomTemp ? r.readings.roomTemperature.raw : r.readings.chipTemperature.raw
                if let raw, let before = lastRaw, raw != before { sensorShownLive = true }
                lastRaw = raw ?? lastRaw
            } else if trip == nil, r.decision.command.fanDuty >= profile.fan.stallCheckDuty {
                dutyReachedStallCheck = true
            }
            if let t = r.decision.trip {
                if t.time < inject { falseTrip = falseTrip ?? t } else if trip == nil { trip = t }
            }
            if r.time >= inject, trip == nil, r.decision.command.hashing { exposure = exposure + config.tick }
            if trip != nil, r.decision.command != safe { latched = false }
            hashingAtEnd = r.decision.command.hashing
        })
        return Outcome(fault: c, trip: trip, falseTrip: falseTrip, timeToSafe: trip.map { $0.time - inject },
                       exposure: exposure, overtemp: result.metrics.overtemp, latched: latched,
                       hashingAtEnd: hashingAtEnd, expectation: expectation, applicable: applicable,
                       sensors: sensors(for: c.kind, sensor: c.sensor, on: board),
                       dutyReachedStallCheck: dutyReachedStallCheck, sensorShownLive: sensorShownLive)
    }

    /// A fault-free run of `hours` with the seed's scenario: the trips it records are false trips.
    public static func faultFree(board: BoardDefinition, seed: UInt64, phase: Phase, hours: Double = 24) throws -> [Trip] {
        var settings = ControlSettings(mode: phase.mode)
        settings.schedule = nil
        var config = SimulationConfig(board: board, scenario: scenario(seed: seed), settings: settings)
        config.settings.schedule = nil
        config.duration = .hours(hours)
        config.seed = seed
        config.sampleInterval = Seconds(3600)
        return try SimulationRunner.run(config).metrics.trips
    }
}
