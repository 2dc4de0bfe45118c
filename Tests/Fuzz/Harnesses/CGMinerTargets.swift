import HearthCGMinerAPI

/// A reply from stock Avalon firmware (JSON or plain `|`-form), then every view the daemon reads from it.
let cgminerReplyTarget = FuzzTarget(name: "cgminer-reply") { bytes in
    guard let reply = try? ReplyDecoder.decodeSingle(bytes) else {
        _ = try? ReplyDecoder.decode(bytes)
        return
    }
    _ = try? SummaryInfo(reply)
    _ = try? VersionInfo(reply)
    _ = try? StatsInfo(reply)
    _ = try? PoolInfo.all(reply)
}

/// A request to our own cgminer-compatible server (JSON or plain `command|param`).
let cgminerRequestTarget = FuzzTarget(name: "cgminer-request") { bytes in
    _ = try? CGMinerRequest.decode(bytes)
}

/// The Avalon estats `Key[value] Key[value]…` string (the `MM ID0` field).
let avalonEstatsTarget = FuzzTarget(name: "avalon-estats") { bytes in
    guard let line = try? AvalonStatsLine(String(decoding: bytes, as: UTF8.self)) else { return }
    _ = try? AvalonEstats(line)
    for model in AvalonModel.allCases {
        _ = try? AvalonEstats(line, model: model)
    }
}
