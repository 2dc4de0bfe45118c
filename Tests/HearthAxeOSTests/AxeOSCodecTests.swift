import HearthAxeOS
import HearthCore
import HearthSupport
import Testing

@Suite("AxeOS codec")
struct AxeOSCodecTests {
    let peer = "axeos 192.0.2.7:80"

    @Test func recordedGammaReplyDecodes() throws {
        let info = try AxeOSSystemInfo.decode(Array(AxeOSFixtures.gammaInfo.utf8), peer: peer)
        #expect(info.chipTemperature == Celsius(61.375))
        #expect(info.regulatorTemperature == Celsius(57))
        #expect(info.power == Watts(20.1292724609375))
        #expect(info.inputVoltage == Millivolts(5109.375))
        #expect(abs(info.hashrate.gigahashes - 956.6582325674857) < 1e-9)
        #expect(info.frequency == Megahertz(525))
        #expect(info.coreVoltage == Millivolts(1150))
        #expect(info.coreVoltageActual == Millivolts(1129))
        #expect(info.fanSpeed == RPM(5607))
        #expect(info.fanDuty == DutyCycle.percent(85))
        #expect(info.autoFan == false)
        #expect(info.overheatMode == false)
        #expect(info.sharesAccepted == 2345)
        #expect(info.sharesRejected == 4)
        #expect(info.asicModel == "BM1370")
        #expect(info.firmware == "v2.6.0b7-4-g60fba27-dirty")
        #expect(info.miningPaused == nil)
    }

    @Test func oldFirmwareWithoutTachDecodes() throws {
        let info = try AxeOSSystemInfo.decode(Array(AxeOSFixtures.hexInfoV2_0.utf8), peer: peer)
        #expect(info.fanSpeed == nil)
        #expect(info.regulatorTemperature == nil)
        #expect(info.overheatMode == false)
        #expect(info.inputCurrent.map { abs($0.value - 16.28125) < 1e-9 } == true)
        #expect(info.asicModel == "BM1366")
    }

    @Test func asicOptionsDecode() throws {
        let asic = try AxeOSASICInfo.decode(Array(AxeOSFixtures.gammaASIC.utf8), peer: peer)
        #expect(asic.asicModel == "BM1370")
        #expect(asic.frequencyOptions.map(\.value) == [400, 490, 525, 550, 600, 625])
        #expect(asic.voltageOptions.map(\.value) == [1000, 1060, 1100, 1150, 1200, 1250])
        #expect(asic.defaultFrequency == Megahertz(525))
    }

    @Test func newerFirmwareSpellsAsicModelInLowerCase() throws {
        let body = #"{"asicModel":"BM1368","frequencyOptions":[490,400],"voltageOptions":[1166]}"#
        let asic = try AxeOSASICInfo.decode(Array(body.utf8), peer: peer)
        #expect(asic.asicModel == "BM1368")
        #expect(asic.frequencyOptions.map(\.value) == [400, 490])
    }

    @Test("a missing, mistyped or implausible field is named", arguments: [
        (#"{"power":1,"hashRate":1,"frequency":1,"coreVoltage":1}"#, "field 'temp' is missing"),
        (#"{"temp":"hot","power":1,"hashRate":1,"frequency":1,"coreVoltage":1}"#, "field 'temp' must be a number, found string"),
        (#"{"temp":50,"power":-3,"hashRate":1,"frequency":1,"coreVoltage":1}"#, "field 'power' is -3.0, outside"),
        (#"{"temp":50,"power":3,"hashRate":1,"frequency":1,"coreVoltage":1,"overheat_mode":7}"#, "field 'overheat_mode' must be 0, 1 or a boolean"),
        (#"{"temp":50,"power":3,"hashRate":1,"frequency":1,"coreVoltage":1,"fanrpm":null,"ASICModel":5}"#, "field 'ASICModel' must be a string"),
        (#"[1,2]"#, "field '(reply)' must be an object, found array"),
    ])
    func badFieldsAreNamed(body: String, expected: String) {
        do {
            _ = try AxeOSSystemInfo.decode(Array(body.utf8), peer: peer)
            Issue.record("decoded \(body)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.hasPrefix("axeos 192.0.2.7:80, GET /api/system/info"), "\(error)")
        }
    }

    @Test func notJSONSaysWhere() {
        do {
            _ = try AxeOSSystemInfo.decode(Array(#"{"temp": 5,, }"#.utf8), peer: peer)
            Issue.record("decoded")
        } catch {
            guard case .notJSON(_, _, let e) = error else { Issue.record("\(error)"); return }
            #expect(e.offset == 11)
        }
    }

    @Test func asicOptionsMustBeNumbers() {
        do {
            _ = try AxeOSASICInfo.decode(Array(#"{"ASICModel":"BM1370","frequencyOptions":[400,"x"],"voltageOptions":[1]}"#.utf8), peer: peer)
            Issue.record("decoded")
        } catch {
            #expect(error.description.contains("field 'frequencyOptions[1]'"), "\(error)")
        }
    }

    @Test func settingsWriteOnlyWhatIsSet() throws {
        let s = AxeOSSettings(frequency: Megahertz(490), coreVoltage: Millivolts(1100.4))
        #expect(s.json.jsonText == #"{"frequency":490,"coreVoltage":1100}"#)
        let fan = AxeOSSettings(fanDuty: .percent(42.6), autoFan: false)
        #expect(fan.json.jsonText == #"{"autofanspeed":0,"fanspeed":43}"#)
        let back = try AxeOSSettings.decode(Array(s.json.jsonText.utf8), peer: peer)
        #expect(back.frequency == Megahertz(490))
        #expect(AxeOSSettings().isEmpty)
    }
}
