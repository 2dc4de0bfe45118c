import HearthSupport

/// What `GET /v1/status` returns and `/v1/events` streams: the last control tick as
/// a person reads it. Passwords and tokens have no field here.
public struct StatusSnapshot: Sendable, Hashable, Codable {
    public var board: String
    public var boardName: String
    public var backend: String
    /// Seconds of control time since start (simulated on the sim backend).
    public var controlTime: Double
    public var uptime: Double
    public var mode: String
    public var target: Double
    public var scheduled: Bool
    public var room: Double?
    public var chip: Double?
    public var inlet: Double?
    public var fanRPM: Double?
    public var fanDuty: Double
    public var power: Double?
    public var hashing: Bool
    public var operatingPoint: String?
    public var hashrate: Double
    public var demand: Double
    public var ceiling: Double
    public var reasons: [String]
    public var trip: TripRecord?
    public var mining: MiningStatus?
    public var settingsRevision: Int
    /// What a person should know about the device in plain words (a stock unit that
    /// can't be switched off, a plug not answering, a room sensor gone quiet).
    public var notes: [String]?
    /// Hearth's version (`HearthVersion.current`); nil from a daemon older than the field.
    public var version: String?
    /// Net cost of heat now; nil without a tariff.
    public var economics: StatusEconomics?

    public init(board: String, boardName: String, backend: String, controlTime: Double, uptime: Double, mode: String, target: Double, scheduled: Bool, room: Double?, chip: Double?, inlet: Double?, fanRPM: Double?, fanDuty: Double, power: Double?, hashing: Bool, operatingPoint: String?, hashrate: Double, demand: Double, ceiling: Double, reasons: [String], trip: TripRecord?, mining: MiningStatus?, settingsRevision: Int, notes: [String]? = nil,
                version: String? = HearthVersion.current, economics: StatusEconomics? = nil) {
        self.board = board
        self.boardName = boardName
        self.backend = backend
        self.controlTime = controlTime
        self.uptime = uptime
        self.mode = mode
        self.target = target
        self.scheduled = scheduled
        self.room = room
        self.chip = chip
        self.inlet = inlet
        self.fanRPM = fanRPM
        self.fanDuty = fanDuty
        self.power = power
        self.hashing = hashing
        self.operatingPoint = operatingPoint
        self.hashrate = hashrate
        self.demand = demand
        self.ceiling = ceiling
        self.reasons = reasons
        self.trip = trip
        self.mining = mining
        self.settingsRevision = settingsRevision
        self.notes = notes
        self.version = version
        self.economics = economics
    }

    enum CodingKeys: String, CodingKey {
        case board, backend, mode, scheduled, hashing, reasons, trip, mining, hashrate, notes, version, economics
        case boardName = "board_name"
        case controlTime = "control_time_s"
        case uptime = "uptime_s"
        case target = "target_c"
        case room = "room_c"
        case chip = "chip_c"
        case inlet = "inlet_c"
        case fanRPM = "fan_rpm"
        case fanDuty = "fan_duty_pct"
        case power = "power_w"
        case operatingPoint = "operating_point"
        case demand = "demand_w"
        case ceiling = "ceiling_w"
        case settingsRevision = "settings_revision"
    }
}

/// Mining as the status shows it: which pool (no credentials), and the share counters.
public struct MiningStatus: Sendable, Hashable, Codable {
    public var pool: String?
    public var state: String
    public var sharesAccepted: Int
    public var sharesRejected: Int
    public var hashrate: Double

    public init(pool: String?, state: String, sharesAccepted: Int, sharesRejected: Int, hashrate: Double) {
        self.pool = pool
        self.state = state
        self.sharesAccepted = sharesAccepted
        self.sharesRejected = sharesRejected
        self.hashrate = hashrate
    }

    enum CodingKeys: String, CodingKey {
        case pool, state, hashrate
        case sharesAccepted = "shares_accepted"
        case sharesRejected = "shares_rejected"
    }
}

/// One latched trip, as listed by `GET /v1/trips`.
public struct TripRecord: Sendable, Hashable, Codable {
    public var code: String
    public var reason: String
    /// Control time of the trip, seconds since the daemon started.
    public var time: Double
    /// Wall clock, ISO 8601.
    public var at: String
    public var cleared: Bool

    public init(code: String, reason: String, time: Double, at: String, cleared: Bool = false) {
        self.code = code
        self.reason = reason
        self.time = time
        self.at = at
        self.cleared = cleared
    }

    enum CodingKeys: String, CodingKey {
        case code, reason, at, cleared
        case time = "time_s"
    }
}
