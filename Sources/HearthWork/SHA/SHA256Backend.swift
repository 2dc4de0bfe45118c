import CHearthSHA

/// Which SHA-256 compression runs: the portable Swift loop or a CPU's SHA instructions.
///
/// A backend value can only exist when it is usable on this machine: `accelerated` is nil
/// when the CPU lacks the instructions, so no API needs to throw or check again later.
public struct SHA256Backend: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Plain Swift, any CPU.
        case portable
        /// x86-64 SHA extensions (SHA256RNDS2/MSG1/MSG2), via the CHearthSHA C target.
        case x86SHA
    }

    public let kind: Kind
    private init(kind: Kind) { self.kind = kind }

    public var description: String { kind.rawValue }

    public static let portable = SHA256Backend(kind: .portable)

    /// The SHA-extension path when this CPU has it (cpuid, checked once).
    public static let accelerated: SHA256Backend? =
        hearth_sha_ni_available() != 0 ? SHA256Backend(kind: .x86SHA) : nil

    /// The fastest usable backend: what every API uses unless told otherwise.
    public static let best: SHA256Backend = accelerated ?? portable

    /// Every backend usable here (for tests that check they all agree).
    public static let all: [SHA256Backend] = [portable] + (accelerated.map { [$0] } ?? [])

    /// One compression of a 64-byte block into `state` (for tests and for callers that pad
    /// their own messages). Throws when `block` is not 64 bytes.
    public func compress(_ state: inout SHA256State, block: [UInt8]) throws(WorkError) {
        guard block.count == 64 else { throw .badLength(field: "SHA-256 block", expected: 64, actual: block.count) }
        block.withUnsafeBytes { compress(&state, block: $0.baseAddress!) }
    }

    /// Compresses one 64-byte block (big-endian words) into `state`.
    @inline(__always)
    func compress(_ state: inout SHA256State, block: UnsafeRawPointer) {
        switch kind {
        case .portable:
            PortableSHA256.compress(&state, block: block)
        case .x86SHA:
            withUnsafeMutablePointer(to: &state.words) { tuple in
                tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    hearth_sha256_compress_ni(words, block.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
    }
}
