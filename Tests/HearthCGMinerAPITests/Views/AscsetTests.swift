import HearthCGMinerAPI
import Testing

@Suite struct AscsetTests {
    @Test func commandsAreSpelledAsTheFirmwareReadsThem() throws {
        #expect(try AscsetCommand.setWorkMode(2).parameter() == "0,workmode,set,2")
        #expect(try AscsetCommand.setWorkLevel(1).parameter() == "0,worklevel,set,1")
        #expect(try AscsetCommand.getWorkMode.parameter() == "0,workmode,get")
        #expect(try AscsetCommand.fan(.auto).parameter() == "0,fan-spd,-1")
        #expect(try AscsetCommand.fan(.percent(40)).parameter() == "0,fan-spd,40")
        #expect(try AscsetCommand.softOff(atUnixTime: 1_753_434_821).parameter() == "0,softoff,1:1753434821")
        #expect(try AscsetCommand.softOn(atUnixTime: 1_753_434_757).parameter() == "0,softon,1:1753434757")
        #expect(try AscsetCommand.reboot(afterSeconds: 0).parameter() == "0,reboot,0")
        #expect(try AscsetCommand.lcd(id: 0, value: 1).parameter() == "0,lcd,0:1")
        #expect(try AscsetCommand.help.request() == CGMinerRequest("ascset", parameter: "0,help"))
    }

    @Test func valuesTheFirmwareWouldRefuseAreRefusedHere() {
        #expect(throws: AscsetCommandError.outOfRange(option: "fan-spd", value: 10, allowed: "15…100 % or auto")) {
            try AscsetCommand.fan(.percent(10)).parameter()
        }
        #expect(throws: AscsetCommandError.outOfRange(option: "reboot", value: 301, allowed: "0…300 s")) {
            try AscsetCommand.reboot(afterSeconds: 301).parameter()
        }
    }

    private func reply(_ severity: CGMinerStatus.Severity, _ code: Int, _ message: String) -> CGMinerReply {
        CGMinerReply.status(severity, code: code, message: message, when: 1)
    }

    @Test func statusCodesMapToResults() {
        #expect(AscsetResult(reply(.success, 119, "ASC 0 set OK")) == .ok)
        #expect(AscsetResult(reply(.info, 118, "ASC 0 set info: workmode 2")) == .info("workmode 2"))
        #expect(AscsetResult(reply(.info, 118, "ASC 0 set info: workmode 2")).reportedValue == 2)
        #expect(AscsetResult(reply(.error, 120, "ASC 0 set failed: Unknown option: softoff")) == .failed("Unknown option: softoff"))
        #expect(AscsetResult(reply(.error, 14, "Invalid command")) == .invalidCommand)
        #expect(AscsetResult(reply(.warning, 117, "ASC 0 does not support ascset")) == .notSupported)
        #expect(AscsetResult(reply(.error, 45, "Access denied to 'ascset' command")).accepted == false)
    }

    @Test func theQsSoftOffInfoCountsAsAccepted() {
        // Q firmware 25052801 answers softoff with 118, not 119.
        let result = AscsetResult(reply(.info, 118, "ASC 0 set info: success softoff:1753434821"))
        #expect(result.accepted)
        #expect(AscsetResult(reply(.success, 119, "ASC 0 set OK")).accepted)
        #expect(!AscsetResult(reply(.error, 120, "ASC 0 set failed: current mode 2 is caling Don't permit switch mode")).accepted)
    }

    @Test func helpListsTheOptionsThisFirmwareHas() throws {
        let q = try AscsetOptions(AscsetResult(reply(.info, 118,
            "ASC 0 set info: help|voltage|fan-spd|lcd|hash-sn-read|hash-sn-write|volt-tuning|workmode|worklevel|work_mode_lvl|reboot|softon|softoff|filter-clean|facopts|faclock|activate|solo-allowed|frequency|loop|password|qr_auth|time|")))
        #expect(q.ordered.first == "help")
        #expect(q.ordered.count == 23)
        #expect(q.supports(.softOff(atUnixTime: 0)))
        #expect(q.options == AvalonOptions.qFirmware25052801)
        let nano = AscsetOptions(helpText: "help|voltage|fan-spd|workmode|worklevel|reboot|")
        #expect(!nano.supports("softoff"))
        #expect(throws: CGMinerCodecError.self) { try AscsetOptions(.ok) }
    }
}
