import HearthCore
import HearthSupport

/// Builds the read-only replies (`version`, `summary`, `pools`, `stats`, `estats`,
/// `lcd`, `devs`, `devdetails`, `check`) with the fields, order and STATUS the open
/// firmware's `api.c` gives them, from one reading of the unit. The one home of the
/// Avalon home models' reply shapes: the emulator and Hearth's own server both use it.
public struct AvalonReplyBuilder: Sendable {
    public let profile: AvalonFirmwareProfile
    public let reading: AvalonUnitReading

    public init(profile: AvalonFirmwareProfile, reading: AvalonUnitReading) {
        self.profile = profile
        self.reading = reading
    }

    public var when: Int64 { reading.unixTime }

    /// The reads these shapes answer (`check` is the request handler's).
    public static let readCommands: Set<String> = ["version", "summary", "pools", "stats", "estats", "lcd", "devs",
                                                   "devdetails"]
    /// Every command of the firmware's table, and whether it may be `+`-joined.
    public static let firmwareCommands: [String: Bool] = [
        "version": true, "config": true, "devs": true, "edevs": true, "pools": true, "summary": true,
        "switchpool": false, "poolpriority": false, "enablepool": false, "disablepool": false, "setpool": false,
        "devdetails": true, "stats": true, "estats": true, "litestats": true, "check": false, "coin": true,
        "ascset": false, "lcd": true, "lockstats": true, "time": false,
    ]

    public func reply(for command: String, parameter: String?) -> CGMinerReply {
        switch command {
        case "version": version()
        case "summary": summary()
        case "pools": pools()
        case "stats": stats(withPools: true)
        case "estats": stats(withPools: false)
        case "lcd": lcd()
        case "devs": devs()
        case "devdetails": devdetails()
        default: .status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: when)
        }
    }

    public func version() -> CGMinerReply {
        .success(code: CGMinerStatusCode.version, message: "CGMiner versions", when: when,
                 sections: [CGMinerSection(name: "VERSION", records: [profile.version])])
    }

    public func summary() -> CGMinerReply {
        let elapsed = Double(uptime)
        let accepted = reading.acceptedShares
        let diffAccepted = Double(accepted) * reading.difficulty
        let record: JSONObject = [
            ("Elapsed", .integer(uptime)),
            // total / elapsed as the firmware divides: nan at zero uptime.
            ("MHS av", .double(reading.totalHashes / 1e6 / elapsed)),
            ("MHS 5s", .double(reading.rolling5s / 1e6)), ("MHS 1m", .double(reading.rolling1m / 1e6)),
            ("MHS 5m", .double(reading.rolling5m / 1e6)), ("MHS 15m", .double(reading.rolling15m / 1e6)),
            ("Found Blocks", .integer(0)), ("Getworks", .integer(Int64(uptime / 30))), ("Accepted", .integer(accepted)),
            ("Rejected", .integer(0)), ("Hardware Errors", .integer(0)),
            ("Utility", .double(Double(accepted) / max(elapsed, 1) * 60)), ("Discarded", .integer(0)),
            ("Stale", .integer(0)), ("Get Failures", .integer(0)), ("Local Work", .integer(localWork)),
            ("Remote Failures", .integer(0)), ("Network Blocks", .integer(Int64(uptime / 600))),
            ("Total MH", .double(reading.totalHashes / 1e6)),
            ("Work Utility", .double(reading.totalHashes / 4_294_967_296 / max(elapsed, 1) * 60)),
            ("Difficulty Accepted", .double(diffAccepted)), ("Difficulty Rejected", .double(0)),
            ("Difficulty Stale", .double(0)), ("Best Share", .integer(Int64(diffAccepted > 0 ? reading.difficulty * 3 : 0))),
            ("Device Hardware%", .double(0)), ("Device Rejected%", .double(0)), ("Pool Rejected%", .double(0)),
            ("Pool Stale%", .double(0)), ("Last getwork", .integer(0)),
        ]
        return .success(code: CGMinerStatusCode.summary, message: "Summary", when: when,
                        sections: [CGMinerSection(name: "SUMMARY", records: [record])])
    }

    public func pools() -> CGMinerReply {
        let records = reading.pools.enumerated().map { poolRecord(index: $0.offset, $0.element) }
        return .success(code: CGMinerStatusCode.pools, message: "\(records.count) Pool(s)", when: when,
                        sections: [CGMinerSection(name: "POOLS", records: records)])
    }

    private func poolRecord(index: Int, _ pool: AvalonPoolReport) -> JSONObject {
        let status = pool.disabled ? "Disabled" : (reading.isUp && pool.alive ? "Alive" : "Dead")
        let works = index == 0 ? localWork : 0
        return [
            ("POOL", .integer(Int64(index))), ("URL", .string(pool.url)), ("Status", .string(status)),
            ("Priority", .integer(Int64(index))), ("Quota", .integer(1)), ("Long Poll", .string("N")),
            ("Getworks", .integer(pool.active ? Int64(uptime / 30) : 0)), ("Accepted", .integer(pool.accepted)),
            ("Rejected", .integer(pool.rejected)), ("Works", .integer(works)), ("Discarded", .integer(0)),
            ("Stale", .integer(0)), ("Get Failures", .integer(0)), ("Remote Failures", .integer(0)),
            ("User", .string(pool.user)), ("Last Share Time", .integer(pool.lastShareUnix)),
            ("Diff1 Shares", .integer(works)), ("Proxy Type", .string("")), ("Proxy", .string("")),
            ("Difficulty Accepted", .double(Double(pool.accepted) * pool.difficulty)),
            ("Difficulty Rejected", .double(Double(pool.rejected) * pool.difficulty)),
            ("Difficulty Stale", .double(0)), ("Last Share Difficulty", .double(pool.difficulty)),
            ("Work Difficulty", .double(pool.difficulty)), ("Has Stratum", .bool(true)),
            ("Stratum Active", .bool(pool.active)), ("Stratum URL", .string(pool.active ? pool.url : "")),
            ("Stratum Difficulty", .double(pool.difficulty)), ("Has Vmask", .bool(true)), ("Has GBT", .bool(false)),
            ("Best Share", .integer(0)), ("Pool Rejected%", .double(0)), ("Pool Stale%", .double(0)),
            ("Bad Work", .integer(0)), ("Current Block Height", .integer(900_000)),
            ("Current Block Version", .integer(536_870_912)),
        ]
    }

    /// `stats` (device record and one per pool) or `estats` (device record only).
    public func stats(withPools: Bool) -> CGMinerReply {
        let writer = AvalonStatsLineWriter(profile: profile, reading: reading)
        var device = itemStats(index: 0, id: profile.deviceID)
        if profile.model == .q {
            device["MM ID0:Summary"] = .string(writer.line)
            device["HBinfo"] = .string(writer.hashBoardInfo)
        } else {
            device["MM ID0"] = .string(writer.line)
            device["MM Count"] = .integer(1)
            device["Nonce Mask"] = .integer(profile.model == .nano3 ? 1 : 25)
        }
        var records = [device]
        if withPools {
            var poolRecord = itemStats(index: 1, id: "POOL0")
            for (key, value) in poolStats { poolRecord[key] = value }
            records.append(poolRecord)
        }
        return .success(code: CGMinerStatusCode.stats, message: "CGMiner stats", when: when,
                        sections: [CGMinerSection(name: "STATS", records: records)])
    }

    public func lcd() -> CGMinerReply {
        let elapsed = Double(uptime)
        let record: JSONObject = [
            ("Elapsed", .integer(uptime)), ("GHS av", .double(reading.totalHashes / 1e9 / elapsed)),
            ("GHS 5m", .double(reading.rolling5m / 1e9)), ("GHS 5s", .double(reading.rolling5s / 1e9)),
            ("Temperature", .double(0)), ("Last Share Difficulty", .double(reading.difficulty)),
            ("Last Share Time", .integer(reading.lastShareUnix)), ("Best Share", .integer(0)),
            ("Last Valid Work", .integer(reading.lastShareUnix)), ("Found Blocks", .integer(0)),
            ("Current Pool", .string(reading.pools.first?.url ?? "")), ("User", .string(reading.pools.first?.user ?? "")),
        ]
        return .success(code: CGMinerStatusCode.lcd, message: "LCD", when: when,
                        sections: [CGMinerSection(name: "LCD", records: [record])])
    }

    public func devs() -> CGMinerReply {
        let elapsed = Double(uptime)
        let accepted = reading.acceptedShares
        let record: JSONObject = [
            ("ASC", .integer(0)), ("Name", .string("AVALON")), ("ID", .integer(0)), ("Enabled", .string("Y")),
            ("Status", .string("Alive")), ("Temperature", .double(0)),
            ("MHS av", .double(reading.totalHashes / 1e6 / elapsed)), ("MHS 5s", .double(reading.rolling5s / 1e6)),
            ("MHS 1m", .double(reading.rolling1m / 1e6)), ("MHS 5m", .double(reading.rolling5m / 1e6)),
            ("MHS 15m", .double(reading.rolling15m / 1e6)), ("Accepted", .integer(accepted)),
            ("Rejected", .integer(0)), ("Hardware Errors", .integer(0)),
            ("Utility", .double(Double(accepted) / max(elapsed, 1) * 60)), ("Last Share Pool", .integer(0)),
            ("Last Share Time", .integer(reading.lastShareUnix)), ("Total MH", .double(reading.totalHashes / 1e6)),
            ("Diff1 Work", .integer(localWork)), ("Difficulty Accepted", .double(Double(accepted) * reading.difficulty)),
            ("Difficulty Rejected", .double(0)), ("Last Share Difficulty", .double(reading.difficulty)),
            ("Last Valid Work", .integer(reading.lastShareUnix)), ("Device Hardware%", .double(0)),
            ("Device Rejected%", .double(0)), ("Device Elapsed", .integer(uptime)),
        ]
        return .success(code: CGMinerStatusCode.devices, message: "1 ASC(s)", when: when,
                        sections: [CGMinerSection(name: "DEVS", records: [record])])
    }

    public func devdetails() -> CGMinerReply {
        let record: JSONObject = [
            ("DEVDETAILS", .integer(0)), ("Name", .string("AVALON")), ("ID", .integer(0)),
            ("Driver", .string("avalon")), ("Kernel", .string("")), ("Model", .string("")),
            ("Device Path", .string("")),
        ]
        return .success(code: CGMinerStatusCode.deviceDetails, message: "Device Details", when: when,
                        sections: [CGMinerSection(name: "DEVDETAILS", records: [record])])
    }

    // MARK: - Parts

    private var uptime: Int64 { Int64(reading.uptime.value) }
    private var localWork: Int64 { Int64(reading.totalHashes / 4_294_967_296) }

    /// `itemstats`: the fields every stats record starts with.
    private func itemStats(index: Int, id: String) -> JSONObject {
        [("STATS", .integer(Int64(index))), ("ID", .string(id)), ("Elapsed", .integer(uptime)), ("Calls", .integer(0)),
         ("Wait", .double(0)), ("Max", .double(0)), ("Min", .double(99_999_999))]
    }

    private var poolStats: JSONObject {
        [("Pool Calls", .integer(0)), ("Pool Attempts", .integer(0)), ("Pool Wait", .double(0)),
         ("Pool Max", .double(0)), ("Pool Min", .double(99_999_999)), ("Pool Av", .double(0)),
         ("Work Had Roll Time", .bool(false)), ("Work Can Roll", .bool(false)), ("Work Had Expire", .bool(false)),
         ("Work Roll Time", .integer(0)), ("Work Diff", .double(reading.difficulty)), ("Min Diff", .double(reading.difficulty)),
         ("Max Diff", .double(reading.difficulty)), ("Min Diff Count", .integer(0)), ("Max Diff Count", .integer(0)),
         ("Times Sent", .integer(0)), ("Bytes Sent", .integer(0)), ("Times Recv", .integer(0)),
         ("Bytes Recv", .integer(0)), ("Net Bytes Sent", .integer(0)), ("Net Bytes Recv", .integer(0))]
    }
}
