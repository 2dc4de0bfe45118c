import ArgumentParser
import Foundation

/// `hearth pools list|add URL --user U [--password P]|remove N|switch N`.
struct PoolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pools", abstract: "List, add, remove or switch mining pools (passwords are never shown).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "list, add, remove or switch.") var action: String = "list"
    @Argument(help: "add: the pool URL; remove/switch: the pool number from `list`.") var target: String?
    @Option(help: "add: pool user (worker name).") var user: String?
    @Option(help: "add: pool password.") var password: String?

    func run() throws {
        let current = try options.client.call(.GET, "/v1/settings").json ?? [:]
        var pools = (current["pools"] as? [[String: Any]] ?? []).map { p -> [String: String] in
            ["url": p["url"] as? String ?? "", "user": p["user"] as? String ?? ""]
        }
        var active = current["active_pool"] as? Int
        func index() throws -> Int {
            guard let target, let n = Int(target), (1...pools.count).contains(n) else {
                throw CLIError("give a pool number 1…\(pools.count) (see `hearth pools list`)")
            }
            return n - 1
        }
        switch action {
        case "list":
            if options.json { print(JSONSerialization.text(["pools": pools, "active_pool": active.map { $0 as Any } ?? NSNull()])); return }
            if pools.isEmpty { print("no pools"); return }
            for (i, p) in pools.enumerated() { print("\(i == active ? "*" : " ") \(i + 1)  \(p["url"]!)  user \(p["user"]!)") }
            return
        case "add":
            guard let target else { throw CLIError("pools add needs a URL like stratum+tcp://pool.example:3333") }
            guard let user, !user.isEmpty else { throw CLIError("pools add needs --user (the pool's worker name)") }
            var p = ["url": target, "user": user]
            if let password { p["password"] = password }
            pools.append(p)
        case "remove":
            let i = try index()
            pools.remove(at: i)
            if let a = active { active = a == i ? (pools.isEmpty ? nil : 0) : (a > i ? a - 1 : a) }
        case "switch":
            active = try index()
        default: throw CLIError("unknown action '\(action)'; allowed: list, add, remove, switch")
        }
        let chosen = active ?? (pools.isEmpty ? nil : 0)
        let body = JSONSerialization.text(["pools": pools, "active_pool": chosen.map { $0 as Any } ?? NSNull()])
        try options.patch(body) { s in
            let n = (s["pools"] as? [Any])?.count ?? 0
            return "\(n) pool(s)" + ((s["active_pool"] as? Int).map { ", mining on pool \($0 + 1)" } ?? "")
        }
    }
}

extension JSONSerialization {
    /// JSON text of a dictionary built here (absent values as NSNull).
    static func text(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
