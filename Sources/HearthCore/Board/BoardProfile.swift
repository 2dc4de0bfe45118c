/// What the controller needs to know about a board: its operating points,
/// thermal limits and fan. Loaded from `boards/*.toml` by HearthHAL; the
/// controller never sees wiring (buses, addresses, lines).
public struct BoardProfile: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Operating points sorted by ascending power.
    public var operatingPoints: [OperatingPoint]
    public var thermal: ThermalLimits
    public var fan: FanLimits
    /// Whether the board measures its own input power (a failed power read then trips).
    public var hasPowerSensor: Bool
    /// The board file's model of its chips and cooling, when it has one: lets the controller
    /// pick the most efficient chip temperature (`EfficientChipTemperature`).
    public var chipModel: ChipEfficiencyModel? = nil

    public init(id: String, name: String, operatingPoints: [OperatingPoint], thermal: ThermalLimits,
                fan: FanLimits, hasPowerSensor: Bool) {
        self.id = id
        self.name = name
        self.operatingPoints = operatingPoints.sorted { $0.power < $1.power }
        self.thermal = thermal
        self.fan = fan
        self.hasPowerSensor = hasPowerSensor
    }

    public var maximumPoint: OperatingPoint { operatingPoints[operatingPoints.count - 1] }
    public var minimumPoint: OperatingPoint { operatingPoints[0] }
    public var maximumPower: Watts { maximumPoint.power }
}

/// Chip temperature limits. target < throttle < trip.
public struct ThermalLimits: Sendable, Hashable, Codable {
    /// The fan loop holds the hottest chip here with the lowest rpm.
    public var chipTarget: Celsius
    /// Above this the supervisor lowers power step by step.
    public var chipThrottle: Celsius
    /// At or above this the supervisor trips: hashing off, fan at safe duty, latched.
    public var chipTrip: Celsius
    /// The board's rated chip limit; simulation counts seconds above it as overtemp.
    public var chipLimit: Celsius

    public init(chipTarget: Celsius, chipThrottle: Celsius, chipTrip: Celsius, chipLimit: Celsius) {
        self.chipTarget = chipTarget
        self.chipThrottle = chipThrottle
        self.chipTrip = chipTrip
        self.chipLimit = chipLimit
    }
}

/// Fan capabilities and policy limits.
public struct FanLimits: Sendable, Hashable, Codable {
    /// Lowest duty while hashing (keeps air moving over the chips).
    public var minimumDuty: DutyCycle
    /// Duty commanded in the latched safe state.
    public var safeDuty: DutyCycle
    /// Speed at full duty.
    public var maximumRPM: RPM
    /// Below this tach reading, at or above `stallCheckDuty`, the fan counts as stalled.
    public var stallRPM: RPM
    /// Duty above which a low tach reading means a stall (below it the fan may be idling).
    public var stallCheckDuty: DutyCycle
    /// Speed cap in `quiet` mode.
    public var quietRPM: RPM

    public init(minimumDuty: DutyCycle, safeDuty: DutyCycle, maximumRPM: RPM, stallRPM: RPM,
                stallCheckDuty: DutyCycle, quietRPM: RPM) {
        self.minimumDuty = minimumDuty
        self.safeDuty = safeDuty
        self.maximumRPM = maximumRPM
        self.stallRPM = stallRPM
        self.stallCheckDuty = stallCheckDuty
        self.quietRPM = quietRPM
    }
}
