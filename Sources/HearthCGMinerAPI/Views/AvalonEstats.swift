import HearthCore

/// The typed readings of an Avalon estats line. Every field is optional because
/// models differ (the Nano 3 reports `Temp` where the others report `ITemp`); keys a
/// model always reports but the line lacks are listed in `missingKeys`, and
/// `requireKeys()` turns them into one error naming them.
public struct AvalonEstats: Sendable, Hashable {
    /// `SYSTEMSTATU[Work: In Work, Hash Board: 1]`.
    public struct SystemStatus: Sendable, Hashable {
        /// `In Init`, `In Work`, `In Idle` or `In Fault` (the firmware's four states).
        public var work: String
        public var hashBoards: Int?
        public var isWorking: Bool { work == "In Work" }
    }

    public var line: AvalonStatsLine
    /// `Ver[Nano3s-25021401_56abae7]`.
    public var versionTag: String?
    public var model: AvalonModel?
    /// Air at the inlet (`ITemp`, or `Temp` on the Nano 3); nil where the firmware
    /// prints -273 for a sensor the unit does not have (Nano 3S).
    public var inletTemperature: Celsius?
    public var outletTemperature: Celsius?
    public var hottestChip: Celsius?
    public var averageChip: Celsius?
    /// The chip temperature the firmware's own fan loop holds (`TarT`).
    public var targetTemperature: Celsius?
    /// `Fan1`…`Fan4`, those present, in order.
    public var fanSpeeds: [RPM]
    /// `FanR[33%]`.
    public var fanDuty: DutyCycle?
    /// The raw `PS[…]` list.
    public var powerSupply: [Double]?
    /// Wall power from the model's PS element (PS[6] on the Nano 3S, Mini 3 and Q).
    public var wallPower: Watts?
    /// `GHSspd`: the current hashrate.
    public var hashrate: HashRate?
    /// `GHSmm`: the hashrate the chips should give at their clocks.
    public var nominalHashrate: HashRate?
    /// `GHSavg`: the hashrate since start, from accepted work.
    public var averageHashrate: HashRate?
    public var frequency: Megahertz?
    public var workMode: Int?
    public var workLevel: Int?
    /// `SoftOFF`: 0 while hashing; the reason code while soft-off (the Q idles with 4).
    public var softOffReason: Int?
    /// `MPO`: the power the current setting may draw.
    public var maxPowerOutput: Watts?
    /// `FanErr` (Q): nonzero when a fan fails.
    public var fanError: Int?
    public var systemStatus: SystemStatus?
    /// Uptime of the hash board controller (`Elapsed`).
    public var elapsed: Seconds?
    /// The unit's clock when it answered (the reply's `When`): its timed soft off/on use it.
    public var unitTime: Int64?
    /// `PVT_T0[…]`: every chip's temperature.
    public var chipTemperatures: [Celsius]?
    /// Keys `profile` expects that the line does not have.
    public var missingKeys: [String]

    /// The readings of `line`; `model` (else the one `Ver[…]` names) decides which PS
    /// element is watts and which keys must be there.
    public init(_ line: AvalonStatsLine, model: AvalonModel? = nil) throws(CGMinerCodecError) {
        self.line = line
        versionTag = line["Ver"]
        let model = model ?? versionTag.flatMap { AvalonModel.identify(estatsVersion: $0) }
        self.model = model
        let profile = model?.profile

        func celsius(_ key: String) throws(CGMinerCodecError) -> Celsius? {
            // -273 is how the firmware says "no such sensor".
            guard let v = try line.number(key), v > -273 else { return nil }
            return Celsius(v)
        }
        if let inlet = try celsius("ITemp") {
            inletTemperature = inlet
        } else {
            inletTemperature = try celsius("Temp")
        }
        outletTemperature = try celsius("OTemp")
        hottestChip = try celsius("TMax")
        averageChip = try celsius("TAvg")
        targetTemperature = try celsius("TarT")
        var fans: [RPM] = []
        for n in 1...4 {
            if let rpm = try line.number("Fan\(n)") { fans.append(RPM(rpm)) }
        }
        fanSpeeds = fans
        fanDuty = try line.number("FanR").map { DutyCycle.percent($0) }
        let ps = try line.numbers("PS")
        powerSupply = ps
        if let ps, let index = profile?.wallPowerIndex {
            guard index < ps.count else {
                throw .invalidValue(field: "\(line.field) PS", reason: "\(ps.count) values, no PS[\(index)] for wall power")
            }
            wallPower = Watts(ps[index])
        }
        hashrate = try line.number("GHSspd").map { HashRate(gigahashes: $0) }
        nominalHashrate = try line.number("GHSmm").map { HashRate(gigahashes: $0) }
        averageHashrate = try line.number("GHSavg").map { HashRate(gigahashes: $0) }
        frequency = try line.number("Freq").map(Megahertz.init)
        workMode = try line.integer("WORKMODE")
        workLevel = try line.integer("WORKLEVEL")
        softOffReason = try line.integer("SoftOFF")
        maxPowerOutput = try line.number("MPO").map(Watts.init)
        fanError = try line.integer("FanErr")
        systemStatus = line["SYSTEMSTATU"].map(Self.systemStatus)
        elapsed = try line.number("Elapsed").map(Seconds.init)
        chipTemperatures = try line.numbers("PVT_T0").map { $0.map { Celsius($0) } }
        missingKeys = (profile?.estatsKeys ?? []).filter { !line.contains($0) }
    }

    /// Throws when a key the model always reports is missing, naming every one.
    public func requireKeys() throws(CGMinerCodecError) {
        if !missingKeys.isEmpty { throw .missingKeys(field: line.field, keys: missingKeys) }
    }

    /// `Work: In Work, Hash Board: 1`
    static func systemStatus(_ text: String) -> SystemStatus {
        var work = text
        var boards: Int?
        for part in text.split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2 else { continue }
            if pair[0] == "Work" { work = String(pair[1]) }
            if pair[0] == "Hash Board" { boards = Int(pair[1]) }
        }
        return SystemStatus(work: work, hashBoards: boards)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
