import ArgumentParser
import HearthDaemon

/// `hearth pools list|add URL --user U [--password P]|remove N|switch N`.
struct PoolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pools", abstract: "List, add, remove or switch mining pools (passwords are never shown).")
    @OptionGroup var options: ClientOptions
    @Argument(help: "list, add, remove or switch.") var action: String = "list"
    @Argument(help: "add: the pool URL; remove/switch: the pool number from `list`.") var target: String?
    @Option(help: "add: pool user (worker name).") var user: String?
    @Option(help: "add: pool password.") var password: String?

    func run() throws {
        let current = try options.client().call(.GET, "/v1/settings").decode(SettingsView.self)
        // Resent without passwords: the daemon keeps the stored one for the same url and user.
        var pools = current.pools.map { SettingsChange.PoolInput(url: $0.url, user: $0.user) }
        var active = current.activePool
        func index() throws -> Int {
            guard let target, let n = Int(target), (1...pools.count).contains(n) else {
                throw CLIError("give a pool number 1…\(pools.count) (see `hearth pools list`)")
            }
            return n - 1
        }
        switch action {
        case "list":
            if options.json { print(try APIContract.encode(PoolListing(pools: current.pools, activePool: active))); return }
            if pools.isEmpty { print("no pools"); return }
            for (i, p) in pools.enumerated() { print("\(i == active ? "*" : " ") \(i + 1)  \(p.url)  user \(p.user)") }
            return
        case "add":
            guard let target else { throw CLIError("pools add needs a URL like stratum+tcp://pool.example:3333") }
            guard let user, !user.isEmpty else { throw CLIError("pools add needs --user (the pool's worker name)") }
            pools.append(SettingsChange.PoolInput(url: target, user: user, password: password))
        case "remove":
            let i = try index()
            pools.remove(at: i)
            if let a = active { active = a == i ? (pools.isEmpty ? nil : 0) : (a > i ? a - 1 : a) }
        case "switch":
            active = try index()
        default: throw CLIError("unknown action '\(action)'; allowed: list, add, remove, switch")
        }
        let chosen = active ?? (pools.isEmpty ? nil : 0)
        let change = SettingsChange(pools: pools, activePool: chosen.map { .fixed($0) } ?? .auto)
        try options.patch(change) { s in
            "\(s.pools.count) pool(s)" + (s.activePool.map { ", mining on pool \($0 + 1)" } ?? "")
        }
    }
}

/// `hearth pools list --json`: the pools (no passwords) and the active one (null when none).
struct PoolListing: Encodable {
    var pools: [SettingsView.Pool]
    var activePool: Int?

    enum CodingKeys: String, CodingKey {
        case pools
        case activePool = "active_pool"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(activePool, forKey: .activePool)
        try c.encode(pools, forKey: .pools)
    }
}
