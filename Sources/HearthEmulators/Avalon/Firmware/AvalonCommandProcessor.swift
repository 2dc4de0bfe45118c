import HearthCGMinerAPI
import HearthCore

/// What one request did: the bytes to send back, which commands ran, and which the
/// firmware refused (every STATUS E in the reply).
struct AvalonRequestOutcome: Sendable {
    var reply: [UInt8]
    /// One entry per command answered: its name, or `ascset <option>`, or `(invalid)`.
    var commands: [String] = []
    /// `ascset|0,workmode,set,1: Code=120 ASC 0 set failed: current mode 2 is caling…`
    var refusals: [String] = []
    /// A work mode or level changed: the hash board restarts and recalibrates.
    var changedSetting = false
}

/// The firmware's API thread minus the socket: reads one request as `api.c` does and
/// answers it, through the protocol handler Hearth's own server uses
/// (`CGMinerRequestHandler`: plain requests taken as they come, so a command followed
/// by a newline is an invalid command as on the unit; `+` joins reads and refuses
/// writes inside a join with Code 45) and the shared Avalon reply shapes. The stock
/// firmware has no access list: every client may write.
enum AvalonCommandProcessor {
    static let maxRequest = CGMinerRequest.maxLength

    static func respond(to bytes: [UInt8], state: inout AvalonFirmwareState, snapshot: AvalonHardwareSnapshot,
                        now: Seconds, pool: AvalonPoolReport, nonFinite: ReplyEncoder.NonFinite,
                        access: CGMinerAccess = .write) -> AvalonRequestOutcome
    {
        var backend = AvalonFirmwareBackend(state: state, snapshot: snapshot, now: now, pool: pool)
        let handler = CGMinerRequestHandler(forgivesLineEnd: false, nonFinite: nonFinite)
        let handled = handler.handle(bytes, backend: &backend, access: access)
        state = backend.state
        var outcome = AvalonRequestOutcome(reply: handled.reply)
        outcome.changedSetting = backend.changedSetting
        var labels = backend.labels[...]
        for answer in handled.answers {
            guard let command = answer.command else {
                outcome.commands.append("(invalid)")
                outcome.refusals.append("request: Code=\(answer.reply.status.code) \(answer.reply.status.message)")
                continue
            }
            if answer.byBackend, let label = labels.popFirst() {
                outcome.commands.append(label)
            } else {
                outcome.commands.append(AvalonReplyBuilder.firmwareCommands[command] == nil ? "(invalid)" : command)
            }
            if answer.reply.status.isError {
                let request = answer.parameter.map { "\(command)|\($0)" } ?? command
                outcome.refusals.append("\(request): Code=\(answer.reply.status.code) \(answer.reply.status.message)")
            }
        }
        return outcome
    }

    /// The reading the shared reply shapes print: the firmware state and the hardware.
    static func reading(state: AvalonFirmwareState, snapshot: AvalonHardwareSnapshot, now: Seconds,
                        pool: AvalonPoolReport) -> AvalonUnitReading
    {
        var report = pool
        report.alive = true
        report.active = true
        report.accepted = state.acceptedShares(difficulty: pool.difficulty)
        report.lastShareUnix = state.lastShareUnix
        return AvalonUnitReading(
            hottestChip: snapshot.hottestChip, averageChip: snapshot.averageChip, inlet: snapshot.inlet,
            outlet: snapshot.outlet, fanSpeeds: snapshot.fanSpeeds, fanDuty: snapshot.fanDuty,
            wallPower: snapshot.wallPower, hashrate: snapshot.hashrate, nominalHashrate: snapshot.nominalHashrate,
            frequency: snapshot.frequency, hashing: snapshot.hashing, uptime: state.uptime(at: now),
            unixTime: state.unixTime(now), totalHashes: state.totalHashes, rolling5s: state.rolling5s,
            rolling1m: state.rolling1m, rolling5m: state.rolling5m, rolling15m: state.rolling15m, isUp: state.isUp,
            isCalibrating: state.isCalibrating, calibrationProgress: state.calibrationProgress(at: now),
            softOff: state.softOff, lastSoftOff: state.lastSoftOff, lastSoftOn: state.lastSoftOn,
            setting: state.setting, level: state.level, targetTemperature: state.parameters.targetTemperature,
            maxPower: state.parameters.maxPower, lcdOn: state.lcdOn, bootBy: state.bootBy,
            acceptedShares: report.accepted, lastShareUnix: state.lastShareUnix, pools: [report])
    }
}

/// The emulated firmware as a `CGMinerAPIBackend`: its command table, the shared
/// reply shapes for reads, and `ascset` on its state. Commands in the table it does not
/// model (config, coin, pool writes…) answer as an invalid command.
struct AvalonFirmwareBackend: CGMinerAPIBackend {
    var state: AvalonFirmwareState
    let snapshot: AvalonHardwareSnapshot
    let now: Seconds
    let pool: AvalonPoolReport
    /// One per command answered here: its name, or `ascset <option>`.
    var labels: [String] = []
    var changedSetting = false

    var commands: [String: CGMinerCommandRule] {
        AvalonReplyBuilder.firmwareCommands.mapValues { joinable in
            CGMinerCommandRule(writes: !joinable, joinable: joinable)
        }
    }

    var when: Int64 { state.unixTime(now) }

    mutating func respond(to command: String, parameter: String?) -> CGMinerReply {
        if command == "ascset" {
            let (reply, label, changed) = AvalonCommandProcessor.ascset(parameter, state: &state, now: now, when: when)
            labels.append(label)
            changedSetting = changedSetting || changed
            return reply
        }
        labels.append(command)
        if AvalonReplyBuilder.readCommands.contains(command) {
            let reading = AvalonCommandProcessor.reading(state: state, snapshot: snapshot, now: now, pool: pool)
            return AvalonReplyBuilder(profile: state.profile, reading: reading).reply(for: command, parameter: parameter)
        }
        return .status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: when)
    }
}

extension AvalonCommandProcessor {
    /// `ascset` as `api.c` reads its parameter (`<id>,<option>[,<setting>]`) before the driver runs.
    static func ascset(_ parameter: String?, state: inout AvalonFirmwareState, now: Seconds, when: Int64)
        -> (CGMinerReply, String, Bool)
    {
        guard let parameter, !parameter.isEmpty else {
            return (.status(.error, code: 15, message: "Missing device id parameter", when: when), "ascset", false)
        }
        let fields = parameter.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2, !fields[1].isEmpty else {
            return (.status(.error, code: CGMinerStatusCode.missingAscOption, message: "Missing option after ASC number",
                            when: when), "ascset", false)
        }
        let id = CScan.integer(fields[0]) ?? 0  // atoi
        let option = fields[1]
        let kind = "ascset \(option.lowercased())"
        guard id == 0 else {
            return (.status(.error, code: 107, message: "Invalid ASC id \(id) - range is 0 - 0", when: when), kind, false)
        }
        let (result, changed) = AvalonAscset.run(option: option, setting: fields.count > 2 ? fields[2] : nil,
                                                 state: &state, now: now)
        let reply: CGMinerReply = switch result {
        case .ok: .status(.success, code: CGMinerStatusCode.ascsetOK, message: "ASC 0 set OK", when: when)
        case .info(let text): .status(.info, code: CGMinerStatusCode.ascsetInfo, message: "ASC 0 set info: \(text)", when: when)
        case .failed(let text): .status(.error, code: CGMinerStatusCode.ascsetFailed, message: "ASC 0 set failed: \(text)", when: when)
        }
        return (reply, kind, changed)
    }
}
