import HearthSupport
import Testing

@Suite struct JSONEscapingTests {
    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONValue.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(JSONValue.quoted("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(JSONValue.quoted("\u{0}\u{1}\u{1F}\u{8}\u{C}") == #""\u0000\u0001\u001f\u0008\u000c""#)
        #expect(JSONValue.quoted("\u{7F}") == "\"\u{7F}\"")      // DEL is not a JSON control character
        #expect(JSONValue.quoted("a/b") == #""a/b""#)             // slashes stay as they are
    }

    @Test func unicodeStaysUnicode() {
        #expect(JSONValue.quoted("é 21 °C 🔥 \u{2028}") == "\"é 21 °C 🔥 \u{2028}\"")
        #expect(JSONValue.string("Zürich").jsonText == "\"Zürich\"")
        #expect(JSONValue.object(["ключ": .string("значение")]).jsonText == #"{"ключ":"значение"}"#)
    }

    @Test func everyEscapedStringParsesBackToItself() throws {
        var all = String.UnicodeScalarView()
        for v in UInt32(0)..<0x250 { all.append(Unicode.Scalar(v)!) }
        for v: UInt32 in [0x2028, 0xFFFD, 0xFEFF, 0x1F525, 0x10FFFF] { all.append(Unicode.Scalar(v)!) }
        let s = String(all)
        #expect(try JSONParser.parse(JSONValue.quoted(s)) == .string(s))
        // Keys go through the same escaper.
        let o: JSONValue = .object([(s, .string(s))])
        #expect(try JSONParser.parse(o.jsonText) == o)
        #expect(try JSONParser.parse(o.serialized()) == o)
    }
}
