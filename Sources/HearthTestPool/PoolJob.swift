import Crypto
import HearthStratum
import HearthSupport
import HearthWork

/// One job of the test pool, shaped like a real block template: a coinbase with a
/// BIP 34 height push and the extranonces inside its script, a payout output,
/// optionally a segwit witness commitment, and a merkle branch of fake txids.
struct PoolJob {
    var id: String
    var sequence: Int
    var height: Int
    /// Previous block hash in internal byte order (as it goes into the header).
    var previousHash: [UInt8]
    var coinbase1: [UInt8]
    var coinbase2: [UInt8]
    var merkleBranch: [[UInt8]]
    var version: UInt32
    var nbits: UInt32
    var ntime: UInt32
    var clean: Bool

    static let tag = Array("/hearth testpool/".utf8)

    init(sequence: Int, height: Int, previousHash: [UInt8], extranonceSize: Int, branchLength: Int,
         witnessCommitment: Bool, ntime: UInt32, clean: Bool)
    {
        id = String(sequence, radix: 16)
        self.sequence = sequence
        self.height = height
        self.previousHash = previousHash
        version = 0x2000_0000
        nbits = 0x1702_5CED
        self.ntime = ntime
        self.clean = clean

        let heightPush = Self.scriptNumberPush(height)
        let scriptLength = heightPush.count + 1 + extranonceSize + 1 + Self.tag.count
        coinbase1 = [0x02, 0x00, 0x00, 0x00, 0x01] + [UInt8](repeating: 0, count: 32) + [0xFF, 0xFF, 0xFF, 0xFF]
            + [UInt8(scriptLength)] + heightPush + [UInt8(extranonceSize)]
        var tail: [UInt8] = [UInt8(Self.tag.count)] + Self.tag + [0xFF, 0xFF, 0xFF, 0xFF]
        tail.append(witnessCommitment ? 2 : 1)
        tail += Self.le64(312_500_000) + [0x16, 0x00, 0x14] + Self.fakeHash("payout", sequence).prefix(20)
        if witnessCommitment {
            tail += Self.le64(0) + [0x26, 0x6A, 0x24, 0xAA, 0x21, 0xA9, 0xED] + Self.fakeHash("witness", sequence)
        }
        tail += [0, 0, 0, 0]
        coinbase2 = tail
        merkleBranch = (0..<branchLength).map { Self.fakeHash("txid \($0)", sequence) }
    }

    /// `mining.notify` params; prevhash as eight byte-swapped 32-bit words.
    func notifyParams(clean: Bool) -> [JSONValue] {
        var swapped: [UInt8] = []
        for word in stride(from: 0, to: 32, by: 4) { swapped += previousHash[word..<word + 4].reversed() }
        return [
            .string(id), .string(swapped.hex), .string(coinbase1.hex), .string(coinbase2.hex),
            .array(merkleBranch.map { .string($0.hex) }), .string(StratumHex.word(version)),
            .string(StratumHex.word(nbits)), .string(StratumHex.word(ntime)), .bool(clean),
        ]
    }

    /// BIP 34: the height as a minimal little-endian script number, pushed.
    static func scriptNumberPush(_ n: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var v = n
        while v > 0 {
            bytes.append(UInt8(v & 0xFF))
            v >>= 8
        }
        if let last = bytes.last, last & 0x80 != 0 { bytes.append(0) }
        return [UInt8(bytes.count)] + bytes
    }

    static func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static func fakeHash(_ label: String, _ n: Int) -> [UInt8] {
        Array(SHA256.hash(data: Array("hearth testpool \(label) \(n)".utf8)))
    }
}
