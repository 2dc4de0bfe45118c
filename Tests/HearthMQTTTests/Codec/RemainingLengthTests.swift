import HearthMQTT
import Testing

@Suite struct RemainingLengthTests {
    // MQTT 3.1.1 §2.2.3, Table 2.4: the boundaries of each length size.
    static let specTable: [(Int, [UInt8])] = [
        (0, [0x00]), (127, [0x7F]),
        (128, [0x80, 0x01]), (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]),
        (2_097_152, [0x80, 0x80, 0x80, 0x01]), (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
    ]

    @Test(arguments: specTable)
    func encodesAndDecodesTheSpecTable(value: Int, bytes: [UInt8]) throws {
        #expect(RemainingLength.encode(value) == bytes)
        #expect(try RemainingLength.decode(bytes) == .value(value, byteCount: bytes.count))
    }

    @Test func refusesValuesOutsideTheRange() {
        #expect(RemainingLength.encode(-1) == nil)
        #expect(RemainingLength.encode(268_435_456) == nil)
    }

    @Test func waitsForTheLastByte() throws {
        #expect(try RemainingLength.decode([UInt8]()) == .needMoreBytes)
        #expect(try RemainingLength.decode([0x80]) == .needMoreBytes)
        #expect(try RemainingLength.decode([0xFF, 0xFF, 0xFF]) == .needMoreBytes)
    }

    @Test func rejectsAFifthByte() {
        // Fixed header byte at offset 0, length bytes at 1…4: the 5th would be at offset 5.
        #expect(throws: MQTTCodecError(packet: "PUBLISH", field: "remaining length", offset: 5,
                                       problem: "a 5th length byte (at most 4 are allowed)"))
        {
            try RemainingLength.decode([0xFF, 0xFF, 0xFF, 0xFF], packet: "PUBLISH")
        }
        #expect(throws: MQTTCodecError.self) { try RemainingLength.decode([0x80, 0x80, 0x80, 0x80, 0x01]) }
    }
}
