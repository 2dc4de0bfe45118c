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
import Synchronization
import Testing

/// Issue 15, pool garbage through the daemon: the control service and the mining
/// service on the simulator, the active pool turning to garbage mid-run. Ticks must
/// stay on time, nothing may trip, the owner's settings stay as they were, the status
/// must say which pool failed, and mining must move to the backup.
@Suite(.timeLimit(.minutes(2))) struct PoolFaultServiceTests {
    @Test func aGarbagePoolDelaysNoTickTripsNothingAndIsFailedOver() async throws {
        var poolConfig = TestPoolConfiguration()
        poolConfig.difficulty = 0.0001
        let primary = TestPool(configuration: poolConfig, logger: Logger(label: "test.primary"))
        let backup = TestPool(configuration: poolConfig, logger: Logger(label: "test.backup"))
        let primaryPort = try await primary.start()
        let backupPort = try await backup.start()
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 400_000))
        defer { hasher.stop() }
        let dir = NSTemporaryDirectory() + "hearth-poolfault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let definition = try BoardCatalog(directory: ServiceTests.boards).board(id: "avalon-nano3s")
        let plant = try SimulatedPlant(board: definition, scenario: ScenarioCatalog.named("winter-day")!,
                                       target: Celsius(21), hasher: hasher)
        try plant.heater.hashBoard.setOperatingPoint(definition.profile.operatingPoints.last!)
        try plant.heater.hashBoard.setHashing(true)
        let settings = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://127.0.0.1:\(primaryPort)", user: "me.heater"),
                                              PoolSetting(url: "stratum+tcp://127.0.0.1:\(backupPort)", user: "me.heater")],
                                      activePool: 0)
        let store = SettingsStore(path: dir + "/settings.json")
        try store.save(settings)
        let state = DaemonState(board: definition.profile, backend: "sim", store: store, settings: settings)
        let metrics = DaemonMetrics()
        let mining = MiningService(board: plant.hashBoard, state: state, metrics: metrics, logger: Logger(label: "test.mining"))
        let group = ServiceGroup(configuration: .init(services: [.init(service: mining)], logger: Logger(label: "test")))
        let miningTask = Task { try await group.run() }

        #expect(await primary.waitUntil(timeout: .seconds(30)) { $0.accepted >= 1 })
        try await primary.setFault(.garbage(.binary))
        // 10 s of control at 50 ms a tick, while the client reads garbage and fails over.
        let loop = ControlLoop(device: plant.device, policy: HeaterController(
            board: definition.profile, settings: settings.controlSettings(board: definition.profile, tariff: nil)))
        let notify = SDNotify(environment: [:])
        let control = ControlService(loop: loop, plant: plant, state: state, metrics: metrics, notify: notify,
                                     readiness: Readiness(listeners: 0, notify: notify, status: "test"),
                                     timing: .init(tick: 1, speed: 20, hours: 200.0 / 3600), tariff: nil,
                                     logger: Logger(label: "test.control"), mining: { mining.status })
        let seen = Mutex<Set<String>>([])
        let watcher = Task {
            for _ in 0..<2000 where !Task.isCancelled {
                if let s = mining.status { _ = seen.withLock { $0.insert(s.state) } }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        try await control.run()
        watcher.cancel()
        let finalStatus = mining.status
        await group.triggerGracefulShutdown()
        _ = try? await miningTask.value
        await primary.stop()
        await backup.stop()

        #expect(control.ticks == 200)
        let worst = control.lateness.worst
        #expect(worst <= DaemonMetrics.lateTickBudget, "worst tick lateness \(worst)")
        #expect(state.trips.isEmpty, "\(state.trips.map(\.reason))")
        #expect(state.settings.pools == settings.pools && state.settings.activePool == 0)
        #expect(try store.load() == .loaded(settings))
        let states = seen.withLock { $0 }
        #expect(states.contains { $0.hasPrefix("disconnected:") && $0.contains("127.0.0.1:\(primaryPort)") }, "\(states)")
        #expect(finalStatus?.pool == "stratum+tcp://127.0.0.1:\(backupPort)", "\(String(describing: finalStatus))")
    }
}
