import HearthCore
import HearthEmulators
import HearthPlugs
import HearthSupport
import Testing

/// `PlugSwitch` over a real HTTP plug whose emulator stops answering and comes back
/// (127.0.0.104), on a manual clock: the backoff is in control time, the timeouts in wall time.
@Suite struct PlugSwitchOverHTTPTests {
    let host = Loopback.plugSwitch

    @Test func plugThatStopsAnsweringIsReportedAndRecovers() async throws {
        let clock = ManualClock()
        let logs = LogCapture()
        let shelly = ShellyEmulator(password: "hunter2-secret", socket: EmulatedSocket(initiallyOn: false, watts: { Watts(95) }))
        let port = try await shelly.start(host: host)
        defer { Task { await shelly.stop() } }
        let plug = ShellyPlug(host: host, port: port, password: "hunter2-secret")
        let plugSwitch = PlugSwitch(plug: plug, policy: PlugSwitchPolicy(retry: RetryPolicy(jitter: 0), failuresBeforeNotAnswering: 2),
                                    jitterSeed: 1, logger: logs.logger(), now: clock.reader)

        var report = await plugSwitch.want(true)
        #expect(report.isSettled && report.reported == PlugStatus(isOn: true, watts: Watts(95)))

        shelly.fault = .closesAtOnce
        await plugSwitch.want(false)
        clock.advance(2)
        report = await plugSwitch.service()
        #expect(report.health == .notAnswering(failures: 2, since: Seconds(1000)))
        #expect(report.description.contains("not answering (2 failures in a row); last known on, 95 W; wanted off"))
        #expect(report.description.hasSuffix("GET /rpc/Switch.Set?id=0&on=false: closed the connection without responding"))
        #expect(shelly.socket.isOn)

        shelly.fault = nil
        clock.advance(4)
        report = await plugSwitch.service()
        #expect(report.health == .answering)
        #expect(report.reported == PlugStatus(isOn: false, watts: Watts(0)))
        #expect(!shelly.socket.isOn)
        #expect(!logs.all.joined().contains("hunter2"))
    }

    @Test func plugThatDropsEveryConnectionIsNotStormed() async throws {
        let clock = ManualClock()
        let logs = LogCapture()
        let tasmota = TasmotaEmulator()
        tasmota.fault = .closesAtOnce
        let port = try await tasmota.start(host: host)
        defer { Task { await tasmota.stop() } }
        let plugSwitch = PlugSwitch(plug: TasmotaPlug(host: host, port: port), jitterSeed: 3, logger: logs.logger(), now: clock.reader)
        // A caller polling every 10 ms for 60 s of control time.
        for i in 0..<6000 {
            if i == 0 { await plugSwitch.want(false) } else { await plugSwitch.service() }
            clock.advance(0.01)
        }
        let report = await plugSwitch.report
        #expect(report.health.isNotAnswering)
        // The standard backoff (1 s floor, 2 s doubling, half jitter) allows a handful of tries in a minute, not thousands.
        #expect(tasmota.counters.connections <= 8)
        #expect(tasmota.counters.connections >= 3)
        #expect(logs.all.filter { !$0.hasPrefix("debug") }.count <= 3)
    }
}
