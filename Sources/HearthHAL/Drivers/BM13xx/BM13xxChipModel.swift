import HearthCore

/// What differs between BM1366, BM1368 and BM1370 (ESP-Miner bm13xx.c, device_config.h).
public struct BM13xxChipModel: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// Identity in a register-0 reply ("13 66").
    public var chipID: UInt16
    public var cores: Int
    public var smallCores: Int
    /// Feedback divider range of the PLL.
    public var feedbackDivider: ClosedRange<Int>
    /// Step of the job id between jobs (mod 128).
    public var jobIDStep: Int
    public var defaultFrequency: Megahertz
    public var defaultVoltage: Millivolts

    public var description: String { name }

    public static let bm1366 = BM13xxChipModel(name: "BM1366", chipID: 0x1366, cores: 112, smallCores: 894,
                                               feedbackDivider: 144...235, jobIDStep: 8,
                                               defaultFrequency: Megahertz(485), defaultVoltage: Millivolts(1200))
    public static let bm1368 = BM13xxChipModel(name: "BM1368", chipID: 0x1368, cores: 80, smallCores: 1276,
                                               feedbackDivider: 144...235, jobIDStep: 24,
                                               defaultFrequency: Megahertz(490), defaultVoltage: Millivolts(1166))
    public static let bm1370 = BM13xxChipModel(name: "BM1370", chipID: 0x1370, cores: 128, smallCores: 2040,
                                               feedbackDivider: 160...239, jobIDStep: 24,
                                               defaultFrequency: Megahertz(525), defaultVoltage: Millivolts(1150))

    public static let all = [bm1366, bm1368, bm1370]

    /// By name, case-insensitive ("bm1366", "BM1370").
    public static func named(_ name: String) -> BM13xxChipModel? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The job id a nonce reply's id byte refers to: BM1366 keeps the id in bits 3…7
    /// (small core in 0…2); BM1368/70 in bits 4…7, shifted (small core in 0…3).
    public func jobID(fromReplyByte b: UInt8) -> UInt8 {
        jobIDStep == 8 ? b & 0xF8 : (b & 0xF0) >> 1
    }

    /// The reply byte a chip sends for job `id` from small core `smallCore` (the virtual chip).
    public func replyByte(jobID id: UInt8, smallCore: UInt8) -> UInt8 {
        jobIDStep == 8 ? (id & 0xF8) | (smallCore & 0x07) : ((id << 1) & 0xF0) | (smallCore & 0x0F)
    }

    /// Hashes per second at frequency f: one hash per small core per clock.
    public func hashrate(at f: Megahertz) -> HashRate { HashRate(Double(smallCores) * f.value * 1e6) }
}
