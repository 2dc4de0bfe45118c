import HearthCGMinerAPI
import HearthCore
import HearthSupport

/// The pool an emulated unit reports (it mines nothing; shares are counted from its hashes).
struct AvalonPoolReport: Sendable {
    var url: String
    var user: String
    var difficulty: Double
}

/// Builds the read-only replies (`version`, `summary`, `pools`, `stats`, `estats`,
/// `lcd`, `devs`, `devdetails`, `check`) with the fields, order and STATUS the open
/// firmware's `api.c` gives them, from the firmware state and a hardware snapshot.
struct AvalonReplyBuilder {
    let profile: AvalonFirmwareProfile
    let state: AvalonFirmwareState
    let snapshot: AvalonHardwareSnapshot
    let now: Seconds
    let pool: AvalonPoolReport

    var when: Int64 { state.unixTime(now) }

    /// The commands of the firmware's table this emulator answers (`ascset` apart).
    static let readCommands: Set<String> = ["version", "summary", "pools", "stats", "estats", "lcd", "devs",
                                            "devdetails", "check"]
    /// Every command of the firmware's table, and whether it may be `+`-joined.
    static let firmwareCommands: [String: Bool] = [
        "version": true, "config": true, "devs": true, "edevs": true, "pools": true, "summary": true,
        "switchpool": false, "poolpriority": false, "enablepool": false, "disablepool": false, "setpool": false,
        "devdetails": true, "stats": true, "estats": true, "litestats": true, "check": false, "coin": true,
        "ascset": false, "lcd": true, "lockstats": true, "time": false,
    ]

    func reply(for command: String, parameter: String?) -> CGMinerReply {
        switch command {
        case "version": version()
        case "summary": summary()
        case "pools": pools()
        case "stats": stats(withPools: true)
        case "estats": stats(withPools: false)
        case "lcd": lcd()
        case "devs": devs()
        case "devdetails": devdetails()
        case "check": check(parameter)
        default: .status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: when)
        }
    }

    func version() -> CGMinerReply {
        .success(code: CGMinerStatusCode.version, message: "CGMiner versions", when: when,
                 sections: [CGMinerSection(name: "VERSION", records: [profile.version])])
    }

    func summary() -> CGMinerReply {
        let elapsed = Double(uptime)
        let accepted = state.acceptedShares(difficulty: pool.difficulty)
        let diffAccepted = Double(accepted) * pool.difficulty
        let record: JSONObject = [
            ("Elapsed", .integer(uptime)),
            // total / elapsed as the firmware divides: nan at zero uptime.
            ("MHS av", .double(state.totalHashes / 1e6 / elapsed)),
            ("MHS 5s", .double(state.rolling5s / 1e6)), ("MHS 1m", .double(state.rolling1m / 1e6)),
            ("MHS 5m", .double(state.rolling5m / 1e6)), ("MHS 15m", .double(state.rolling15m / 1e6)),
            ("Found Blocks", .integer(0)), ("Getworks", .integer(Int64(uptime / 30))), ("Accepted", .integer(accepted)),
            ("Rejected", .integer(0)), ("Hardware Errors", .integer(0)),
            ("Utility", .double(Double(accepted) / max(elapsed, 1) * 60)), ("Discarded", .integer(0)),
            ("Stale", .integer(0)), ("Get Failures", .integer(0)), ("Local Work", .integer(localWork)),
            ("Remote Failures", .integer(0)), ("Network Blocks", .integer(Int64(uptime / 600))),
            ("Total MH", .double(state.totalHashes / 1e6)),
            ("Work Utility", .double(state.totalHashes / 4_294_967_296 / max(elapsed, 1) * 60)),
            ("Difficulty Accepted", .double(diffAccepted)), ("Difficulty Rejected", .double(0)),
            ("Difficulty Stale", .double(0)), ("Best Share", .integer(Int64(diffAccepted > 0 ? pool.difficulty * 3 : 0))),
            ("Device Hardware%", .double(0)), ("Device Rejected%", .double(0)), ("Pool Rejected%", .double(0)),
            ("Pool Stale%", .double(0)), ("Last getwork", .integer(0)),
        ]
        return .success(code: CGMinerStatusCode.summary, message: "Summary", when: when,
                        sections: [CGMinerSection(name: "SUMMARY", records: [record])])
    }

    func pools() -> CGMinerReply {
        let accepted = state.acceptedShares(difficulty: pool.difficulty)
        let record: JSONObject = [
            ("POOL", .integer(0)), ("URL", .string(pool.url)), ("Status", .string(state.isUp ? "Alive" : "Dead")),
            ("Priority", .integer(0)), ("Quota", .integer(1)), ("Long Poll", .string("N")),
            ("Getworks", .integer(Int64(uptime / 30))), ("Accepted", .integer(accepted)), ("Rejected", .integer(0)),
            ("Works", .integer(localWork)), ("Discarded", .integer(0)), ("Stale", .integer(0)),
            ("Get Failures", .integer(0)), ("Remote Failures", .integer(0)), ("User", .string(pool.user)),
            ("Last Share Time", .integer(state.lastShareUnix)), ("Diff1 Shares", .integer(localWork)),
            ("Proxy Type", .string("")), ("Proxy", .string("")),
            ("Difficulty Accepted", .double(Double(accepted) * pool.difficulty)), ("Difficulty Rejected", .double(0)),
            ("Difficulty Stale", .double(0)), ("Last Share Difficulty", .double(pool.difficulty)),
            ("Work Difficulty", .double(pool.difficulty)), ("Has Stratum", .bool(true)),
            ("Stratum Active", .bool(true)), ("Stratum URL", .string(pool.url)),
            ("Stratum Difficulty", .double(pool.difficulty)), ("Has Vmask", .bool(true)), ("Has GBT", .bool(false)),
            ("Best Share", .integer(0)), ("Pool Rejected%", .double(0)), ("Pool Stale%", .double(0)),
            ("Bad Work", .integer(0)), ("Current Block Height", .integer(900_000)),
            ("Current Block Version", .integer(536_870_912)),
        ]
        return .success(code: CGMinerStatusCode.pools, message: "1 Pool(s)", when: when,
                        sections: [CGMinerSection(name: "POOLS", records: [record])])
    }

    /// `stats` (device record and one per pool) or `estats` (device record only).
    func stats(withPools: Bool) -> CGMinerReply {
        let writer = AvalonStatsLineWriter(profile: profile, state: state, snapshot: snapshot, now: now)
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

    func lcd() -> CGMinerReply {
        let elapsed = Double(uptime)
        let record: JSONObject = [
            ("Elapsed", .integer(uptime)), ("GHS av", .double(state.totalHashes / 1e9 / elapsed)),
            ("GHS 5m", .double(state.rolling5m / 1e9)), ("GHS 5s", .double(state.rolling5s / 1e9)),
            ("Temperature", .double(0)), ("Last Share Difficulty", .double(pool.difficulty)),
            ("Last Share Time", .integer(state.lastShareUnix)), ("Best Share", .integer(0)),
            ("Last Valid Work", .integer(state.lastShareUnix)), ("Found Blocks", .integer(0)),
            ("Current Pool", .string(pool.url)), ("User", .string(pool.user)),
        ]
        return .success(code: CGMinerStatusCode.lcd, message: "LCD", when: when,
                        sections: [CGMinerSection(name: "LCD", records: [record])])
    }

    func devs() -> CGMinerReply {
        let elapsed = Double(uptime)
        let accepted = state.acceptedShares(difficulty: pool.difficulty)
        let record: JSONObject = [
            ("ASC", .integer(0)), ("Name", .string("AVALON")), ("ID", .integer(0)), ("Enabled", .string("Y")),
            ("Status", .string("Alive")), ("Temperature", .double(0)),
            ("MHS av", .double(state.totalHashes / 1e6 / elapsed)), ("MHS 5s", .double(state.rolling5s / 1e6)),
            ("MHS 1m", .double(state.rolling1m / 1e6)), ("MHS 5m", .double(state.rolling5m / 1e6)),
            ("MHS 15m", .double(state.rolling15m / 1e6)), ("Accepted", .integer(accepted)),
            ("Rejected", .integer(0)), ("Hardware Errors", .integer(0)),
            ("Utility", .double(Double(accepted) / max(elapsed, 1) * 60)), ("Last Share Pool", .integer(0)),
            ("Last Share Time", .integer(state.lastShareUnix)), ("Total MH", .double(state.totalHashes / 1e6)),
            ("Diff1 Work", .integer(localWork)), ("Difficulty Accepted", .double(Double(accepted) * pool.difficulty)),
            ("Difficulty Rejected", .double(0)), ("Last Share Difficulty", .double(pool.difficulty)),
            ("Last Valid Work", .integer(state.lastShareUnix)), ("Device Hardware%", .double(0)),
            ("Device Rejected%", .double(0)), ("Device Elapsed", .integer(uptime)),
        ]
        return .success(code: CGMinerStatusCode.devices, message: "1 ASC(s)", when: when,
                        sections: [CGMinerSection(name: "DEVS", records: [record])])
    }

    func devdetails() -> CGMinerReply {
        let record: JSONObject = [
            ("DEVDETAILS", .integer(0)), ("Name", .string("AVALON")), ("ID", .integer(0)),
            ("Driver", .string("avalon")), ("Kernel", .string("")), ("Model", .string("")),
            ("Device Path", .string("")),
        ]
        return .success(code: CGMinerStatusCode.deviceDetails, message: "Device Details", when: when,
                        sections: [CGMinerSection(name: "DEVDETAILS", records: [record])])
    }

    /// `check|CMD`: whether the firmware has the command (every command is allowed: no access control).
    func check(_ parameter: String?) -> CGMinerReply {
        guard let parameter, !parameter.isEmpty else {
            return .status(.error, code: CGMinerStatusCode.check - 1, message: "Missing check cmd", when: when)
        }
        let exists = Self.firmwareCommands[parameter] != nil
        let record: JSONObject = [("Exists", .string(exists ? "Y" : "N")), ("Access", .string(exists ? "Y" : "N"))]
        return .success(code: CGMinerStatusCode.check, message: "Check command", when: when,
                        sections: [CGMinerSection(name: "CHECK", records: [record])])
    }

    // MARK: - Parts

    private var uptime: Int64 { Int64(state.uptime(at: now).value) }
    private var localWork: Int64 { Int64(state.totalHashes / 4_294_967_296) }

    /// `itemstats`: the fields every stats record starts with.
    private func itemStats(index: Int, id: String) -> JSONObject {
        [("STATS", .integer(Int64(index))), ("ID", .string(id)), ("Elapsed", .integer(uptime)), ("Calls", .integer(0)),
         ("Wait", .double(0)), ("Max", .double(0)), ("Min", .double(99_999_999))]
    }

    private var poolStats: JSONObject {
        [("Pool Calls", .integer(0)), ("Pool Attempts", .integer(0)), ("Pool Wait", .double(0)),
         ("Pool Max", .double(0)), ("Pool Min", .double(99_999_999)), ("Pool Av", .double(0)),
         ("Work Had Roll Time", .bool(false)), ("Work Can Roll", .bool(false)), ("Work Had Expire", .bool(false)),
         ("Work Roll Time", .integer(0)), ("Work Diff", .double(pool.difficulty)), ("Min Diff", .double(pool.difficulty)),
         ("Max Diff", .double(pool.difficulty)), ("Min Diff Count", .integer(0)), ("Max Diff Count", .integer(0)),
         ("Times Sent", .integer(0)), ("Bytes Sent", .integer(0)), ("Times Recv", .integer(0)),
         ("Bytes Recv", .integer(0)), ("Net Bytes Sent", .integer(0)), ("Net Bytes Recv", .integer(0))]
    }
}
