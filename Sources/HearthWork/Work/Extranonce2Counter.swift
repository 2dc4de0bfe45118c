/// Hands out unique, fixed-size extranonce2 values, so no two boards (or chips) hash the
/// same coinbase for a job.
///
/// The space of `size`-byte values can be split between `partitions` counters: counter `p`
/// hands out p, p + partitions, p + 2·partitions, … Values are written big-endian, so the
/// hex a pool logs reads as the counter. When a counter's share is used up, `next()`
/// throws `.extranonce2Exhausted`; `reset()` starts again, which is safe once the job (or
/// its ntime) changed, because uniqueness only matters within one job.
public struct Extranonce2Counter: Sendable, Hashable {
    public let size: Int
    public let partition: UInt64
    public let partitions: UInt64
    /// Values handed out since the last reset.
    public private(set) var issued: UInt64 = 0
    /// How many values this counter can hand out between resets.
    public let capacity: UInt64

    /// `size` is the pool's extranonce2 size (0…32 bytes); only the low 8 bytes count, the
    /// rest are zero. Throws for a size outside 0…32 or a partition outside 0..<partitions.
    public init(size: Int, partition: Int = 0, partitions: Int = 1) throws(WorkError) {
        guard (0...32).contains(size) else { throw .badExtranonce2Size(size) }
        guard partitions >= 1, (0..<partitions).contains(partition) else {
            throw .badLength(field: "extranonce2 partition index", expected: partitions, actual: partition)
        }
        self.size = size
        self.partition = UInt64(partition)
        self.partitions = UInt64(partitions)
        // Values below 2^(8·size), capped at 2^64 for sizes ≥ 8 (a UInt64 counter never runs out there).
        let space: UInt64? = size >= 8 ? nil : 1 << UInt64(8 * size)
        if let space {
            capacity = space > self.partition ? (space - self.partition - 1) / self.partitions + 1 : 0
        } else {
            capacity = (UInt64.max - self.partition) / self.partitions + 1
        }
    }

    /// The next unused value, `size` bytes long.
    public mutating func next() throws(WorkError) -> [UInt8] {
        guard issued < capacity else { throw .extranonce2Exhausted(size: size) }
        let value = partition &+ issued &* partitions
        issued += 1
        var bytes = [UInt8](repeating: 0, count: size)
        for i in 0..<min(size, 8) { bytes[size - 1 - i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        return bytes
    }

    /// Starts over (call when the job changes).
    public mutating func reset() { issued = 0 }
}
