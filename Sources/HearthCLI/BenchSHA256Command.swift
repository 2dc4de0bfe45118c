import ArgumentParser
import Crypto
import HearthCore
import HearthSimulator
import HearthSupport
import HearthWork

/// `hearth bench sha256`: SHA-256d header throughput per core of Hearth's nonce loop
/// (midstate reused, no allocation) against swift-crypto hashing the same headers,
/// measured in the same run and reported as ratios.
struct BenchSHA256Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256", abstract: "SHA-256d header throughput per core vs swift-crypto (run in release).")

    @Option(help: "Hashes per measurement.") var count: UInt64 = 2_000_000
    @Option(help: "Rounds; the best of each is kept.") var rounds = 3
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        guard count > 0, count <= 1 << 32, rounds >= 1, rounds <= 20 else {
            throw CLIError("--count must be 1…2^32 and --rounds 1…20")
        }
        var best: [String: HeaderThroughput.Result] = [:]
        func keep(_ r: HeaderThroughput.Result) {
            if let b = best[r.label], b.hashesPerSecond >= r.hashesPerSecond { return }
            best[r.label] = r
        }
        var header = HeaderThroughput.sampleHeader
        for _ in 0..<rounds {
            for backend in SHA256Backend.all {
                keep(try HeaderThroughput.measure(backend: backend, nonces: count))
            }
            keep(HeaderThroughput.measure(label: "swift-crypto", count: count) { nonce in
                header[76] = UInt8(truncatingIfNeeded: nonce)
                header[77] = UInt8(truncatingIfNeeded: nonce >> 8)
                header[78] = UInt8(truncatingIfNeeded: nonce >> 16)
                header[79] = UInt8(truncatingIfNeeded: nonce >> 24)
                let first = Crypto.SHA256.hash(data: header)
                return first.withUnsafeBytes { Crypto.SHA256.hash(data: $0) }.withUnsafeBytes { $0[31] }
            })
        }
        let crypto = best["swift-crypto"]?.hashesPerSecond ?? 0
        let portable = best["hearth \(SHA256Backend.portable)"]?.hashesPerSecond ?? 0
        let accelerated = SHA256Backend.accelerated.flatMap { best["hearth \($0)"]?.hashesPerSecond }
        let shaNI = SHA256Backend.accelerated != nil
        if json {
            print(JSONValue.object([
                ("cpu_has_sha_extensions", .bool(shaNI)),
                ("swift_crypto_hashes_per_second", .number(crypto.rounded())),
                ("portable_hashes_per_second", .number(portable.rounded())),
                ("portable_vs_swift_crypto", .number((portable / crypto * 1000).rounded() / 1000)),
                ("accelerated_hashes_per_second", accelerated.map { .number($0.rounded()) } ?? .null),
                ("accelerated_vs_swift_crypto", accelerated.map { .number(($0 / crypto * 1000).rounded() / 1000) } ?? .null),
            ]).serialized())
            return
        }
        func mh(_ x: Double) -> String { formatted(x / 1e6, decimals: 2) + " MH/s" }
        print("SHA-256d of 80-byte headers, one core, best of \(rounds) × \(count) hashes")
        print("  CPU SHA extensions: \(shaNI ? "yes" : "no")")
        print("  swift-crypto:          \(mh(crypto))")
        print("  hearth portable:       \(mh(portable))  (\(formatted(portable / crypto, decimals: 2))× swift-crypto)")
        if let accelerated {
            print("  hearth SHA extensions: \(mh(accelerated))  (\(formatted(accelerated / crypto, decimals: 2))× swift-crypto)")
        }
    }
}
