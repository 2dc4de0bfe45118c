import HearthCGMinerAPI
import HearthCore
import Testing
@testable import HearthEmulators

/// The real client against the emulated firmware over loopback (127.0.0.120–129).
@Suite struct AvalonEmulatorClientTests {
    static let hosts: [AvalonModel: String] = [.nano3s: "127.0.0.120", .nano3: "127.0.0.121", .mini3: "127.0.0.122",
                                               .q: "127.0.0.123"]

    @Test(arguments: AvalonModel.allCases)
    func everyCommandOnEveryModel(_ model: AvalonModel) async throws {
        let hardware = RecordingHardware(fans: AvalonFirmwareProfile(model).fanCount)
        try await withEmulator(model, host: Self.hosts[model]!, hardware: hardware) { emulator, client in
            let version = try await client.version()
            #expect(version.model == model)
            let summary = try await client.summary()
            #expect(summary.elapsed == Seconds(0))
            #expect(try await client.pools().count == 1)
            let stats = try await client.stats()
            #expect(stats.records.count == 2)
            let estats = try await client.estats(model: model)
            try estats.requireKeys()
            #expect(estats.wallPower == Watts(100))
            #expect(try await client.command("lcd").status.code == 125)

            let options = try await client.supportedOptions()
            #expect(options.supports("fan-spd"))
            #expect(options.supports(.softOff(atUnixTime: 0)) == (model == .mini3 || model == .q))

            let knob: AscsetCommand = model == .nano3 ? .setWorkLevel(2) : .setWorkMode(2)
            #expect(try await client.ascset(knob) == .ok)
            #expect(try await client.ascset(model == .nano3 ? .getWorkLevel : .getWorkMode).reportedValue == 2)
            let refused = try await client.ascset(model == .nano3 ? .setWorkLevel(1) : .setWorkMode(1))
            guard case .failed(let why) = refused else {
                Issue.record("a second change while recalibrating is refused, got \(refused)")
                return
            }
            #expect(why.contains("caling"))
            #expect(try await client.estats(model: model).line["ADJ"] == "0")

            #expect(try await client.ascset(.fan(.percent(60))) == .ok)
            #expect(try await client.ascset(.fan(.auto)) == .ok)
            #expect(try await client.ascset(.lcd(id: 0, value: 1)).accepted)
            #expect(try await client.ascset(.reboot(afterSeconds: 300)) == .ok)
            let softOff = try await client.ascset(.softOff(atUnixTime: 1_765_000_000))
            #expect(softOff.accepted == options.supports("softoff"))
            if options.supports("softoff") {
                #expect(try await client.estats(model: model).softOffReason == 4)
                #expect(try await client.ascset(.softOn(atUnixTime: 1_765_000_000)).accepted)
            }
            let unknown = try await client.exchange(CGMinerRequest("minerstats"))
            #expect(try ReplyDecoder.decodeSingle(unknown).status.code == 14)

            let counters = emulator.counters
            #expect(counters.maxOpenAtOnce == 1)
            #expect(counters.settingChanges == 1)
            #expect(counters.commands["ascset workmode", default: 0] + counters.commands["ascset worklevel", default: 0] == 3)
            #expect(counters.refused == (options.supports("softoff") ? 2 : 3))
            #expect(hardware.calls.settings == [0, 2])
            #expect(hardware.calls.fans.contains(.fixed(percent: 60)))
            #expect(hardware.calls.hashing.first == true)
        }
    }

    @Test func nano3sSoftOffIsRefusedAsTheRealFirmwareDoes() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.124") { emulator, client in
            #expect(!(try await client.supportedOptions()).supports("softoff"))
            let result = try await client.ascset(.softOff(atUnixTime: 1_765_000_010))
            #expect(result == .failed("Unknown option: softoff"))
            #expect(!result.accepted)
            #expect(emulator.counters.refused == 1)
            #expect(emulator.counters.refusals.last?.contains("Unknown option: softoff") == true)
            #expect(!emulator.status.softOff)
        }
    }

    @Test func aSecondConnectionWaitsItsTurnAndIsCountedAsOverlapping() async throws {
        try await withEmulator(.q, host: "127.0.0.125", configure: { $0.behaviour.latency = .fixed(.milliseconds(150)) }) {
            emulator, client in
            // A misbehaving caller: two clients for one unit, each with a connection open at once.
            let second = CGMinerClient(endpoint: client.endpoint, options: AvalonTestSupport.clientOptions)
            async let a = client.version()
            async let b = second.summary()
            let (version, summary) = try await (a, b)
            #expect(version.model == .q)
            #expect(summary.elapsed == Seconds(0))
            let counters = emulator.counters
            #expect(counters.connections == 2)
            #expect(counters.maxOpenAtOnce == 2)
            #expect(counters.overlappingConnections == 1)
        }
    }

    @Test func aWellBehavedClientNeverOverlaps() async throws {
        try await withEmulator(.mini3, host: "127.0.0.126", configure: {
            $0.behaviour.latency = .uniform(.milliseconds(1), .milliseconds(20))
        }) { emulator, client in
            for _ in 0..<10 { _ = try await client.estats() }
            #expect(emulator.counters.connections == 10)
            #expect(emulator.counters.maxOpenAtOnce == 1)
            #expect(emulator.counters.overlappingConnections == 0)
            #expect(emulator.counters.commands["estats"] == 10)
        }
    }

    @Test func latencyDelaysTheReply() async throws {
        try await withEmulator(.nano3s, host: "127.0.0.127", configure: { $0.behaviour.latency = .fixed(.milliseconds(80)) }) {
            _, client in
            let start = ContinuousClock.now
            _ = try await client.version()
            #expect(ContinuousClock.now - start >= .milliseconds(80))
        }
    }
}
