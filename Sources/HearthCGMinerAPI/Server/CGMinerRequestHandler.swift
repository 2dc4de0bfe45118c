import HearthSupport

/// One command of a request and what answered it.
public struct CGMinerAnswer: Sendable {
    /// The command as asked; nil when the request could not be read at all.
    public var command: String?
    public var parameter: String?
    public var reply: CGMinerReply
    /// The backend answered it (false: the handler did — unknown, denied, `check`, `privileged`).
    public var byBackend: Bool
}

/// What one request produced: the bytes to send and each command's answer.
public struct CGMinerHandled: Sendable {
    public var reply: [UInt8]
    public var answers: [CGMinerAnswer]
    public var form: CGMinerResponse.Form
}

/// cgminer's API protocol around a backend, as `api.c` reads one request: JSON when
/// it starts with `{` (`{"command":"summary","parameter":"…"}`), else plain
/// `command|parameter`; `+` joins read commands (each once, in order; the parameter is
/// dropped); a write inside a join, or from a client without `W:` access, answers
/// Code 45 "Access denied"; an unknown command Code 14 "Invalid command". Replies are
/// JSON or plain as the request was, ending in `\0`.
public struct CGMinerRequestHandler: Sendable {
    /// Forgive a trailing newline, `\r` or space in the plain form (`echo summary | nc`).
    /// The stock firmware does not (`estats\n` is an invalid command); the emulator keeps that.
    public var forgivesLineEnd: Bool
    public var nonFinite: ReplyEncoder.NonFinite
    /// `Description` of the replies the handler writes itself.
    public var minerDescription: String

    public init(forgivesLineEnd: Bool = true, nonFinite: ReplyEncoder.NonFinite = .zero,
                minerDescription: String = "cgminer 4.11.1")
    {
        self.forgivesLineEnd = forgivesLineEnd
        self.nonFinite = nonFinite
        self.minerDescription = minerDescription
    }

    /// The longest request read; more is cut, as the firmware's one `recv` cuts it.
    public static let maxRequest = CGMinerRequest.maxLength

    public func handle<Backend: CGMinerAPIBackend>(_ bytes: [UInt8], backend: inout Backend,
                                                   access: CGMinerAccess) -> CGMinerHandled
    {
        var body = Array(bytes.prefix(Self.maxRequest))
        let when = backend.when
        var commands: [String]
        var parameter: String?
        let joined: Bool
        let form: CGMinerResponse.Form
        if body.first == UInt8(ascii: "{") {
            form = .json
            switch Result(catching: { () throws(CGMinerRequestError) in try CGMinerRequest.decode(body) }) {
            case .success(let decoded):
                commands = decoded.request.commands
                parameter = decoded.request.parameter
                joined = commands.count > 1
            case .failure(let error):
                let reply = CGMinerReply.status(.error, code: error.statusCode, message: error.statusMessage, when: when,
                                                minerDescription: minerDescription)
                return CGMinerHandled(reply: ReplyEncoder(form: .json, nonFinite: nonFinite).encode(reply),
                                      answers: [CGMinerAnswer(command: nil, parameter: nil, reply: reply, byBackend: false)],
                                      form: .json)
            }
        } else {
            form = .plain
            if let nul = body.firstIndex(of: 0) { body.removeSubrange(nul...) }
            if forgivesLineEnd {
                while let last = body.last, last == 0x0A || last == 0x0D || last == 0x20 { body.removeLast() }
            }
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
            let answer = run(command, parameter: parameter, inJoin: false, backend: &backend, access: access, when: when)
            return CGMinerHandled(reply: encoder.encode(answer.reply), answers: [answer], form: form)
        }
        var seen: Set<String> = []
        var answers: [CGMinerAnswer] = []
        for command in commands where !seen.contains(command) {
            seen.insert(command)
            answers.append(run(command, parameter: nil, inJoin: true, backend: &backend, access: access, when: when))
        }
        if answers.isEmpty {
            let answer = CGMinerAnswer(command: commands.joined(separator: "+"), parameter: nil,
                                       reply: invalidCommand(when), byBackend: false)
            return CGMinerHandled(reply: encoder.encode(answer.reply), answers: [answer], form: form)
        }
        return CGMinerHandled(reply: encoder.encode(joined: answers.map { ($0.command ?? "", $0.reply) }),
                              answers: answers, form: form)
    }

    private func run<Backend: CGMinerAPIBackend>(_ command: String, parameter: String?, inJoin: Bool,
                                                 backend: inout Backend, access: CGMinerAccess, when: Int64)
        -> CGMinerAnswer
    {
        func mine(_ reply: CGMinerReply) -> CGMinerAnswer {
            CGMinerAnswer(command: command, parameter: parameter, reply: reply, byBackend: false)
        }
        guard let rule = backend.commands[command] else { return mine(invalidCommand(when)) }
        if (inJoin && !rule.joinable) || (rule.writes && access < .write) {
            return mine(.status(.error, code: CGMinerStatusCode.accessDenied,
                                message: "Access denied to '\(command)' command", when: when,
                                minerDescription: minerDescription))
        }
        switch command {
        case "check": return mine(check(parameter, commands: backend.commands, access: access, when: when))
        case "privileged":
            return mine(.status(.success, code: CGMinerStatusCode.privilegedOK, message: "Privileged access OK",
                                when: when, minerDescription: minerDescription))
        default:
            return CGMinerAnswer(command: command, parameter: parameter,
                                 reply: backend.respond(to: command, parameter: parameter), byBackend: true)
        }
    }

    /// `check|CMD`: whether the command exists and whether this client may run it.
    private func check(_ parameter: String?, commands: [String: CGMinerCommandRule], access: CGMinerAccess,
                       when: Int64) -> CGMinerReply
    {
        guard let parameter, !parameter.isEmpty else {
            return .status(.error, code: CGMinerStatusCode.check - 1, message: "Missing check cmd", when: when,
                           minerDescription: minerDescription)
        }
        let rule = commands[parameter]
        let allowed = rule.map { !$0.writes || access >= .write } ?? false
        let record: JSONObject = [("Exists", .string(rule != nil ? "Y" : "N")), ("Access", .string(allowed ? "Y" : "N"))]
        return .success(code: CGMinerStatusCode.check, message: "Check command", when: when,
                        sections: [CGMinerSection(name: "CHECK", records: [record])], minerDescription: minerDescription)
    }

    private func invalidCommand(_ when: Int64) -> CGMinerReply {
        .status(.error, code: CGMinerStatusCode.invalidCommand, message: "Invalid command", when: when,
                minerDescription: minerDescription)
    }
}
