import HearthSupport
import Testing

@Suite struct JSONParserTests {
    func failure(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
        do { _ = try JSONParser.parse(text, maxDepth: maxDepth); return nil } catch { return error }
    }

    @Test func readsEveryKindOfValue() throws {
        let v = try JSONParser.parse(" {\"a\" : [ true , false , null , -1.5e-3 , \"\\u00e9\\ud83d\\udd25\\/\" ] } \n")
        #expect(v == .object(["a": .array([.bool(true), .bool(false), .null, .double(-0.0015), .string("é🔥/")])]))
        #expect(try JSONParser.parse(Array("[]".utf8)) == .array([]))
        #expect(try JSONParser.parse("\"\"") == .string(""))
    }

    @Test func errorsNameTheByteAndTheProblem() {
        let cases: [(String, Int, String)] = [
            ("", 0, "unexpected end of input"),
            ("{\"a\":1,}", 7, "expected a string key"),
            ("{\"a\":01}", 6, "leading zero"),
            ("{\"a\" 1}", 5, "expected ':' after key \"a\""),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("{\"a\":\"\\x\"}", 8, "invalid escape '\\x'"),
            ("\"\\ud800\"", 7, "unpaired surrogate"),
            ("\"a\u{1}\"", 2, "control character 0x1"),
            ("true x", 5, "unexpected text after the JSON value"),
            ("tru", 0, "invalid literal (expected true)"),
            ("1.", 2, "expected digit after '.'"),
            ("-", 1, "expected digit"),
            ("1e", 2, "expected digit in exponent"),
            ("1e999", 5, "out of range"),
            ("[1,", 3, "unexpected end of input"),
            ("{\"a\":1", 6, "unterminated object"),
            ("\"abc", 4, "unterminated string"),
            ("'a'", 0, "unexpected character '''"),
        ]
        for (text, offset, reason) in cases {
            let e = failure(text)
            #expect(e?.offset == offset, "\(text): \(String(describing: e))")
            #expect(e?.reason.contains(reason) == true, "\(text): \(String(describing: e))")
        }
        #expect(failure("[1 2]")?.description == "malformed JSON at byte 3: expected ',' or ']' in array")
    }

    @Test func duplicateKeysAreRefusedAtTheSecondKey() {
        let e = failure(#"{"id":1,"method":"x","id":2}"#)
        #expect(e == JSONParseError(offset: 21, reason: #"duplicate key "id""#))
        // The same key in different objects is fine.
        #expect(failure(#"{"a":{"id":1},"b":{"id":2}}"#) == nil)
    }

    @Test func invalidUTF8IsRefusedWhereItStarts() {
        func parse(_ bytes: [UInt8]) -> JSONParseError? {
            do { _ = try JSONParser.parse(bytes); return nil } catch { return error }
        }
        let quote = UInt8(ascii: "\"")
        #expect(parse([quote, 0x61, 0xC0, 0x80, quote])?.offset == 2)        // overlong
        #expect(parse([quote, 0xED, 0xA0, 0x80, quote])?.offset == 1)        // encoded surrogate
        #expect(parse([quote, 0xE2, 0x82, quote])?.offset == 1)              // truncated
        #expect(parse([quote, 0xFF, quote])?.reason == "invalid UTF-8")
        #expect(parse([quote, 0xE2, 0x82, 0xAC, quote]) == nil)              // €
    }

    @Test func nestingIsCapped() {
        func nested(_ n: Int) -> String { String(repeating: "[", count: n) + String(repeating: "]", count: n) }
        #expect(failure(nested(32)) == nil)
        #expect(failure(nested(33))?.reason == "nesting deeper than 32")
        #expect(failure(nested(33))?.offset == 32)
        #expect(failure(nested(3), maxDepth: 2) != nil)
        // A hostile depth fails fast and cleanly, never on the stack.
        #expect(failure(nested(100_000))?.offset == 32)
    }
}
