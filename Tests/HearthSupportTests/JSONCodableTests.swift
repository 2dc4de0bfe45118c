import Foundation
import HearthSupport
import Testing

/// The daemon decodes request bodies through Codable too: `true` must never read as
/// a number, nor `1` as a Bool.
@Suite struct JSONCodableTests {
    func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func boolsAndNumbersStayApart() throws {
        let v = try decode(#"{"t": true, "f": false, "one": 1, "zero": 0, "half": 0.5, "s": "1", "n": null}"#)
        #expect(v["t"] == .bool(true))
        #expect(v["f"] == .bool(false))
        #expect(v["one"] == .integer(1))
        #expect(v["zero"] == .integer(0))
        #expect(v["half"] == .double(0.5))
        #expect(v["s"] == .string("1"))
        #expect(v["n"] == .null)
        #expect(v["one"]?.boolValue == nil && v["t"]?.number == nil)
    }

    @Test func nestedValuesAndSortedKeys() throws {
        let v = try decode(#"{"pools": [{"url": "stratum+tcp://h:1", "user": "u"}], "b": [1, [2.5, "x"]], "a": {}}"#)
        #expect(v.objectValue?.keys == ["a", "b", "pools"])
        #expect(v["pools"]?.arrayValue?.first?.objectValue?["url"] == .string("stratum+tcp://h:1"))
        #expect(v["b"] == .array([.integer(1), .array([.double(2.5), .string("x")])]))
    }

    @Test func encodesAndRoundTrips() throws {
        let v: JSONValue = .object([("z", .integer(-3)), ("a", .array([.bool(true), .null, .double(1.5), .string("q\"")]))])
        let data = try JSONEncoder().encode(v)
        // Foundation's encoder does not promise key order (it differs from run to run);
        // the value's own writer does.
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == v)
        #expect(v.jsonText == #"{"z":-3,"a":[true,null,1.5,"q\""]}"#)
        // Encoders refuse NaN; the value writes null, like the text writer.
        #expect(String(decoding: try JSONEncoder().encode(JSONValue.array([.double(.nan)])), as: UTF8.self) == "[null]")
    }
}
