import HearthCore
import HearthRoomSensors
import Testing

@Suite struct SpecParsingTests {
    func parse(_ text: String) throws -> RoomSensorSpec { try RoomSensorSpec(parsing: text) }

    @Test func mqttWithEverything() throws {
        let spec = try parse("mqtt://hearth:s3cr%40t@192.168.1.10:1884/tele/tasmota_1/SENSOR#SI7021.Temperature?stale=10m&priority=1&name=study")
        guard case .mqtt(let a) = spec.source else { Issue.record("not mqtt"); return }
        #expect(a.host == "192.168.1.10")
        #expect(a.port == 1884)
        #expect(a.username == "hearth")
        #expect(a.password == "s3cr@t")
        #expect(a.topic == "tele/tasmota_1/SENSOR")
        #expect(a.field == "SI7021.Temperature")
        #expect(spec.staleAfter == Seconds(600))
        #expect(spec.priority == 1)
        #expect(spec.name == "study")
        // Canonical form: password hidden, options before the field; it parses back.
        #expect(spec.description == "mqtt://hearth:<hidden>@192.168.1.10:1884/tele/tasmota_1/SENSOR?name=study&stale=600&priority=1#SI7021.Temperature")
        #expect(!"\(spec)".contains("s3cr"))
        #expect(!"\(a)".contains("s3cr"))
    }

    @Test func mqttDefaults() throws {
        let spec = try parse("mqtt://broker.local/zigbee2mqtt/study_sensor")
        guard case .mqtt(let a) = spec.source else { Issue.record("not mqtt"); return }
        #expect(a.port == 1883)
        #expect(a.username == nil && a.password == nil && a.field == nil)
        #expect(spec.name == "mqtt zigbee2mqtt/study_sensor")
        #expect(spec.staleAfter == Seconds(900))
        #expect(spec.priority == nil)
        #expect(spec.description == "mqtt://broker.local/zigbee2mqtt/study_sensor")
        #expect(try parse(spec.description) == spec)
    }

    @Test func mqttIPv6AndPasswordGivenApart() throws {
        let spec = try RoomSensorSpec(parsing: "mqtt://hearth@[fd00::5]:1883/ha/sensor/study/state", password: "p:w/d#?")
        guard case .mqtt(let a) = spec.source else { Issue.record("not mqtt"); return }
        #expect(a.host == "fd00::5")
        #expect(a.password == "p:w/d#?")
        #expect(a.broker == "[fd00::5]:1883")
    }

    @Test func i2cForms() throws {
        let sht = try parse("i2c:1:0x44:sht3x")
        #expect(sht.source == .i2c(I2CSensorAddress(bus: "i2c-1", address: 0x44, driver: .sht3x)))
        #expect(sht.name == "i2c-1 0x44 sht3x")
        #expect(sht.staleAfter == Seconds(30))
        #expect(sht.pollInterval == Seconds(2))
        let tmp = try parse("i2c:/dev/i2c-3:72:TMP75?interval=5")
        #expect(tmp.source == .i2c(I2CSensorAddress(bus: "/dev/i2c-3", address: 0x48, driver: .tmp75)))
        #expect(tmp.pollInterval == Seconds(5))
        #expect(tmp.description == "i2c:/dev/i2c-3:0x48:tmp75?interval=5")
        #expect(try parse(tmp.description) == tmp)
        #expect(try parse("i2c:i2c-0:0x77:bme280").source == .i2c(I2CSensorAddress(bus: "i2c-0", address: 0x77, driver: .bme280)))
    }

    @Test func pushAndInlet() throws {
        let push = try parse("push?name=shelly&stale=30m")
        #expect(push.source == .push)
        #expect(push.name == "shelly")
        #expect(push.staleAfter == Seconds(1800))
        #expect(try parse("push").name == "push")
        #expect(try parse("inlet:-2").source == .inlet(offset: Kelvin(-2)))
        #expect(try parse("inlet:-1.5K").source == .inlet(offset: Kelvin(-1.5)))
        #expect(try parse("inlet:+1°C").source == .inlet(offset: Kelvin(1)))
        let bare = try parse("inlet")
        #expect(bare.source == .inlet(offset: .zero))
        #expect(bare.isLastResort)
        #expect(try parse("inlet:-2").description == "inlet:-2K")
    }

    /// Each bad spec gives one error naming the part and what is allowed there.
    @Test(arguments: [
        ("", "kind", "empty; allowed: mqtt://"),
        ("http://x/y", "kind", "'http' is unknown; allowed: mqtt://[user:pass@]HOST[:PORT]/TOPIC[#field], push, i2c:BUS:ADDRESS:DRIVER, inlet:OFFSET"),
        ("mqtts://broker/t", "kind", "TLS brokers are not supported"),
        ("mqtt://broker", "topic", "missing; write mqtt://HOST/TOPIC"),
        ("mqtt://broker/", "topic", "empty"),
        ("mqtt://broker:99999/t", "port", "'99999' is not a port; allowed: 1…65535"),
        ("mqtt://:1883/t", "host", "missing"),
        ("mqtt://broker/zigbee2mqtt/+", "topic", "has a wildcard"),
        ("mqtt://broker/t#a..b", "field", "'a..b' is not a dotted path"),
        ("mqtt://broker/t#a#b", "field", "given twice"),
        ("i2c:1:0x44", "kind", "expected i2c:BUS:ADDRESS:DRIVER"),
        ("i2c:one:0x44:sht3x", "bus", "'one' is not a bus"),
        ("i2c:1:0x80:tmp75", "address", "allowed: 0x03…0x77"),
        ("i2c:1:0x44:dht22", "driver", "'dht22' is unknown; allowed: tmp75, lm75, tmp1075, sht3x, sht4x, bme280"),
        ("i2c:1:0x76:sht3x", "address", "a sht3x answers only at 0x44 or 0x45"),
        ("inlet:-50", "offset", "allowed: -20…20"),
        ("inlet:warm", "offset", "'warm' is not an offset"),
        ("push:now", "kind", "push takes no arguments"),
        ("push?stale=2", "stale", "'2' is out of range; allowed: 5…86400 seconds"),
        ("push?stale=1d", "stale", "out of range"),
        ("push?priority=-1", "priority", "allowed: 0…99"),
        ("push?colour=red", "colour", "unknown option; allowed: name, stale, priority, interval"),
        ("push?stale=60&stale=90", "stale", "given twice"),
        ("push?interval=5", "interval", "only an i2c: sensor is polled"),
        ("push?verbose", "options", "'verbose' is not NAME=VALUE"),
    ])
    func badSpecsNameThePart(text: String, part: String, problem: String) {
        #expect {
            try RoomSensorSpec(parsing: text)
        } throws: { error in
            guard let e = error as? RoomSensorSpecError else { return false }
            return e.part == part && e.problem.contains(problem) && "\(e)".hasPrefix("room sensor '\(text)': \(part): ")
        }
    }

    @Test func passwordsNeverAppearInErrors() {
        for text in ["mqtt://u:hunter2@broker:0/t", "mqtt://u:hunter2@broker", "mqtt://u:hun/ter2@broker:70000/t",
                     "mqtt://u:hunter2@broker/t?colour=1"] {
            #expect {
                try RoomSensorSpec(parsing: text)
            } throws: { error in
                !"\(error)".contains("hunter2") && !"\(error)".contains("ter2") && "\(error)".contains("<hidden>")
            }
        }
        #expect {
            try RoomSensorSpec(parsing: "mqtt://broker/t", password: "x")
        } throws: { "\($0)".contains("password: a password needs a user name") }
    }

    @Test func setupRefusesTwoSensorsWithOneName() throws {
        #expect {
            try RoomSensorSetup(parsing: ["push", "push"])
        } throws: { "\($0)".contains("two room sensors are named 'push'; give each its own ?name=") }
        let setup = try RoomSensorSetup(parsing: ["push?name=a", "push?name=b", "inlet:-2"], combination: .priority)
        #expect(setup.specs.map(\.name) == ["a", "b", "inlet -2 K"])
        #expect(try RoomSensorCombination(parsing: "Median") == .median)
        #expect { try RoomSensorCombination(parsing: "mean") } throws: { "\($0)".contains("allowed: median, priority") }
    }
}

@Suite struct ConfigEntryTests {
    @Test func keysStandForOptionsAndThePasswordNeedsNoEncoding() throws {
        let spec = try RoomSensorSpec(config: RoomSensorConfigEntry(
            spec: "mqtt://hearth@192.168.1.10/zigbee2mqtt/study", password: "a/b?c#d@e", name: "study", stale: 600, priority: 2))
        guard case .mqtt(let a) = spec.source else { Issue.record("not mqtt"); return }
        #expect(a.password == "a/b?c#d@e")
        #expect(spec.name == "study")
        #expect(spec.staleAfter == Seconds(600))
        #expect(spec.priority == 2)
        let i2c = try RoomSensorSpec(config: RoomSensorConfigEntry(spec: "i2c:1:0x44:sht4x", interval: 10))
        #expect(i2c.pollInterval == Seconds(10))
    }

    @Test func eachBadKeyIsNamed() {
        func part(_ entry: RoomSensorConfigEntry) -> String? {
            do { _ = try RoomSensorSpec(config: entry); return nil } catch { return error.part }
        }
        #expect(part(RoomSensorConfigEntry(spec: "push?stale=60", stale: 90)) == "stale")
        #expect(part(RoomSensorConfigEntry(spec: "push", stale: 1)) == "stale")
        #expect(part(RoomSensorConfigEntry(spec: "push", priority: 100)) == "priority")
        #expect(part(RoomSensorConfigEntry(spec: "push", interval: 5)) == "interval")
        #expect(part(RoomSensorConfigEntry(spec: "push", name: "")) == "name")
        #expect(part(RoomSensorConfigEntry(spec: "push", password: "x")) == "password")
        #expect(part(RoomSensorConfigEntry(spec: "i2c:1:0x44:sht3x", interval: 0.1)) == "interval")
        #expect(part(RoomSensorConfigEntry(spec: "serial:/dev/ttyUSB0")) == "kind")
        #expect(RoomSensorConfigEntry.keys == ["spec", "password", "name", "stale", "priority", "interval"])
    }

    @Test func passwordHiddenFromEveryPrintedForm() throws {
        let spec = try RoomSensorSpec(parsing: "mqtt://u:zebra-lamp-9@broker/t")
        guard case .mqtt(let a) = spec.source else { Issue.record("not mqtt"); return }
        var dumped = ""
        dump(spec, to: &dumped)
        for text in ["\(spec)", "\(spec.source)", String(reflecting: spec), String(reflecting: a), dumped] {
            #expect(!text.contains("zebra"), "\(text)")
        }
    }
}
