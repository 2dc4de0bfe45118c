/// The safety check, kept apart from the control algorithms (Klipper style).
///
/// Each tick it looks at the readings and at what was commanded. Chip heat above
/// the throttle temperature lowers the power ceiling; anything that could damage
/// hardware — over-temperature, a stalled fan, a sensor that failed, lies
/// (implausible value or rate) or froze — trips it. A trip latches: the safe
/// command (hashing off, fan at safe duty) holds until `clear()` is called by a person.
public struct SafetySupervisor: Sendable {
    public struct Policy: Sendable, Hashable, Codable {
        /// A required reading may fail this long (one retry at 1 Hz) before a trip.
        public var readFailureGrace: Seconds = Seconds(1)
        /// Time for a fan to spin up after its duty rises past the stall-check duty.
        public var fanSpinUpGrace: Seconds = Seconds(5)
        /// A noisy sensor repeating the exact same raw bits this long is stuck.
        public var stuckWindow: Seconds = Seconds(15)
        /// The same for air sensors, judged only while the chips heat the room. Room air moves
        /// less than one LSB (0.0625 K) for minutes at a time and the room sensor's own noise is
        /// ~0.02 K, so only a long unchanged run under a heating heater tells a frozen register
        /// from a steady room.
        public var airStuckWindow: Seconds = Seconds(1200)
        /// The chip sensor and power monitor checked against the board's heat balance.
        public var heatBalance = HeatBalanceCheck.Limits()
        /// Off for a stock miner over its API: its firmware runs its own fan loop and power
        /// management out of our sight, its polled power lags our commands and it draws boot
        /// and standby power the board model does not describe, so the model's heat balance
        /// would trip on a healthy unit (seen: 3 W read while it restarted, against 45 W).
        public var checksHeatBalance = true
        public var chipPlausible: ClosedRange<Celsius> = Celsius(-30)...Celsius(150)
        public var airPlausible: ClosedRange<Celsius> = Celsius(-30)...Celsius(60)
        /// Faster than this is not heat moving but a bad reading.
        public var chipMaxRate: Double = 8      // K/s
        public var airMaxRate: Double = 1       // K/s
        /// Fan at full duty and still throttling this long: cooling has failed
        /// (a stalled fan without tach, blocked airflow, a dead heatsink fan).
        public var coolingFailureWindow: Seconds = Seconds(30)
        /// A reading a slow or remote device delivered this long ago is no reading at
        /// all: the device's own limit (it knows how often it can be polled).
        public var maximumReadingAge: Seconds = Seconds(5)
        /// Trips that clear by themselves once the readings have been sound this long:
        /// only for devices whose own firmware protects the chips (a stock miner over its
        /// API), where losing contact or the room sensor is not a hazard to the hardware.
        /// Empty for boards Hearth drives directly: there every trip waits for a person.
        public var recoverable: Set<TripCode> = []
        public var recoveryWindow = Seconds(60)
        public init() {}
        public init(maximumReadingAge: Seconds) { self.maximumReadingAge = maximumReadingAge }
    }

    public let board: BoardProfile
    public var policy: Policy
    public private(set) var trip: Trip?
    private var soundSince: Seconds?
    private var throttle: ThermalLimiter
    private var failingSince: [SensorRole: Seconds] = [:]
    private var last: [SensorRole: (value: Double, time: Seconds)] = [:]
    private var sameRawSince: [SensorRole: (raw: UInt32, since: Seconds)] = [:]
    private var stallCheckSince: Seconds?
    private var fullFanThrottleSince: Seconds?
    private var floorThrottleSince: Seconds?
    private var lastRoomRaw: UInt32?
    private var roomSeenChanging = false
    private var heatBalance: HeatBalanceCheck

    public init(board: BoardProfile, policy: Policy = Policy()) {
        self.board = board
        self.policy = policy
        self.heatBalance = HeatBalanceCheck(board: board, limits: policy.heatBalance)
        self.throttle = ThermalLimiter(threshold: board.thermal.chipThrottle, fullScale: board.maximumPower,
                                       fallPerKelvinSecond: 0.05, recoveryPerSecond: 0.002)
    }

    /// The current throttle ceiling (full power when not throttling).
    public var powerCeiling: Watts { throttle.ceiling }
    public var isThrottling: Bool { throttle.isLimiting }

    /// Check one tick. `commanded` is what was applied last tick; `actuatorError`
    /// is set when applying it failed. Returns the trip if one is latched.
    @discardableResult
    public mutating func check(_ r: DeviceReadings, commanded: DeviceCommand, hashing: Bool,
                               actuatorError: String? = nil, now: Seconds) -> Trip? {
        if let latched = trip {
            guard policy.recoverable.contains(latched.reason.kind) else { return latched }
            // Keep judging the readings as if running; sound for the whole window → resume.
            if findFault(r, commanded: commanded, hashing: hashing, actuatorError: actuatorError, now: now) != nil {
                soundSince = nil
            } else if let since = soundSince, now - since >= policy.recoveryWindow {
                clear()
                return nil
            } else if soundSince == nil {
                soundSince = now
            }
            return latched
        }
        if let reason = findFault(r, commanded: commanded, hashing: hashing, actuatorError: actuatorError, now: now) {
            trip = Trip(time: now, reason: reason)
        }
        return trip
    }

    /// A person cleared the trip: start afresh.
    public mutating func clear() {
        trip = nil
        soundSince = nil
        failingSince = [:]
        last = [:]
        sameRawSince = [:]
        stallCheckSince = nil
        fullFanThrottleSince = nil
        floorThrottleSince = nil
        lastRoomRaw = nil
        roomSeenChanging = false
        throttle.reset()
        heatBalance.reset()
    }

    private mutating func findFault(_ r: DeviceReadings, commanded: DeviceCommand, hashing: Bool,
                                    actuatorError: String?, now: Seconds) -> TripReason? {
        if let actuatorError { return .actuatorFailure(actuatorError) }

        // Temperatures: failure, plausibility, stuck, then the limits themselves.
        if let f = required(r.chipTemperature, .chipTemp, now: now) { return f }
        if let f = required(r.roomTemperature, .roomTemp, now: now) { return f }
        if let inlet = r.inletTemperature, let f = required(inlet, .inletTemp, now: now) { return f }
        if let fan = r.fanSpeed, let f = required(fan, .fan, now: now) { return f }
        if let power = r.power, board.hasPowerSensor, let f = required(power, .power, now: now) { return f }

        if let chip = r.chipTemperature.value {
            if let f = plausible(chip, .chipTemp, range: policy.chipPlausible, maxRate: policy.chipMaxRate,
                                 at: r.chipTemperature.takenAt ?? now) { return f }
            // Without a tach a stalled fan can't be told from a warm room, so the throttle
            // temperature is where such a board stops: it never throttles, it trips.
            let tripAt = r.fanSpeed == nil ? board.thermal.chipThrottle : board.thermal.chipTrip
            if chip >= tripAt { return .chipOverTemperature(chip) }
            _ = throttle.update(temperature: chip, now: now)
            if hashing {
                if let f = stuck(r.chipTemperature.raw, .chipTemp, now: now) { return f }
            } else {
                sameRawSince[.chipTemp] = nil   // an idle, cooled chip may read steady
            }
        }
        for (reading, role) in [(r.roomTemperature, SensorRole.roomTemp), (r.inletTemperature, .inletTemp)] {
            if let t = reading?.value,
               let f = plausible(t, role, range: policy.airPlausible, maxRate: policy.airMaxRate,
                                 at: reading?.takenAt ?? now) { return f }
        }
        // The room sensor frozen: judged only while the chips heat the room (an idle heater in a
        // steady room may legitimately read the same bits for long), but the run of identical
        // bits is not restarted by a pause, or a heater that cycles would never be judged.
        // Judged only once the sensor has shown it is live (its bits changed at least once):
        // a synthetic or noiseless source that never changes is not taken for a frozen one.
        if let raw = r.roomTemperature.raw {
            if let before = lastRoomRaw, before != raw { roomSeenChanging = true }
            lastRoomRaw = raw
        }
        if roomSeenChanging, let f = stuck(r.roomTemperature.raw, .roomTemp, now: now, window: policy.airStuckWindow),
           hashing { return f }
        // The chip sensor and the power monitor against the heat the chips must be making.
        // The airflow is the faster of the tach and the commanded duty's speed: more air only
        // lowers the bound, so a stalled fan or a lost tach (0 rpm while the fan turns) never
        // makes the chip sensor look wrong — the stall check and the heat trips name those.
        let index = commanded.operatingPoint
        let point = hashing && board.operatingPoints.indices.contains(index) ? board.operatingPoints[index] : nil
        let rpm = max(r.fanSpeed?.value ?? .zero, board.fan.maximumRPM * commanded.fanDuty.value)
        let air = r.inletTemperature?.value ?? r.roomTemperature.value
        if policy.checksHeatBalance, let f = heatBalance.check(chip: r.chipTemperature.value, air: air, rpm: rpm,
                                     power: board.hasPowerSensor ? r.power?.value : nil,
                                     point: point, pointIndex: index, now: now) { return f }
        if let power = r.power?.value, board.hasPowerSensor {
            let maxPlausible = board.maximumPower * 1.5
            if power.value < -1 || power > maxPlausible {
                return .implausibleReading(.power, "\(power) outside 0…\(maxPlausible)")
            }
            if hashing {
                if let f = stuck(r.power?.raw, .power, now: now) { return f }
            } else {
                sameRawSince[.power] = nil
            }
        }

        // Cooling failure: the fan at full duty cannot keep the chips out of the throttle.
        if throttle.isLimiting && commanded.fanDuty.value >= 0.95 {
            let since = fullFanThrottleSince ?? now
            fullFanThrottleSince = since
            if now - since >= policy.coolingFailureWindow, let chip = r.chipTemperature.value {
                return .coolingFailure(chip, now - since)
            }
        } else {
            fullFanThrottleSince = nil
        }
        // Cooling failure where the fan is capped (quiet, eco) or its tach reads normal while
        // the airflow is blocked: the throttle has cut below the lowest point's power (the
        // least heat the chips make while hashing) and still the chips are not below the
        // throttle temperature for the whole window. A sound cooler removes the lowest
        // point's heat at any allowed fan speed.
        if throttle.ceiling < board.minimumPoint.power, let chip = r.chipTemperature.value,
           chip >= board.thermal.chipThrottle - throttle.recoveryMargin {
            let since = floorThrottleSince ?? now
            floorThrottleSince = since
            if now - since >= policy.coolingFailureWindow { return .coolingFailure(chip, now - since) }
        } else {
            floorThrottleSince = nil
        }

        // Fan stall: commanded well above idle for longer than spin-up, tach still low.
        if commanded.fanDuty >= board.fan.stallCheckDuty {
            if stallCheckSince == nil { stallCheckSince = now }
        } else {
            stallCheckSince = nil
        }
        if let rpm = r.fanSpeed?.value {
            if rpm > board.fan.maximumRPM * 1.5 {
                return .implausibleReading(.fan, "\(rpm) above 1.5 × \(board.fan.maximumRPM)")
            }
            if let since = stallCheckSince, now - since >= policy.fanSpinUpGrace, rpm < board.fan.stallRPM {
                return .fanStall(commanded: commanded.fanDuty, measured: rpm)
            }
        }
        return nil
    }

    /// A failed read trips once it has failed for longer than the grace; a stale one
    /// trips at once (its age already is the time it has been missing).
    private mutating func required<V: Quantity>(_ reading: Reading<V>, _ role: SensorRole, now: Seconds) -> TripReason? {
        let age = reading.age(at: now)
        if age > policy.maximumReadingAge {
            return .staleReading(role, age: age, limit: policy.maximumReadingAge)
        }
        guard let error = reading.error, !error.isPending else {
            failingSince[role] = nil
            return nil
        }
        let since = failingSince[role] ?? now
        failingSince[role] = since
        return now - since >= policy.readFailureGrace ? .sensorFailure(role, error.description) : nil
    }

    /// `now` is when the value was measured: a polled device's reading keeps its own
    /// time, so a value that only changes every few seconds is not read as a jump.
    private mutating func plausible(_ t: Celsius, _ role: SensorRole, range: ClosedRange<Celsius>, maxRate: Double,
                                    at now: Seconds) -> TripReason? {
        defer { last[role] = (t.value, now) }
        guard t.isFinite, range.contains(t) else {
            return .implausibleReading(role, "\(t) outside \(range.lowerBound)…\(range.upperBound)")
        }
        if let previous = last[role], now > previous.time {
            let rate = abs(t.value - previous.value) / (now - previous.time).value
            if rate > maxRate {
                return .implausibleReading(role, "changed \(formatted(rate, decimals: 1)) K/s, more than \(formatted(maxRate, decimals: 1)) K/s")
            }
        }
        return nil
    }

    private mutating func stuck(_ raw: UInt32?, _ role: SensorRole, now: Seconds, window: Seconds? = nil) -> TripReason? {
        guard let raw else { return nil }
        if let s = sameRawSince[role], s.raw == raw {
            if now - s.since >= (window ?? policy.stuckWindow) { return .stuckSensor(role, now - s.since) }
        } else {
            sameRawSince[role] = (raw, now)
        }
        return nil
    }
}

