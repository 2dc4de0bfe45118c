import HearthCore
import Testing

@testable import HearthPlugs

/// What plugs publish on state and power topics, read the same way whatever the firmware.
@Suite struct MQTTPlugPayloadTests {
    @Test(arguments: [
        ("ON", true), ("off", false), (" 1\n", true), ("0", false), ("true", true), (#"{"POWER":"ON"}"#, true),
        (#"{"POWER1":"OFF"}"#, false), (#"{"state":"ON","power":65}"#, true), (#"{"output":false,"apower":0}"#, false),
    ])
    func statesOfCommonFirmwares(payload: String, isOn: Bool) {
        #expect(MQTTPlugPayload.state(payload, onPayload: "ON", offPayload: "OFF") == isOn)
    }

    @Test func configuredPayloadsWin() {
        #expect(MQTTPlugPayload.state("heat", onPayload: "heat", offPayload: "idle") == true)
        #expect(MQTTPlugPayload.state("idle", onPayload: "heat", offPayload: "idle") == false)
        #expect(MQTTPlugPayload.state("maybe", onPayload: "heat", offPayload: "idle") == nil)
        #expect(MQTTPlugPayload.state(#"{"POWER":7}"#, onPayload: "ON", offPayload: "OFF") == nil)
    }

    @Test func wattsOfCommonFirmwares() {
        #expect(MQTTPlugPayload.watts("65.5") == Watts(65.5))
        #expect(MQTTPlugPayload.watts(#"{"Time":"x","ENERGY":{"Power":88,"Voltage":230}}"#) == Watts(88))
        #expect(MQTTPlugPayload.watts(#"{"ENERGY":{"Power":[70,0]}}"#) == Watts(70))
        #expect(MQTTPlugPayload.watts(#"{"apower":12.5}"#) == Watts(12.5))
        #expect(MQTTPlugPayload.watts(#"{"Time":"x"}"#) == nil)
        #expect(MQTTPlugPayload.watts("nan") == nil)
    }
}
