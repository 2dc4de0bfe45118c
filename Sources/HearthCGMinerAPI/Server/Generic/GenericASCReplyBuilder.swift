import HearthCore
import HearthSupport

/// Replies of a plain cgminer with one ASC device, for boards that are not a stock
/// Avalon model (Hearth's own PiAxe-class boards): `version`, `summary`, `devs`,
/// `devdetails`, `stats`/`estats`/`litestats` (device record, then one per pool with
/// `Elapsed`, where pyasic reads uptime) and `pools` (the Avalon shapes' pool records).
public struct GenericASCReplyBuilder: Sendable {
    /// `Name` and `Driver` of the device (`PiAxe`, `piaxe`).
    public var deviceName: String
    public var driver: String
    /// `VERSION[0].PROD`/`MODEL`: the board's name.
    public var product: String
    public var softwareVersion: String
    public let reading: AvalonUnitReading

    public init(deviceName: String, driver: String, product: String, softwareVersion: String, reading: AvalonUnitReading) {
        self.deviceName = deviceName
        self.driver = driver
        self.product = product
        self.softwareVersion = softwareVersion
        self.reading = reading
    }

    public static let readCommands: Set<String> = ["version", "summary", "pools", "stats", "estats", "litestats", "devs",
                                                   "edevs", "devdetails"]

    public var when: Int64 { reading.unixTime }

    public func reply(for command: String) -> CGMinerReply {
        switch command {
        case "version": version()
        case "summary": summary()
        case "pools": pools()
        case "stats": stats(withPools: true)
        case "estats", "litestats": stats(withPools: false)
        case "devs", "edevs": devs()
        case "devdetails": devdetails()
        default: .status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: when)
        }
    }

    public func version() -> CGMinerReply {
        let record: JSONObject = [("CGMiner", .string(softwareVersion)), ("API", .string("3.7")),
                                  ("PROD", .string(product)), ("MODEL", .string(product))]
        return .success(code: CGMinerStatusCode.version, message: "CGMiner versions", when: when,
                        sections: [CGMinerSection(name: "VERSION", records: [record])])
    }

    public func summary() -> CGMinerReply {
        .success(code: CGMinerStatusCode.summary, message: "Summary", when: when,
                 sections: [CGMinerSection(name: "SUMMARY", records: [rates(first: [("Elapsed", .integer(uptime))])])])
    }

    public func devs() -> CGMinerReply {
        var record: JSONObject = [("ASC", .integer(0)), ("Name", .string(deviceName)), ("ID", .integer(0)),
                                  ("Enabled", .string("Y")), ("Status", .string(reading.hashing ? "Alive" : "Idle")),
                                  ("Temperature", .double(reading.hottestChip.value))]
        for (key, value) in rates(first: []) { record[key] = value }
        record["Device Elapsed"] = .integer(uptime)
        return .success(code: CGMinerStatusCode.devices, message: "1 ASC(s)", when: when,
                        sections: [CGMinerSection(name: "DEVS", records: [record])])
    }

    public func devdetails() -> CGMinerReply {
        let record: JSONObject = [("DEVDETAILS", .integer(0)), ("Name", .string(deviceName)), ("ID", .integer(0)),
                                  ("Driver", .string(driver)), ("Kernel", .string("")), ("Model", .string(product)),
                                  ("Device Path", .string(""))]
        return .success(code: CGMinerStatusCode.deviceDetails, message: "Device Details", when: when,
                        sections: [CGMinerSection(name: "DEVDETAILS", records: [record])])
    }

    public func pools() -> CGMinerReply {
        AvalonReplyBuilder(profile: AvalonFirmwareProfile(.nano3s), reading: reading).pools()
    }

    public func stats(withPools: Bool) -> CGMinerReply {
        var records: [JSONObject] = [[
            ("STATS", .integer(0)), ("ID", .string("\(driver.uppercased())0")), ("Elapsed", .integer(uptime)),
            ("Calls", .integer(0)), ("Wait", .double(0)), ("Max", .double(0)), ("Min", .double(99_999_999)),
            ("Temperature", .double(reading.hottestChip.value)), ("Fan", .integer(Int64((reading.fanSpeeds.first?.value ?? 0).rounded()))),
            ("Fan Percent", .integer(Int64((reading.fanDuty.percent).rounded()))), ("Power", .double(reading.wallPower.value)),
            ("Frequency", .double(reading.frequency.value)),
        ]]
        if withPools {
            for i in reading.pools.indices {
                records.append([("STATS", .integer(Int64(i + 1))), ("ID", .string("POOL\(i)")), ("Elapsed", .integer(uptime)),
                                ("Calls", .integer(0)), ("Wait", .double(0)), ("Max", .double(0)), ("Min", .double(99_999_999))])
            }
        }
        return .success(code: CGMinerStatusCode.stats, message: "CGMiner stats", when: when,
                        sections: [CGMinerSection(name: "STATS", records: records)])
    }

    private var uptime: Int64 { Int64(reading.uptime.value) }

    private func rates(first: JSONObject) -> JSONObject {
        var r = first
        let mhs = reading.hashrate.value / 1e6
        for (key, value) in [("MHS av", mhs), ("MHS 5s", mhs), ("MHS 1m", mhs), ("MHS 5m", mhs), ("MHS 15m", mhs),
                             ("GHS 5s", mhs / 1000), ("GHS av", mhs / 1000)] { r[key] = .double(value) }
        r["Accepted"] = .integer(reading.acceptedShares)
        r["Rejected"] = .integer(reading.pools.reduce(0) { $0 + $1.rejected })
        r["Hardware Errors"] = .integer(0)
        r["Total MH"] = .double(reading.totalHashes / 1e6)
        r["Last Share Time"] = .integer(reading.lastShareUnix)
        return r
    }
}
