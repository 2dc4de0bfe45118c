import HearthCGMinerAPI
import HearthCore
import HearthSupport

/// The writes of the cgminer-style API, each one change through `DaemonState.change`
/// (validated and saved before it is answered):
/// - `ascset|0,worklevel,set,N` and `ascset|0,workmode,set,N` → `point_override`: the
///   board's N-th point by power (its watts are the cap the planner may use); pyasic's
///   `set_power_limit` sends `worklevel,set` with no value for level 0, read as 0.
/// - `ascset|0,softoff,…` → mode off; `softon` → back to the last heating mode.
/// - `switchpool|N`, `addpool|URL,USER,PASS`, `removepool|N` → the settings' pools.
extension DaemonCGMinerBackend {
    func ascset(_ parameter: String?) -> CGMinerReply {
        guard let parameter, !parameter.isEmpty else {
            return .status(.error, code: CGMinerStatusCode.missingID, message: "Missing device id parameter", when: when)
        }
        let fields = parameter.split(separator: ",", omittingEmptySubsequences: false).map { String($0).lowercased() }
        guard fields.count >= 2, !fields[1].isEmpty else {
            return .status(.error, code: CGMinerStatusCode.missingAscOption, message: "Missing option after ASC number", when: when)
        }
        guard fields[0] == "0" else {
            return .status(.error, code: 107, message: "Invalid ASC id \(fields[0]) - range is 0 - 0", when: when)
        }
        let option = fields[1], rest = Array(fields.dropFirst(2))
        switch option {
        case "worklevel", "workmode":
            guard rest.first == "set" else { return failed("\(option): use \(option),set,N (0…\(levels.count - 1))") }
            // pyasic drops a value of 0 (`if val:`), so `worklevel,set` alone means level 0.
            let text = rest.count > 1 ? rest[1] : "0"
            guard let n = Int(text), levels.indices.contains(n) else {
                return failed("\(option) '\(text)' is out of range; allowed 0…\(levels.count - 1)")
            }
            let point = state.board.operatingPoints[levels[n]]
            if let problem = change(["point_override": .string(point.name)]) { return failed(problem) }
            return .status(.success, code: CGMinerStatusCode.ascsetOK, message: "ASC 0 set OK", when: when)
        case "softoff", "softon":
            let current = state.settings.mode
            let next: Mode
            if option == "softoff" {
                if current != .off { lastHeatingMode.withLockedValue { $0 = current } }
                next = .off
            } else {
                next = current == .off ? lastHeatingMode.withLockedValue { $0 } : current
            }
            if let problem = change(["mode": .string(next.rawValue)]) { return failed(problem) }
            return .status(.info, code: CGMinerStatusCode.ascsetInfo, message: "ASC 0 set info: success \(option):\(when)",
                           when: when)
        case "help":
            return .status(.info, code: CGMinerStatusCode.ascsetInfo,
                           message: "ASC 0 set info: worklevel|workmode (set,0-\(levels.count - 1)) softoff softon", when: when)
        default:
            return .status(.error, code: CGMinerStatusCode.ascsetNotSupported,
                           message: "ASC 0 set failed: option '\(option)' is not one Hearth takes; allowed: worklevel, workmode, softoff, softon, help",
                           when: when)
        }
    }

    func pool(_ command: String, _ parameter: String?) -> CGMinerReply {
        let settings = state.settings
        let pools = settings.pools
        if command == "addpool" {
            let parts = (parameter ?? "").split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .status(.error, code: CGMinerStatusCode.invalidPoolDetails,
                               message: "Invalid addpool details '\(parameter ?? "")': use URL,USER,PASS", when: when)
            }
            var list = existing(pools)
            var added: JSONObject = [("url", .string(parts[0])), ("user", .string(parts[1]))]
            if parts.count > 2 { added["password"] = .string(parts[2]) }
            list.append(.object(added))
            if let problem = change(["pools": .array(list)]) {
                return .status(.error, code: CGMinerStatusCode.invalidPoolDetails,
                               message: "Invalid addpool details '\(parts[0])': \(problem)", when: when)
            }
            return .status(.success, code: CGMinerStatusCode.addPool, message: "Added pool \(pools.count): '\(parts[0])'", when: when)
        }
        guard let text = parameter, !text.isEmpty else {
            return .status(.error, code: CGMinerStatusCode.missingPoolID, message: "Missing pool id parameter", when: when)
        }
        guard let n = Int(text), pools.indices.contains(n) else {
            return .status(.error, code: CGMinerStatusCode.invalidPoolID,
                           message: "Invalid pool id \(text) - range is 0 - \(pools.count - 1)", when: when)
        }
        let url = pools[n].url, active = settings.activePool ?? 0
        switch command {
        case "switchpool":
            if let problem = change(["active_pool": .integer(Int64(n))]) { return poolFailed(problem) }
            return .status(.success, code: CGMinerStatusCode.switchPool, message: "Switching to pool \(n):'\(url)'", when: when)
        case "enablepool":
            // Hearth fails over through every pool it has: each one is always enabled.
            return .status(.info, code: CGMinerStatusCode.poolAlreadyEnabled, message: "Pool \(n):'\(url)' already enabled", when: when)
        case "disablepool":
            return .status(.error, code: CGMinerStatusCode.disablePool,
                           message: "Pool \(n):'\(url)' cannot be disabled: Hearth fails over through every pool; use removepool",
                           when: when)
        default:  // removepool
            guard n != active else {
                return .status(.error, code: CGMinerStatusCode.cannotRemoveActivePool,
                               message: "Cannot remove active pool \(n):'\(url)'", when: when)
            }
            var list = existing(pools)
            list.remove(at: n)
            let body: JSONObject = [("pools", .array(list)), ("active_pool", .integer(Int64(n < active ? active - 1 : active)))]
            if let problem = change(body) { return poolFailed(problem) }
            return .status(.success, code: CGMinerStatusCode.removePool, message: "Removed pool \(n):'\(url)'", when: when)
        }
    }

    /// The pools as the settings path takes them back: url and user (the stored password is kept).
    private func existing(_ pools: [PoolSetting]) -> [JSONValue] {
        pools.map { .object([("url", .string($0.url)), ("user", .string($0.user))]) }
    }

    /// Applies one change; the refusal's text, or nil when it was saved.
    private func change(_ body: JSONObject) -> String? {
        do {
            try state.change(.object(body))
            logger.info("cgminer API changed the settings: \(body.keys.joined(separator: ", "))")
            return nil
        } catch {
            logger.notice("cgminer API change of \(body.keys.joined(separator: ", ")) refused: \(error)")
            return "\(error)"
        }
    }

    private func failed(_ text: String) -> CGMinerReply {
        .status(.error, code: CGMinerStatusCode.ascsetFailed, message: "ASC 0 set failed: \(text)", when: when)
    }

    private func poolFailed(_ text: String) -> CGMinerReply {
        .status(.error, code: CGMinerStatusCode.invalidPoolDetails, message: text, when: when)
    }
}
