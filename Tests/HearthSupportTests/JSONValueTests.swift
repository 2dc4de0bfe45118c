import HearthSupport
import Testing

@Suite struct JSONValueTests {
    @Test func integersStayApartFromDoubles() throws {
        // 2^53 + 1 is not a Double: a Stratum id this large must survive exactly.
        let value = try JSONParser.parse(#"{"id":9007199254740993,"one":1.0,"hundred":1e2,"neg":-0}"#)
        #expect(value["id"] == .integer(9_007_199_254_740_993))
        #expect(value["one"] == .double(1))
        #expect(value["hundred"] == .double(100))
        #expect(value["neg"] == .integer(0))
        #expect(value.jsonText == #"{"id":9007199254740993,"one":1.0,"hundred":100.0,"neg":0}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
        #expect(JSONValue.integer(.max).jsonText == "9223372036854775807")
        #expect(JSONValue.integer(.min).jsonText == "-9223372036854775808")
        // One past Int64 is a number, not an overflow.
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test func reportNumbersPrintWholeValuesAsIntegers() {
        #expect(JSONValue.number(3) == .integer(3))
        #expect(JSONValue.number(-0.0) == .integer(0))
        #expect(JSONValue.number(0.25) == .double(0.25))
        #expect(JSONValue.number(1e15) == .double(1e15))
        #expect(JSONValue.number(3.57e17).jsonText == "3.57e+17")
        #expect(JSONValue.number(.nan).jsonText == "null")
        #expect(JSONValue.double(.infinity).jsonText == "null")
        #expect(JSONValue.double(2).jsonText == "2.0")
    }

    @Test func accessorsReadTheRightTypes() {
        #expect(JSONValue.integer(5).number == 5)
        #expect(JSONValue.double(5.5).number == 5.5)
        #expect(JSONValue.double(5).integerValue == 5)
        #expect(JSONValue.double(5.5).integerValue == nil)
        #expect(JSONValue.bool(true).number == nil)
        #expect(JSONValue.integer(1).boolValue == nil)
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.null.isNull)
        #expect([JSONValue.null, .bool(true), .integer(1), .double(1.5), .string(""), .array([]), .object([:])].map(\.typeName)
            == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }

    @Test func objectsKeepTheirKeyOrder() throws {
        let text = #"{"zeta":1,"alpha":{"y":true,"b":null},"mid":[3,2,1]}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value.jsonText == text)
        let built: JSONValue = .object([("zeta", .integer(1)), ("alpha", .object(["y": .bool(true), "b": .null])),
                                        ("mid", .array([.integer(3), .integer(2), .integer(1)]))])
        #expect(built.jsonText == text)
        // A Swift dictionary has no order: its keys are sorted so output never depends on hashing.
        #expect(JSONValue.object(JSONObject(["b": .null, "a": .null, "c": .null])).jsonText == #"{"a":null,"b":null,"c":null}"#)
    }

    @Test func objectEditsKeepPositionsAndLookups() {
        var o: JSONObject = ["a": .integer(1), "b": .integer(2), "c": .integer(3)]
        o["b"] = .string("two")
        o["d"] = .integer(4)
        #expect(o.keys == ["a", "b", "c", "d"])
        o["a"] = nil
        #expect(o.keys == ["b", "c", "d"])
        #expect(o["c"] == .integer(3) && o["d"] == .integer(4) && o["a"] == nil)
        #expect(o.removeValue(forKey: "nope") == nil)
        #expect(o.updateValue(.null, forKey: "c") == .integer(3))
        #expect(JSONValue.object(o).jsonText == #"{"b":"two","c":null,"d":4}"#)
        // A later duplicate in a literal replaces the value in place.
        let dup: JSONObject = [("k", .integer(1)), ("j", .null), ("k", .integer(2))]
        #expect(dup.keys == ["k", "j"] && dup["k"] == .integer(2))
    }

    @Test func equalityIgnoresKeyOrderLikeJSON() {
        let a: JSONValue = .object([("x", .integer(1)), ("y", .array([.bool(true)]))])
        let b: JSONValue = .object([("y", .array([.bool(true)])), ("x", .integer(1))])
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != .object([("x", .integer(1))]))
        #expect(a != .object([("x", .integer(1)), ("y", .array([.bool(false)]))]))
        #expect(JSONValue.integer(1) != .double(1))
    }

    @Test func dottedPathsReachNestedValues() throws {
        let report = try JSONParser.parse(#"{"comfort":{"rms_error_c":0.026},"version-rolling.mask":"ff","a":[1]}"#)
        #expect(report["comfort.rms_error_c"]?.number == 0.026)
        #expect(report["comfort.missing"] == nil)
        #expect(report["a.0"] == nil)               // arrays are not walked by path
        #expect(report["comfort"]?.objectValue?.count == 1)
        #expect(report.objectValue?["version-rolling.mask"] == .string("ff"))
    }

    @Test func prettyTextIsIndentedTwoSpaces() {
        let value: JSONValue = .object([
            ("board", .string("nano")), ("empty", .object([])), ("list", .array([])),
            ("room", .object([("scale", .number(1.25)), ("trips", .array([.integer(1), .null]))])),
        ])
        #expect(value.serialized() == """
            {
              "board": "nano",
              "empty": {},
              "list": [],
              "room": {
                "scale": 1.25,
                "trips": [
                  1,
                  null
                ]
              }
            }
            """)
        #expect(value.serialized(pretty: false) == value.jsonText)
        #expect("\(value)" == value.jsonText)
    }
}
