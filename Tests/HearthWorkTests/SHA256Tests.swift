import Crypto
import Foundation
import HearthSupport
import HearthWork
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 examples on every backend", arguments: SHA256Backend.all)
    func fipsVectors(backend: SHA256Backend) {
        let cases: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for (message, digest) in cases {
            #expect(HearthWork.SHA256.hash(Array(message.utf8), backend: backend).hex == digest)
        }
    }

    @Test("agrees with swift-crypto on random messages of 0…300 bytes", arguments: SHA256Backend.all)
    func agreesWithSwiftCrypto(backend: SHA256Backend) {
        var rng = SplitMix64(state: 0x5EED)
        for length in 0...300 {
            let message = rng.bytes(length)
            let expected = Array(Crypto.SHA256.hash(data: message))
            #expect(HearthWork.SHA256.hash(message, backend: backend) == expected, "length \(length)")
            let twice = Array(Crypto.SHA256.hash(data: expected))
            #expect(SHA256d.hash(message, backend: backend) == twice, "sha256d, length \(length)")
        }
    }

    @Test("SHA-NI and portable compressions agree on random blocks and states",
          .enabled(if: SHA256Backend.accelerated != nil, "this CPU has no SHA extensions"))
    func acceleratedMatchesPortable() throws {
        let accelerated = try #require(SHA256Backend.accelerated)
        var rng = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let block = rng.bytes(64)
            let w = (0..<8).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
            let start = SHA256State(words: (w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]))
            var viaPortable = start, viaAccelerated = start
            try SHA256Backend.portable.compress(&viaPortable, block: block)
            try accelerated.compress(&viaAccelerated, block: block)
            #expect(viaPortable == viaAccelerated)
            #expect(viaPortable != start)
        }
    }

    @Test("a block that is not 64 bytes is a thrown error")
    func badBlockLength() {
        var state = SHA256State.initial
        #expect(throws: WorkError.badLength(field: "SHA-256 block", expected: 64, actual: 63)) {
            try SHA256Backend.portable.compress(&state, block: [UInt8](repeating: 0, count: 63))
        }
    }
}
