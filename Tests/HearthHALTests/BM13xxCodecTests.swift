import HearthCore
@testable import HearthHAL
import Testing

/// BM13xx frames, replies and checksums against published bytes (ESP-Miner's
/// hard-coded init frames and its BM1368 chip-id reply comment) and CRC catalogue vectors.
@Suite struct BM13xxCodecTests {
    static func bytes(_ hex: String) -> [UInt8] {
        hex.split(separator: " ").map { UInt8($0, radix: 16)! }
    }

    @Test func crc16CCITTFalseCatalogueVector() {
        #expect(BM13xxCRC.crc16False(Array("123456789".utf8)) == 0x29B1)
        #expect(BM13xxCRC.crc16False([UInt8]()) == 0xFFFF)
    }

    @Test(arguments: [
        "55 AA 52 05 00 00 0A",                 // read register 0 of all chips
        "55 AA 53 05 00 00 03",                 // chain inactive
        "55 AA 40 05 00 00 1C",                 // set address 0
        "55 AA 51 09 00 A4 90 00 FF FF 1C",     // version mask
        "55 AA 51 09 00 28 11 30 02 00 03",     // 1 Mbaud
        "55 AA 51 09 00 A8 00 07 00 00 03",
        "55 AA 51 09 00 18 FF 0F C1 00 00",
        "55 AA 51 09 00 3C 80 00 85 40 0C",
        "55 AA 41 09 00 2C 00 7C 00 03 03",     // single chip write
    ])
    func commandFramesMatchPublishedBytes(_ hex: String) {
        let published = Self.bytes(hex)
        let header = published[2]
        let frame = BM13xxFrame.command(BM13xxFrame.Command(rawValue: header & 0x0F)!, all: header & 0x10 != 0,
                                        data: Array(published[4..<(published.count - 1)]))
        #expect(frame == published)
    }

    @Test func registerHelpersBuildThePublishedFrames() {
        #expect(BM13xxFrame.readRegister(0, all: true) == Self.bytes("55 AA 52 05 00 00 0A"))
        #expect(BM13xxFrame.writeRegister(BM13xxRegister.fastUART, value: BM13xxRegister.fastUARTValue, all: true)
                == Self.bytes("55 AA 51 09 00 28 11 30 02 00 03"))
        #expect(BM13xxFrame.writeRegister(BM13xxRegister.versionMask,
                                          value: BM13xxRegister.versionMaskValue(0x1FFF_E000), all: true)
                == Self.bytes("55 AA 51 09 00 A4 90 00 FF FF 1C"))
    }

    @Test func publishedChipIDReplyDecodes() throws {
        // bm1370.c: "should respond AA 55 13 68 00 00 00 00 00 00 0F"
        let reply = BM13xxReply.decode(Self.bytes("AA 55 13 68 00 00 00 00 00 00 0F")[...])
        #expect(reply == .register(value: 0x1368_0000, chipAddress: 0, register: 0))
        #expect(reply?.encoded() == Self.bytes("AA 55 13 68 00 00 00 00 00 00 0F"))
    }

    @Test func nonceReplyRoundTripsWithJobBitAndVersion() throws {
        let n = BM13xxNonceReply(nonce: 0x1234_5678, midstate: 0, jobByte: 0x2B, versionBits: 0x0ABC)
        let bytes = BM13xxReply.nonce(n).encoded()
        #expect(bytes.count == 11)
        #expect(bytes[10] & 0x80 != 0)
        #expect(BM13xxCRC.crc5(bytes[2...]) == 0)
        #expect(BM13xxReply.decode(bytes[...]) == .nonce(n))
        #expect(n.version(base: 0x2000_0000, mask: 0x1FFF_E000) == 0x2000_0000 | (0x0ABC << 13))
        #expect(n.version(base: 0x2000_0000, mask: 0) == 0x2000_0000)
        #expect(BM13xxChipModel.bm1366.jobID(fromReplyByte: 0x2B) == 0x28)
    }

    @Test func jobIDsRoundTripThroughTheReplyByte() {
        for model in BM13xxChipModel.all {
            var id = 0
            for _ in 0..<64 {
                id = (id + model.jobIDStep) % 128
                let b = model.replyByte(jobID: UInt8(id), smallCore: 5)
                #expect(model.jobID(fromReplyByte: b) == UInt8(id), "\(model) id \(id)")
            }
        }
    }

    @Test func everyFlippedBitIsCaughtAndCounted() {
        let good = BM13xxReply.register(value: 0x1366_7000, chipAddress: 0, register: 0).encoded()
        for bit in 16..<(8 * good.count) {
            var bad = good
            bad[bit / 8] ^= UInt8(0x80 >> (bit % 8))
            var decoder = BM13xxReplyDecoder()
            let replies = decoder.feed(bad)
            // A flip in the two spare bits is the only one CRC5 may not see; never a wrong register.
            #expect(replies.isEmpty || replies == [.register(value: 0x1366_7000, chipAddress: 0, register: 0)]
                    || bit / 8 == 10, "bit \(bit)")
            if replies.isEmpty { #expect(decoder.crcErrors + decoder.discardedBytes > 0) }
        }
    }

    @Test func decoderResyncsAfterNoiseAndShortFrames() {
        let a = BM13xxReply.register(value: 1, chipAddress: 0, register: 0x08).encoded()
        let b = BM13xxReply.nonce(BM13xxNonceReply(nonce: 7, midstate: 0, jobByte: 8, versionBits: 0)).encoded()
        var decoder = BM13xxReplyDecoder()
        var got = decoder.feed([0x00, 0xFF, 0xAA] + Array(a.prefix(5)))   // noise, a stray AA, half a reply
        #expect(got.isEmpty)
        got = decoder.feed(Array(a.dropFirst(5)) + Array(b.prefix(4)))
        #expect(got == [.register(value: 1, chipAddress: 0, register: 0x08)])
        decoder.dropPartial()                                              // the rest of b never came
        got = decoder.feed(a + b)
        #expect(got.count == 2)
        #expect(decoder.discardedBytes >= 3)
        // Arbitrary bytes never crash and never grow the buffer without bound.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 { _ = decoder.feed((0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) }) }
        #expect(decoder.pendingBytes < BM13xxReply.size)
    }

    @Test func ticketMaskMatchesESPMinerExamples() {
        // get_difficulty_mask: 256 → {00 00 00 ff}, 512 → {00 00 01 ff} before bit reversal of each byte.
        #expect(BM13xxRegister.ticketMaskValue(difficulty: 256) == 0x0000_00FF)
        #expect(BM13xxRegister.ticketMaskValue(difficulty: 512) == 0x0000_80FF)
        #expect(BM13xxRegister.ticketMaskValue(difficulty: 1) == 0)
        for d: UInt32 in [1, 2, 64, 256, 1024, 1 << 20] {
            #expect(BM13xxRegister.ticketDifficulty(maskValue: BM13xxRegister.ticketMaskValue(difficulty: d)) == d)
        }
        #expect(BM13xxRegister.ticketDifficulty(forShareDifficulty: 0.001) == 1)
        #expect(BM13xxRegister.ticketDifficulty(forShareDifficulty: 100) == 64)
        #expect(BM13xxRegister.ticketDifficulty(forShareDifficulty: 65536) == 256)
        #expect(BM13xxRegister.ticketDifficulty(forShareDifficulty: .nan) == 1)
    }

    @Test func jobEncodingIsTheESPMinerLayoutAndInverts() throws {
        let header = (0..<80).map { UInt8($0) }
        let job = BM13xxJob.encode(jobID: 0x18, header: header)
        #expect(job.count == 82)
        #expect(job[0] == 0x18 && job[1] == 1)
        #expect(Array(job[2..<6]) == [0, 0, 0, 0])
        #expect(Array(job[6..<10]) == [72, 73, 74, 75])                 // nbits
        #expect(Array(job[10..<14]) == [68, 69, 70, 71])                // ntime
        #expect(Array(job[14..<18]) == [64, 65, 66, 67])                // merkle root, last word first
        #expect(Array(job[42..<46]) == [36, 37, 38, 39])
        #expect(Array(job[46..<50]) == [32, 33, 34, 35])                // previous hash, last word first
        #expect(Array(job[78..<82]) == [0, 1, 2, 3])                    // version
        let back = try #require(BM13xxJob.header(fromJob: job[...]))
        #expect(back.jobID == 0x18)
        #expect(Array(back.header[0..<76]) == Array(header[0..<76]))
        let frame = BM13xxFrame.job(job)
        #expect(frame.count == 88 && frame[2] == 0x21 && frame[3] == 86)
        let crc = BM13xxCRC.crc16False(frame[2..<86])
        #expect(frame[86] == UInt8(crc >> 8) && frame[87] == UInt8(crc & 0xFF))
    }
}
