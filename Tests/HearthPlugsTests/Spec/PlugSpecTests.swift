import HearthPlugs
import Testing

/// `--plug SPEC` and `[plug]`: every form, and one clear error per bad spec.
@Suite struct PlugSpecTests {
    @Test func shellyForms() throws {
        #expect(try PlugSpec.parse("shelly://192.168.1.50") == .shelly(ShellyPlugSpec(host: "192.168.1.50")))
        #expect(try PlugSpec.parse("shelly://admin:p%40ss@plug-study.lan:8080/1")
            == .shelly(ShellyPlugSpec(host: "plug-study.lan", port: 8080, switchID: 1, password: "p@ss")))
        #expect(try PlugSpec.parse("SHELLY://:pw@[fe80::1]:80/") == .shelly(ShellyPlugSpec(host: "fe80::1", password: "pw")))
    }

    @Test func tasmotaForms() throws {
        #expect(try PlugSpec.parse("tasmota://10.0.0.7") == .tasmota(TasmotaPlugSpec(host: "10.0.0.7")))
        #expect(try PlugSpec.parse("tasmota://admin:web%20pw@10.0.0.7:81")
            == .tasmota(TasmotaPlugSpec(host: "10.0.0.7", port: 81, username: "admin", password: "web pw")))
    }

    @Test func mqttForms() throws {
        let plain = try PlugSpec.parse("mqtt://broker.lan/cmnd/heater/POWER")
        guard case .mqtt(let spec) = plain else { throw SpecKindMismatch() }
        #expect(spec.host == "broker.lan" && spec.port == 1883 && spec.username == nil)
        // Tasmota's convention fills in the state and power topics.
        #expect(spec.topics == MQTTPlugTopics(command: "cmnd/heater/POWER", state: "stat/heater/POWER", power: "tele/heater/SENSOR"))

        let custom = try PlugSpec.parse("mqtt://hearth:b%2Fpw@10.0.0.2:1884/zigbee2mqtt/heater/set?state=zigbee2mqtt/heater&on=%7B%22state%22%3A%22ON%22%7D&off=%7B%22state%22%3A%22OFF%22%7D")
        guard case .mqtt(let c) = custom else { throw SpecKindMismatch() }
        #expect(c.username == "hearth" && c.password == "b/pw" && c.port == 1884)
        #expect(c.topics.command == "zigbee2mqtt/heater/set")
        #expect(c.topics.state == "zigbee2mqtt/heater")
        #expect(c.topics.power == nil)
        #expect(c.topics.onPayload == #"{"state":"ON"}"# && c.topics.offPayload == #"{"state":"OFF"}"#)
    }

    @Test func tasmotaConventionUnderACustomFullTopic() {
        let topics = MQTTPlugTopics(command: "tasmota/cmnd/plug_2/POWER1")
        #expect(topics.state == "tasmota/stat/plug_2/POWER1")
        #expect(topics.power == "tasmota/tele/plug_2/SENSOR")
        #expect(MQTTPlugTopics(command: "home/heater/set").state == nil)
    }

    @Test(arguments: [
        ("192.168.1.50", "scheme", "missing; write shelly://HOST, tasmota://HOST or mqtt://HOST/TOPIC"),
        ("hue://bridge", "scheme", "'hue' is not a plug type; use shelly, tasmota or mqtt"),
        ("shelly://", "host", "missing (write the plug's IP address or host name)"),
        ("shelly://plug:99999", "port", "'99999' is not a number in 1…65535"),
        ("shelly://plug:http", "port", "'http' is not a number in 1…65535"),
        ("shelly://plug/two", "switch id", "'two' is not a switch number in 0…255 (shelly://HOST/1 for the second switch)"),
        ("shelly://root:pw@plug", "user", "Shelly Gen2+ devices have one user, 'admin' (write shelly://admin:PASSWORD@HOST)"),
        ("shelly://admin@plug", "password", "missing after the user (shelly://admin:PASSWORD@HOST)"),
        ("shelly://plug?x=1", "query", "shelly:// takes no '?…' (found '?x=1')"),
        ("tasmota://plug/relay", "path", "tasmota:// takes no path (found '/relay')"),
        ("tasmota://pl ug", "host", "'pl ug' is not a host name or address (letters, digits, '.', '-')"),
        ("tasmota://[fe80::1", "host", "an IPv6 address needs its closing ']'"),
        ("mqtt://broker", "command topic", "missing (mqtt://HOST/cmnd/heater/POWER)"),
        ("mqtt://broker/cmnd/+/POWER", "command topic", "wildcards '+' and '#' are only allowed in subscriptions"),
        ("mqtt://broker/cmnd/x?retain=1", "query parameter 'retain'", "unknown; allowed are state, power, on and off"),
        ("mqtt://broker/cmnd/x?on=1&on=2", "query parameter 'on'", "given twice"),
        ("mqtt://broker/cmnd/x?state=", "query parameter 'state'", "needs a value (state=…; '%' followed by two hex digits)"),
        ("mqtt://broker/cmnd/x?on=X&off=X", "payloads", "on and off are both 'X'"),
        ("mqtt://:pw@broker/cmnd/x", "user", "MQTT needs a user name with a password (mqtt://USER:PASSWORD@HOST/TOPIC)"),
    ])
    func badSpecsNameThePart(spec: String, part: String, problem: String) throws {
        let error = try #require(throws: PlugSpecError.self) { try PlugSpec.parse(spec) }
        #expect(error.part == part)
        #expect(error.problem == problem)
        // Quoted as written, except that anything before an '@' is hidden.
        #expect(error.spec == (spec.contains("@") ? spec.replacing(/:\/\/.*@/, with: "://<hidden>@") : spec))
    }

    @Test func errorsNeverQuoteThePassword() throws {
        for spec in ["shelly://admin:s3cr%zzet@plug", "tasmota://admin:s3cr/et@plug", "mqtt://u:s3cr?et@broker/t",
                     "mqtt://u:s3cret@broker/cmnd/#", "shelly://admin:s3cret@plug:notaport", "hue://u:s3cret@x"] {
            let error = try #require(throws: PlugSpecError.self) { try PlugSpec.parse(spec) }
            #expect(!error.description.contains("s3cr"), "\(error)")
            #expect(error.spec.contains("<hidden>"), "\(error)")
        }
    }

    @Test func descriptionAndDumpHideThePassword() throws {
        let specs = ["shelly://admin:hunter2@plug/1", "tasmota://admin:hunter2@plug", "mqtt://user:hunter2@broker/cmnd/h/POWER?on=1&off=0"]
        for text in specs {
            let spec = try PlugSpec.parse(text)
            var dumped = ""
            dump(spec, to: &dumped)
            for shown in ["\(spec)", String(reflecting: spec), dumped, spec.plugName] {
                #expect(!shown.contains("hunter2"), "\(shown)")
            }
        }
        #expect(try PlugSpec.parse("shelly://admin:hunter2@plug/1").description == "shelly://admin:<hidden>@plug:80/1")
        #expect(try PlugSpec.parse("mqtt://user:hunter2@broker/cmnd/h/POWER?on=1&off=0").description
            == "mqtt://user:<hidden>@broker:1883/cmnd/h/POWER?state=stat/h/POWER&power=tele/h/SENSOR&on=1&off=0")
    }

    struct SpecKindMismatch: Error {}
}
