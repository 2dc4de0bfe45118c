import HearthCGMinerAPI
import HearthSupport
import Testing

@Suite struct ReplyNormalizerTests {
    private func normalized(_ text: String) throws -> String {
        try ReplyNormalizer.normalize(Array(text.utf8)).text
    }

    @Test func terminatorAndSurroundingWhitespaceAreDropped() throws {
        let bytes = Array(#"{"id":1}"#.utf8) + [0x0A, 0]
        #expect(try ReplyNormalizer.normalize(bytes).text == #"{"id":1}"#)
    }

    @Test func printfNonFiniteNumbersBecomeNull() throws {
        let text = #"{"MHS av":inf,"MHS 5s":-nan,"x":-inf,"y":nan(0x8000000000000),"z":NaN,"s":"inf"}"#
        #expect(try normalized(text) == #"{"MHS av":null,"MHS 5s":null,"x":null,"y":null,"z":null,"s":"inf"}"#)
    }

    @Test func wordsThatOnlyStartLikeInfinityAreLeftAlone() throws {
        #expect(try normalized(#"{"a":null,"b":true,"c":information}"#) == #"{"a":null,"b":true,"c":information}"#)
    }

    @Test func strayCommasAreDropped() throws {
        #expect(try normalized(#"{"POOLS":[,{"POOL":0,},{"POOL":1},],"id":1,}"#)
            == #"{"POOLS":[{"POOL":0},{"POOL":1}],"id":1}"#)
        #expect(try normalized(#"{"a":1,,"b":2}"#) == #"{"a":1,"b":2}"#)
    }

    @Test func jammedRepliesGetTheirCommaAndBecomeOneArray() throws {
        #expect(try normalized(#"{"a":[{"x":1}{"x":2}]}"#) == #"{"a":[{"x":1},{"x":2}]}"#)
        #expect(try normalized(#"{"id":1}{"id":2}"#) == #"[{"id":1},{"id":2}]"#)
    }

    @Test func controlCharactersInsideStringsAreEscaped() throws {
        #expect(try normalized("{\"URL\":\"a\nb\tc\u{01}\"}") == #"{"URL":"a\nb\tc\u0001"}"#)
    }

    @Test func escapedQuotesDoNotEndAString() throws {
        #expect(try normalized(#"{"Msg":"say \"inf\", then }{ and ,}"}"#) == #"{"Msg":"say \"inf\", then }{ and ,}"}"#)
    }

    @Test func aNulInsideTheReplyIsGarbageAtItsOffset() {
        let bytes = Array(#"{"id":"#.utf8) + [0] + Array("1}".utf8) + [0]
        #expect(throws: CGMinerCodecError.garbage(offset: 6, reason: "NUL byte inside the reply (the terminator comes only at the end)")) {
            try ReplyNormalizer.normalize(bytes)
        }
    }

    @Test func nothingButATerminatorIsAnEmptyReply() {
        #expect(throws: CGMinerCodecError.emptyReply) { try ReplyNormalizer.normalize([0]) }
        #expect(throws: CGMinerCodecError.emptyReply) { try ReplyNormalizer.normalize([]) }
    }

    @Test func offsetsMapBackToTheBytesAsSent() throws {
        // "inf" (3 bytes) becomes "null" (4): the byte after it still maps to its own offset.
        let result = try ReplyNormalizer.normalize(Array(#"{"a":inf,"b":2}"#.utf8))
        #expect(result.text == #"{"a":null,"b":2}"#)
        let b = Array(result.text.utf8).firstIndex(of: UInt8(ascii: "b"))!
        #expect(result.sourceOffset(b) == 10)
    }
}
