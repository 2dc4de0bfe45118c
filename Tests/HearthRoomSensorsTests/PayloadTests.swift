import HearthCore
import HearthRoomSensors
import Testing

@Suite struct PayloadTests {
    func read(_ text: String, field: String? = nil) -> Result<Celsius, RoomSensorPayloadProblem> {
        RoomSensorPayload.temperature(from: Array(text.utf8), field: field)
    }

    @Test func bareNumbersAndStates() {
        #expect(read("20.7") == .success(Celsius(20.7)))
        #expect(read(" 21\n") == .success(Celsius(21)))
        #expect(read("-3.5") == .success(Celsius(-3.5)))
        #expect(read("\"19.25\"") == .success(Celsius(19.25)))        // Home Assistant statestream quotes states
        #expect(read("2.07e1") == .success(Celsius(20.7)))            // JSON number
        #expect(read("unavailable") == .failure(.unavailable("unavailable")))
        #expect(read("\"unknown\"") == .failure(.unavailable("unknown")))
    }

    @Test func zigbee2mqttUsesTemperatureByDefault() {
        let z2m = #"{"battery":100,"humidity":41,"linkquality":120,"temperature":20.7,"voltage":3005}"#
        #expect(read(z2m) == .success(Celsius(20.7)))
        #expect(read(z2m, field: "humidity") == .success(Celsius(41)))
    }

    @Test func tasmotaNestedFieldAndFahrenheit() {
        let tasmota = #"{"Time":"2024-01-07T10:00:00","SI7021":{"Temperature":20.6,"Humidity":44.1,"DewPoint":8.1},"TempUnit":"C"}"#
        #expect(read(tasmota, field: "SI7021.Temperature") == .success(Celsius(20.6)))
        let fahrenheit = #"{"DS18B20":{"Id":"01131A","Temperature":69.8},"TempUnit":"F"}"#
        #expect(read(fahrenheit, field: "DS18B20.Temperature") == .success(Celsius(21)))
        let array = #"{"sensors":[{"t":"19.5"},{"t":22}]}"#
        #expect(read(array, field: "sensors.1.t") == .success(Celsius(22)))
        #expect(read(array, field: "sensors.0.t") == .success(Celsius(19.5)))   // a number written as a string
    }

    @Test func missingFieldSuggestsTheNumbersThere() {
        let tasmota = #"{"Time":"x","SI7021":{"Temperature":20.6,"Humidity":44.1},"TempUnit":"C"}"#
        let result = read(tasmota)
        #expect(result == .failure(.missingField("temperature", numericFields: ["SI7021.Temperature", "SI7021.Humidity"])))
        if case .failure(let problem) = result {
            #expect("\(problem)" == "JSON payload has no field 'temperature'; numbers in it: SI7021.Temperature, SI7021.Humidity (name one with #FIELD)")
        }
    }

    @Test func garbageIsRefusedByKind() {
        #expect(read("") == .failure(.empty))
        #expect(read("warm") == .failure(.notANumber("warm")))
        #expect(read("{\"temperature\":") == .failure(.notANumber("{\"temperature\":")))
        #expect(read("nan") == .failure(.unavailable("nan")))
        #expect(read("inf") == .failure(.notANumber("inf")))
        #expect(read("[20.5]") == .failure(.notANumber("[20.5]")))
        #expect(read(#"{"temperature":null}"#) == .failure(.notNumeric(field: "temperature", found: "null")))
        #expect(read("210") == .failure(.implausible(Celsius(210))))
        #expect(read("-40") == .failure(.implausible(Celsius(-40))))
        #expect(RoomSensorPayload.temperature(from: [0xFF, 0xFE, 0x32], field: nil) == .failure(.notText))
        let kinds = Set([read(""), read("warm"), read("210"), read("unknown")].compactMap { r -> String? in
            if case .failure(let p) = r { p.kind } else { nil }
        })
        #expect(kinds == ["empty", "not-a-number", "implausible", "unavailable"])
    }

    @Test func longGarbageIsQuotedShort() {
        let junk = String(repeating: "x", count: 500)
        guard case .failure(let problem) = read(junk) else { Issue.record("accepted junk"); return }
        #expect("\(problem)".count < 100)
    }
}
