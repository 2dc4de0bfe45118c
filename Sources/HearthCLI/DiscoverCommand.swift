import ArgumentParser
import Foundation
import HearthAvalon
import HearthCGMinerAPI

/// `hearth discover [CIDR]`: which hosts answer the miner API, and as what model.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find stock miners answering the cgminer-style API on a network (at most a /22, 32 at a time).")

    @Argument(help: "The network to scan, e.g. 192.168.1.0/24 (or one address).") var cidr: String
    @Option(help: "API port.") var port = CGMinerEndpoint.defaultPort
    @Option(help: "Seconds to wait for each host.") var timeout = 0.8
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let hosts: [String]
        do { hosts = try AvalonDiscovery.hosts(cidr: cidr) } catch { throw CLIError(error.description) }
        guard timeout > 0, timeout <= 10 else { throw CLIError("--timeout must be > 0 and at most 10 s") }
        guard (1...65535).contains(port) else { throw CLIError("--port must be 1…65535") }
        let found = await AvalonDiscovery.scan(hosts: hosts, port: port, timeout: .milliseconds(Int(timeout * 1000)))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(found), as: UTF8.self))
            return
        }
        print("scanned \(hosts.count) address\(hosts.count == 1 ? "" : "es") on port \(port): \(found.count) answered")
        for f in found {
            print("  \(f.host):\(f.port)  \(f.model ?? f.product ?? "unknown model")  firmware \(f.firmware ?? "?")")
        }
    }
}
