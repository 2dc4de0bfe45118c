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
/// answers it. Plain requests are taken as they come (a command followed by a newline
/// is an invalid command, as on the unit); JSON goes through the library's decoder;
/// `+` joins read commands and refuses writes inside a join (Code 45).
enum AvalonCommandProcessor {
    static let maxRequest = CGMinerRequest.maxLength

    static func respond(to bytes: [UInt8], state: inout AvalonFirmwareState, snapshot: AvalonHardwareSnapshot,
                        now: Seconds, pool: AvalonPoolReport, nonFinite: ReplyEncoder.NonFinite) -> AvalonRequestOutcome
    {
        // The firmware's one recv reads at most 4095 bytes and treats them as a C string.
        var body = Array(bytes.prefix(maxRequest))
        let builder = AvalonReplyBuilder(profile: state.profile, state: state, snapshot: snapshot, now: now, pool: pool)
        let when = builder.when
        var outcome = AvalonRequestOutcome(reply: [])

        let form: CGMinerResponse.Form
        let commands: [String]
        var parameter: String?
        var joined = false
        if body.first == UInt8(ascii: "{") {
            form = .json
            switch Result(catching: { () throws(CGMinerRequestError) in try CGMinerRequest.decode(body) }) {
            case .success(let decoded):
                commands = decoded.request.commands
                parameter = decoded.request.parameter
                joined = commands.count > 1
            case .failure(let error):
                let reply = CGMinerReply.status(.error, code: error.statusCode, message: error.statusMessage, when: when)
                outcome.commands = ["(invalid)"]
                outcome.refusals = ["request: Code=\(error.statusCode) \(error.statusMessage) (\(error))"]
                outcome.reply = ReplyEncoder(form: .json, nonFinite: nonFinite).encode(reply)
                return outcome
            }
        } else {
            form = .plain
            if let nul = body.firstIndex(of: 0) { body.removeSubrange(nul...) }
            let text = String(decoding: body, as: UTF8.self)
            let pieces = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let command = pieces.first.map(String.init) ?? ""
            joined = command.contains("+")
            if joined {
                commands = command.split(separator: "+", omittingEmptySubsequences: true).map(String.init)
            } else {
                commands = [command]
                parameter = pieces.count > 1 ? String(pieces[1]) : nil
            }
        }
        let encoder = ReplyEncoder(form: form, nonFinite: nonFinite)

        if !joined, let command = commands.first {
            let (reply, kind, changed) = run(command, parameter: parameter, builder: builder, state: &state, now: now)
            outcome.commands = [kind]
            outcome.changedSetting = changed
            note(reply, request: describe(command, parameter), into: &outcome)
            outcome.reply = encoder.encode(reply)
            return outcome
        }
        // A join: each command once, in order; writes refused inside it.
        var seen: Set<String> = []
        var parts: [(command: String, reply: CGMinerReply)] = []
        for command in commands where !seen.contains(command) {
            seen.insert(command)
            let reply: CGMinerReply
            if let joinable = AvalonReplyBuilder.firmwareCommands[command], !joinable {
                reply = .status(.error, code: CGMinerStatusCode.accessDenied,
                                message: "Access denied to '\(command)' command", when: when)
                outcome.commands.append(command)
            } else {
                let (answer, kind, _) = run(command, parameter: nil, builder: builder, state: &state, now: now)
                reply = answer
                outcome.commands.append(kind)
            }
            note(reply, request: command, into: &outcome)
            parts.append((command, reply))
        }
        if parts.isEmpty {
            let reply = CGMinerReply.status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command",
                                            when: when)
            outcome.commands = ["(invalid)"]
            note(reply, request: commands.joined(separator: "+"), into: &outcome)
            outcome.reply = encoder.encode(reply)
            return outcome
        }
        outcome.reply = encoder.encode(joined: parts)
        return outcome
    }

    private static func run(_ command: String, parameter: String?, builder: AvalonReplyBuilder,
                            state: inout AvalonFirmwareState, now: Seconds) -> (CGMinerReply, String, Bool)
    {
        if command == "ascset" {
            return ascset(parameter, state: &state, now: now, when: builder.when)
        }
        if AvalonReplyBuilder.readCommands.contains(command) {
            return (builder.reply(for: command, parameter: parameter), command, false)
        }
        // Not in the firmware's table, or in it but not modelled here (config, coin, pool
        // writes…): the emulator answers both as an invalid command.
        let invalid = CGMinerReply.status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command",
                                          when: builder.when)
        return (invalid, AvalonReplyBuilder.firmwareCommands[command] == nil ? "(invalid)" : command, false)
    }

    /// `ascset` as `api.c` reads its parameter (`<id>,<option>[,<setting>]`) before the driver runs.
    private static func ascset(_ parameter: String?, state: inout AvalonFirmwareState, now: Seconds, when: Int64)
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

    private static func note(_ reply: CGMinerReply, request: String, into outcome: inout AvalonRequestOutcome) {
        if reply.status.isError {
            outcome.refusals.append("\(request): Code=\(reply.status.code) \(reply.status.message)")
        }
    }

    private static func describe(_ command: String, _ parameter: String?) -> String {
        parameter.map { "\(command)|\($0)" } ?? command
    }
}
