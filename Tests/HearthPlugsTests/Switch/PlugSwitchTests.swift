import HearthCore
import HearthPlugs
import HearthSupport
import Testing

/// `PlugSwitch` on a scripted plug and a manual clock: verify, backoff with its floor,
/// the per-minute limit, "not answering" and recovery, and a plug switched by hand.
@Suite struct PlugSwitchTests {
    let clock = ManualClock()
    let plug = ScriptedPlug()

    func makeSwitch(_ policy: PlugSwitchPolicy = PlugSwitchPolicy(), logs: LogCapture = LogCapture()) -> PlugSwitch {
        PlugSwitch(plug: plug, policy: policy, jitterSeed: 7, logger: logs.logger(), now: clock.reader)
    }

    @Test func wantSwitchesAndVerifies() async {
        let plugSwitch = makeSwitch()
        let report = await plugSwitch.want(true)
        #expect(plug.setCalls == [true])
        #expect(plug.statusCalls == 1)
        #expect(report.isSettled)
        #expect(report.health == .answering)
        #expect(report.reported == PlugStatus(isOn: true, watts: Watts(120)))
        #expect(report.description == "plug scripted 127.0.0.1:80: on, 120 W")
        // Already there: nothing more is sent until the next check is due.
        await plugSwitch.want(true)
        #expect(plug.calls == 2)
    }

    @Test func statusIsCheckedEveryIntervalOnly() async {
        let plugSwitch = makeSwitch(PlugSwitchPolicy(statusInterval: .seconds(30)))
        await plugSwitch.service()
        #expect(plug.statusCalls == 1)
        clock.advance(29)
        await plugSwitch.service()
        #expect(plug.statusCalls == 1)
        clock.advance(1)
        await plugSwitch.service()
        #expect(plug.statusCalls == 2)
    }

    @Test func failuresBackOffNeverFasterThanTheFloor() async {
        // A policy that asks for no wait at all still gets 1 s.
        let eager = RetryPolicy(floor: .zero, initial: .zero, multiplier: 1, cap: .zero, jitter: 0)
        #expect(PlugSwitchPolicy(retry: eager).retry.floor == .seconds(1))
        let plugSwitch = makeSwitch(PlugSwitchPolicy(retry: eager, maxCommandsPerMinute: 1000, failuresBeforeNotAnswering: 1000))
        plug.fail(with: .badReply("nope"))
        // 10 s of a caller polling every 125 ms.
        for _ in 0..<80 {
            await plugSwitch.want(true)
            clock.advance(0.125)
        }
        #expect(plug.setCalls.count == 10)
        let report = await plugSwitch.report
        #expect(report.nextAttemptAt.map { $0 - clock.now <= Seconds(1) } == true)
    }

    @Test func backoffGrowsWithTheStandardPolicy() async throws {
        let plugSwitch = makeSwitch(PlugSwitchPolicy(retry: RetryPolicy(jitter: 0)))
        plug.fail(with: .badReply("nope"))
        var gaps: [Double] = []
        for _ in 0..<5 {
            let report = await plugSwitch.want(false)
            let next = try #require(report.nextAttemptAt)
            gaps.append((next - clock.now).value)
            clock.advance((next - clock.now).value)
        }
        #expect(gaps == [2, 4, 8, 16, 32])
    }

    @Test func notAnsweringAfterNFailuresThenRecoversByItself() async throws {
        let logs = LogCapture()
        let plugSwitch = makeSwitch(PlugSwitchPolicy(retry: RetryPolicy(jitter: 0), failuresBeforeNotAnswering: 3), logs: logs)
        plug.fail(with: .noState("silent"))
        var report = await plugSwitch.want(true)
        #expect(report.health == .failing(failures: 1))
        for _ in 0..<2 {
            clock.advance(try #require(report.nextAttemptAt).value - clock.now.value)
            report = await plugSwitch.service()
        }
        #expect(report.health == .notAnswering(failures: 3, since: Seconds(1000)))
        #expect(report.description == "plug scripted 127.0.0.1:80: not answering (3 failures in a row); wanted on: plug scripted 127.0.0.1:80, set true: silent")
        #expect(!report.isSettled)

        plug.fail(with: nil)
        clock.advance(try #require(report.nextAttemptAt).value - clock.now.value)
        report = await plugSwitch.service()
        #expect(report.health == .answering)
        #expect(report.isSettled && plug.isOn)
        #expect(report.lastError == nil)
        // Lines for changes only: the first failure, not answering, answering again.
        #expect(logs.all.filter { !$0.hasPrefix("debug") }.count == 3)
        #expect(logs.all.contains { $0.contains("answering again after 3 failures") })
    }

    @Test func commandsPerMinuteAreBounded() async {
        let plugSwitch = makeSwitch(PlugSwitchPolicy(maxCommandsPerMinute: 3))
        // A flapping controller: 20 changes within 20 s.
        for i in 0..<20 {
            await plugSwitch.want(i % 2 == 0)
            clock.advance(1)
        }
        #expect(plug.setCalls.count == 3)
        let report = await plugSwitch.report
        #expect(report.commandsDeferred >= 1)
        #expect(report.nextAttemptAt == Seconds(1060))
        // A minute after the first, the newest wish goes out.
        clock.advance(40)
        let settled = await plugSwitch.service()
        #expect(plug.setCalls == [true, false, true, false])
        #expect(settled.isSettled)
    }

    @Test func plugSwitchedByHandIsSwitchedBack() async {
        let logs = LogCapture()
        let plugSwitch = makeSwitch(logs: logs)
        await plugSwitch.want(true)
        plug.switchByHand(false)
        clock.advance(30)
        let report = await plugSwitch.service()
        #expect(plug.setCalls == [true, true])
        #expect(report.isSettled)
        #expect(logs.all.contains { $0.contains("found off while Hearth wants it on") })
    }

    @Test func relayThatDoesNotFollowIsAFailure() async {
        let plugSwitch = makeSwitch()
        plug.ignoreCommands(true)
        let report = await plugSwitch.want(true)
        #expect(report.health == .failing(failures: 1))
        #expect(report.lastError == "plug scripted 127.0.0.1:80: switched on, but the plug reports off, 0 W")
        #expect(report.description.hasPrefix("plug scripted 127.0.0.1:80: off, 0 W; switching on (retrying: "))
    }

    @Test func knownOffOnlyWhenThePlugSaysSo() async {
        let plugSwitch = makeSwitch()
        #expect(await plugSwitch.report.isKnownOff == false)
        #expect(await plugSwitch.want(false).isKnownOff)
    }

    @Test func setSucceedsOnlyOnceThePlugConfirms() async throws {
        let plugSwitch = makeSwitch()
        #expect(plugSwitch.name == "scripted 127.0.0.1:80")
        try await plugSwitch.set(on: true)
        plug.ignoreCommands(true)
        let error = try await #require(throws: PlugSwitchError.self) { try await plugSwitch.set(on: false) }
        #expect(error.report.wanted == false && error.report.reported?.isOn == true)
        #expect(error.description.contains("switched off, but the plug reports on"))
    }
}
