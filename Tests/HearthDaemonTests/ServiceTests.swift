import Foundation
import HearthBoardFiles
import HearthCore
import HearthDaemon
import HearthHAL
import HearthRuntime
import HearthSimulator
import HearthSupport
import HearthTestPool
import Logging
import ServiceLifecycle
import Testing

/// The daemon's services, run in-process on the simulator: no binary, no sockets
/// but the ones a test makes, every path temporary.
@Suite(.timeLimit(.minutes(2))) struct ServiceTests {
    static let boards = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("boards").path

    struct Rig {
        let dir: String
        let plant: SimulatedPlant
        let state: DaemonState
        let metrics = DaemonMetrics()
        let loop: ControlLoop
        let definition: BoardDefinition

        init(board: String = "avalon-nano3s", settings: DaemonSettings = DaemonSettings()) throws {
            dir = NSTemporaryDirectory() + "hearth-service-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            definition = try BoardCatalog(directory: ServiceTests.boards).board(id: board)
            plant = try SimulatedPlant(board: definition, scenario: ScenarioCatalog.named("winter-day")!,
                                       target: Celsius(settings.target))
            let store = SettingsStore(path: dir + "/settings.json")
            try store.save(settings)
            state = DaemonState(board: definition.profile, backend: "sim", store: store, settings: settings)
            loop = ControlLoop(device: plant.device,
                               policy: HeaterController(board: definition.profile,
                                                        settings: settings.controlSettings(board: definition.profile,
                                                                                           tariff: nil)))
        }

        func control(hours: Double, notify: SDNotify = SDNotify(environment: [:]), readiness: Readiness? = nil) -> ControlService {
            ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                           readiness: readiness ?? Readiness(listeners: 0, notify: notify, status: "test"),
                           timing: .init(tick: 1, speed: 100_000, hours: hours), tariff: nil,
                           logger: Logger(label: "test.control"))
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: dir) }
    }

    @Test func controlServicePublishesEveryTickAndLeavesTheBoardSafe() async throws {
        let rig = try Rig()
        defer { rig.cleanUp() }
        let service = rig.control(hours: 0.1)
        try await service.run()
        #expect(service.ticks == 360)
        let status = try #require(rig.state.status)
        #expect(status.controlTime == 359)
        #expect(status.board == "avalon-nano3s" && status.mode == "heat" && status.room != nil)
        #expect(rig.state.history(since: 0).count > 0)
        // Shut down: hashing off, fan at the board's safe duty.
        #expect(rig.plant.heater.hashBoard.hashing == false)
        #expect(rig.plant.heater.commandedDuty == rig.definition.profile.fan.safeDuty)
    }

    @Test func aTripIsRecordedOnceAndClearedByAPerson() async throws {
        let rig = try Rig()
        defer { rig.cleanUp() }
        rig.plant.heater.inject(FaultInjection(kind: .sensorNack, sensor: .chipTemp, at: .zero))
        try await rig.control(hours: 0.01).run()
        // The chip sensor and the fan share the EMC2101: its NACK fails the fan write too.
        #expect(rig.state.trips.count == 1)
        let code = try #require(rig.state.trips.first?.code)
        #expect(["sensor_failure", "actuator_failure"].contains(code))
        #expect(rig.state.status?.reasons == ["tripped:\(code)"])
        #expect(rig.state.status?.hashing == false)
    }

    @Test func settingsChangedThroughTheStateReachTheLoop() async throws {
        let rig = try Rig()
        defer { rig.cleanUp() }
        _ = try rig.state.change(try JSONParser.parse(#"{"mode": "off"}"#))
        try await rig.control(hours: 0.01).run()
        #expect(rig.state.status?.mode == "off")
        #expect(rig.state.status?.hashing == false)
        #expect(rig.state.status?.settingsRevision == rig.state.settings.revision)
    }

    @Test func readinessWaitsForTheLoopAndEveryListener() async throws {
        let rig = try Rig()
        defer { rig.cleanUp() }
        let socket = rig.dir + "/notify.sock"
        let listener = try DatagramListener(path: socket)
        let notify = SDNotify(environment: ["NOTIFY_SOCKET": socket])
        let readiness = Readiness(listeners: 1, notify: notify, status: "test")
        try await rig.control(hours: 0.001, notify: notify, readiness: readiness).run()
        #expect(!listener.received().contains { $0.hasPrefix("READY=1") })   // a listener is still missing
        readiness.listenerReady()
        #expect(listener.received().contains { $0.hasPrefix("READY=1") })
    }

    @Test func miningServiceMinesOnThePoolsInTheSettings() async throws {
        let pool = TestPool(host: "127.0.0.1", port: 0, difficulty: 0.0001)
        let port = try await pool.start()
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 400_000))
        let dir = NSTemporaryDirectory() + "hearth-mining-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let definition = try BoardCatalog(directory: Self.boards).board(id: "avalon-nano3s")
        let plant = try SimulatedPlant(board: definition, scenario: ScenarioCatalog.named("winter-day")!,
                                       target: Celsius(21), hasher: hasher)
        try plant.heater.hashBoard.setOperatingPoint(definition.profile.operatingPoints[definition.profile.operatingPoints.count - 1])
        try plant.heater.hashBoard.setHashing(true)
        let settings = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://127.0.0.1:\(port)", user: "me.heater")],
                                      activePool: 0)
        let store = SettingsStore(path: dir + "/settings.json")
        let state = DaemonState(board: definition.profile, backend: "sim", store: store, settings: settings)
        let mining = MiningService(board: plant.hashBoard, state: state, metrics: DaemonMetrics(),
                                   logger: Logger(label: "test.mining"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: mining)], logger: Logger(label: "test")))
        let accepted = try await withThrowingTaskGroup(of: Int.self) { tasks in
            tasks.addTask { try await group.run(); return -1 }
            tasks.addTask {
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(60)
                while clock.now < deadline {
                    if let s = mining.status, s.sharesAccepted >= 3 { return s.sharesAccepted }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return mining.status?.sharesAccepted ?? 0
            }
            let first = try await tasks.next()!
            await group.triggerGracefulShutdown()
            let second = try await tasks.next()!
            return max(first, second)
        }
        #expect(accepted >= 3)
        #expect(mining.status?.pool == "stratum+tcp://127.0.0.1:\(port)")
        #expect(await pool.counters.rejectedInvalid == 0)
        await pool.stop()
    }
}
