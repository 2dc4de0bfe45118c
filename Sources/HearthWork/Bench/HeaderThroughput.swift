/// SHA-256d header throughput on one core: this package's nonce loop on each backend, and
/// any other header hasher passed in as a closure (the CLI passes swift-crypto), timed the
/// same way in the same run so the ratio means something.
public enum HeaderThroughput {
    public struct Result: Sendable, Hashable {
        public var label: String
        public var hashes: UInt64
        public var seconds: Double
        public var hashesPerSecond: Double { seconds > 0 ? Double(hashes) / seconds : 0 }
    }

    /// A fixed, realistic header (block 125552's) so runs are comparable.
    public static let sampleHeader: [UInt8] = {
        let prev = "81cd02ab7e569e8bcd9317e2fe99f2de44d49ab2b8851ba4a308000000000000"
        let merkle = "e320b6c2fffc8d750423db8b1eb942ae710e951ed797f7affc8892b0f1fc122b"
        let tail = "c7f5d74df2b9441a42a14695"
        // Literal hex: decoding cannot fail.
        return (try? [UInt8](hex: "01000000" + prev + merkle + tail)) ?? []
    }()

    /// Times `nonces` nonces of the scan loop on `backend` (target zero: no hits, pure hashing).
    public static func measure(backend: SHA256Backend, nonces: UInt64,
                               header: [UInt8] = sampleHeader) throws(WorkError) -> Result {
        let hasher = try HeaderHasher(header: header, backend: backend)
        let count = min(nonces, 1 << 32)
        let clock = ContinuousClock()
        let start = clock.now
        let hashed = hasher.scan(from: 0, count: count, target: .zero) { _, _ in false }
        let elapsed = start.duration(to: clock.now)
        return Result(label: "hearth \(backend)", hashes: hashed, seconds: seconds(elapsed))
    }

    /// Times `count` calls of `hashHeader(nonce)`, which should hash the 80-byte header with
    /// that nonce twice and return any byte of the result (folded into a sink so the work
    /// cannot be optimised away).
    public static func measure(label: String, count: UInt64, hashHeader: (UInt32) -> UInt8) -> Result {
        let clock = ContinuousClock()
        var sink: UInt8 = 0
        let start = clock.now
        var nonce: UInt32 = 0
        for _ in 0..<count {
            sink ^= hashHeader(nonce)
            nonce &+= 1
        }
        let elapsed = start.duration(to: clock.now)
        blackHole(sink)
        return Result(label: label, hashes: count, seconds: seconds(elapsed))
    }

    private static func seconds(_ d: Duration) -> Double {
        let (s, attoseconds) = d.components
        return Double(s) + Double(attoseconds) * 1e-18
    }

    @inline(never)
    private static func blackHole(_ value: UInt8) { _ = value }
}
