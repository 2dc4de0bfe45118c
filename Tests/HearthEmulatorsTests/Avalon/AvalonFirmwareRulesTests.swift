import HearthCGMinerAPI
import HearthCore
import Testing
@testable import HearthEmulators

/// The firmware's rules as a value: settings, recalibration, fan, soft off/on, reboot.
@Suite struct AvalonFirmwareRulesTests {
    func state(_ model: AvalonModel, setting: Int = 0) -> AvalonFirmwareState {
        AvalonFirmwareState(profile: AvalonFirmwareProfile(model), setting: setting, recalibration: Seconds(60),
                            bootDuration: Seconds(30), unixTimeAtClockZero: 1_000_000, now: .zero)
    }

    func run(_ option: String, _ setting: String?, _ s: inout AvalonFirmwareState, at t: Double = 0) -> AvalonAscsetOutcome {
        AvalonAscset.run(option: option, setting: setting, state: &s, now: Seconds(t)).outcome
    }

    @Test func workModeChangeRecalibratesAndRefusesChangesUntilDone() {
        var s = state(.nano3s)
        #expect(run("workmode", "set,2", &s) == .ok)
        #expect(s.setting == 2)
        #expect(s.isCalibrating)
        #expect(!s.wantsHashing)
        #expect(run("workmode", "set,1", &s, at: 10) == .failed("current mode 2 is caling Don't permit switch mode"))
        #expect(run("workmode", "get", &s, at: 10) == .info("workmode 2"))
        s.advance(to: Seconds(59), hashrate: .zero, difficulty: 1)
        #expect(s.isCalibrating)
        #expect(s.calibrationProgress(at: Seconds(30)) == 50)
        s.advance(to: Seconds(60), hashrate: .zero, difficulty: 1)
        #expect(!s.isCalibrating)
        #expect(s.wantsHashing)
        #expect(run("workmode", "set,1", &s, at: 61) == .ok)
    }

    @Test func sameModeIsAcceptedWithoutARestart() {
        var s = state(.q, setting: 1)
        let result = AvalonAscset.run(option: "workmode", setting: "set,1", state: &s, now: .zero)
        #expect(result.outcome == .ok)
        #expect(!result.changedSetting)
        #expect(!s.isCalibrating)
    }

    @Test func modeBeyondTheModelsIsRefusedAsTheFirmwareSaysIt() {
        var s = state(.nano3s)
        #expect(run("workmode", "set,3", &s) == .failed("error:1 not support set workmode max_mode[2]"))
        #expect(run("workmode", "set,-1", &s) == .failed("error:1 not support set workmode max_mode[2]"))
        #expect(run("workmode", "put,1", &s) == .failed("error:2 parameter error"))
        #expect(run("workmode", nil, &s) == .failed("missing workmode setting"))
    }

    @Test func nano3SetsItsHeatWithWorkLevel() {
        var s = state(.nano3)
        #expect(run("workmode", "set,1", &s) == .failed("Unknown option: workmode"))
        #expect(run("worklevel", "set,2", &s) == .ok)
        #expect(s.setting == 2)
        #expect(run("worklevel", "set,1", &s, at: 5) == .failed("current level 2 is caling,Don't permit switch level"))
        #expect(run("worklevel", "set,7", &s, at: 70) == .failed("worklevel unknown argument"))
    }

    @Test func workLevelOnAWorkModeModelHasOnlyItsOneLevel() {
        var s = state(.nano3s)
        #expect(run("worklevel", "set,0", &s) == .ok)
        #expect(!s.isCalibrating)
        #expect(run("worklevel", "set,1", &s) == .failed("worklevel unknown argument"))
        #expect(run("worklevel", "get", &s) == .info("worklevel 0"))
    }

    @Test func fanSpeedRangeAndAuto() {
        var s = state(.nano3s)
        #expect(run("fan-spd", "50", &s) == .ok)
        #expect(s.fanControl == .fixed(percent: 50))
        #expect(run("fan-spd", "10", &s)
            == .failed("invalid fan value, valid range 15-100 for stable pwm,-1 for auto adjust"))
        #expect(run("fan-spd", "x", &s) == .failed("No value passed to avalon-fan"))
        #expect(run("fan-spd", "-1", &s) == .ok)
        #expect(s.fanControl == .auto(target: Celsius(80)))
    }

    @Test func softOffOnlyWhereTheFirmwareHasIt() {
        var nano = state(.nano3s)
        #expect(run("softoff", "1:1000010", &nano) == .failed("Unknown option: softoff"))
        var q = state(.q)
        #expect(run("softoff", "1:1000000", &q) == .info("success softoff:1000000"))
        #expect(q.softOff)
        #expect(!q.wantsHashing)
        #expect(run("softon", "1:1000005", &q, at: 1) == .info("success softon:1000005"))
        #expect(q.softOff, "a soft on at a later unix time waits for it")
        q.advance(to: Seconds(5), hashrate: .zero, difficulty: 1)
        #expect(!q.softOff)
        #expect(q.lastSoftOn == 1_000_005)
        #expect(run("softoff", "tomorrow", &q) == .failed("softoff parameter error"))
    }

    @Test func rebootTakesTheUnitDownAndResetsUptime() {
        var s = state(.mini3)
        #expect(run("reboot", "400", &s) == .failed("reboot value should be 0~300 seconds"))
        #expect(run("reboot", "x", &s) == .failed("reboot value not number"))
        #expect(run("reboot", "5", &s, at: 100) == .ok)
        s.advance(to: Seconds(104), hashrate: HashRate(terahashes: 20), difficulty: 1)
        #expect(s.isUp)
        s.advance(to: Seconds(105), hashrate: HashRate(terahashes: 20), difficulty: 1)
        #expect(!s.isUp)
        #expect(s.totalHashes == 0)
        s.advance(to: Seconds(135), hashrate: .zero, difficulty: 1)
        #expect(s.isUp)
        #expect(s.uptime(at: Seconds(140)) == Seconds(5))
        #expect(s.bootBy == 5)
    }

    @Test func helpListsTheFirmwaresOptionsInItsOrder() {
        var s = state(.q)
        guard case .info(let text) = run("help", nil, &s) else {
            Issue.record("help is info")
            return
        }
        #expect(text.hasPrefix("help|voltage|fan-spd|lcd|"))
        #expect(text.hasSuffix("|time|"))
        #expect(AscsetOptions(helpText: text).supports("softoff"))
        var nano = state(.nano3s)
        guard case .info(let nanoText) = run("HELP", nil, &nano) else {
            Issue.record("options match without case, as strcasecmp does")
            return
        }
        #expect(!AscsetOptions(helpText: nanoText).supports("softoff"))
        #expect(Set(AscsetOptions(helpText: nanoText).ordered) == AvalonOptions.nano3sOpenFirmware)
    }

    @Test func hashesAreCountedWhileUp() {
        var s = state(.nano3s)
        s.advance(to: Seconds(10), hashrate: HashRate(terahashes: 6), difficulty: 1000)
        #expect(abs(s.totalHashes - 6e13) < 1)
        #expect(s.acceptedShares(difficulty: 1000) == Int64(6e13 / (1000 * 4_294_967_296)))
        #expect(s.rolling5s > 0.8 * 6e12)
    }
}
