import HearthCore
import HearthSupport
import Testing
@testable import HearthHomeAssistant

@Suite struct StatePayloadTests {
    func state(_ mode: Mode, hashing: Bool, room: Celsius? = Celsius(20.96), trip: String? = nil) -> HeaterState {
        HeaterState(mode: mode, target: Celsius(21.5), room: room, chip: Celsius(71.24), power: Watts(98.7),
                    hashrate: HashRate(3.98e12), fanDuty: DutyCycle(0.423), hashing: hashing, sharesAccepted: 12,
                    netCostPerKWhHeat: EnergyPrice(0.3), trip: trip)
    }

    @Test func actionFollowsHeatingIdleOff() {
        #expect(state(.heat, hashing: true).action == "heating")
        #expect(state(.eco, hashing: false).action == "idle")
        #expect(state(.off, hashing: false).action == "off")
        #expect(state(.mine, hashing: true).action == "heating")
        for m in Mode.allCases {
            #expect(HomeAssistantDocumentedKeys.hvacActions.contains(state(m, hashing: true).action))
        }
    }

    @Test func hvacModeAndPreset() {
        #expect(state(.heat, hashing: true).hvacMode == "heat")
        #expect(state(.heat, hashing: true).preset == "none")
        #expect(state(.quiet, hashing: true).hvacMode == "heat")
        #expect(state(.quiet, hashing: true).preset == "quiet")
        #expect(state(.off, hashing: false).hvacMode == "off")
    }

    @Test func payloadCarriesValuesAndNullForAbsentOnes() {
        let p = state(.heat, hashing: true).payload
        #expect(p["room_c"] == .double(20.96))
        #expect(p["target_c"] == .double(21.5))
        #expect(p["power_w"] == .double(98.7))
        #expect(p["hashrate_ths"] == .double(3.98))
        #expect(p["fan_pct"] == .double(42.3))
        #expect(p["shares_accepted"] == .integer(12))
        #expect(p["trip"] == .string("OFF"))
        let absent = state(.heat, hashing: false, room: nil, trip: "chip over temperature").payload
        #expect(absent["room_c"] == .null)
        #expect(absent["trip"] == .string("ON"))
        #expect(absent["trip_reason"] == .string("chip over temperature"))
    }
}
