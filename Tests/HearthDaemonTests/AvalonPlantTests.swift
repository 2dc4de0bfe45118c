import Foundation
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthDaemon
import HearthEmulators
import HearthRuntime
import HearthSimulator
import Logging
import Testing

/// `hearth run --backend avalon` in-process: the daemon's control service on a stock
/// unit played by the emulated firmware on loopback, the room pushed as a script would.
@Suite(.timeLimit(.minutes(2))) struct AvalonPlantTests {
    @Test func theDaemonSteersAStockQOverItsAPI() async throws {
        let definition = try BoardCatalog(directory: ServiceTests.boards).board(id: "avalon-q")
        let scenario = ScenarioCatalog.named("winter-day")!
        let sized = SimulationRunner.sizedRoom(board: definition, scenario: scenario, target: Celsius(21), duration: .hours(24))
        let heater = try SimulatedHeater(board: definition, room: sized.room,
                                         initial: RoomState(steadyAt: Celsius(19), outdoor: Celsius(-5), room: sized.room),
                                         seed: 1)
        let hardware = SimulatedAvalonHardware(heater: heater, model: .q)
        let emulator = AvalonEmulator(configuration: AvalonEmulatorConfiguration(model: .q), hardware: hardware)
        let port = try await emulator.start(host: "127.0.0.171", port: 0)
        let endpoint = CGMinerEndpoint(host: "127.0.0.171", port: port)

        let plant = try await AvalonPlant.make(endpoint: endpoint, board: definition.profile, roomSensors: ["push"],
                                               plug: nil, logger: Logger(label: "test"), pollInterval: .milliseconds(20))
        #expect(plant.avalon.offSwitch.description.contains("soft off"))
        #expect(plant.device.profile.operatingPoints.map(\.name) == ["eco", "standard", "super"])
        let dir = NSTemporaryDirectory() + "hearth-avalon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = DaemonSettings()
        let store = SettingsStore(path: dir + "/settings.json")
        try store.save(settings)
        let state = DaemonState(board: plant.device.profile, backend: "avalon", store: store, settings: settings,
                                roomPush: plant.roomPush)
        let push = try #require(state.roomPush)             // what POST /v1/room-temperature calls
        let loop = ControlLoop(device: plant.device,
                               policy: HeaterController(board: plant.device.profile,
                                                        settings: settings.controlSettings(board: plant.device.profile, tariff: nil),
                                                        timing: plant.planningTiming))
        let notify = SDNotify(environment: [:])
        let service = ControlService(loop: loop, plant: plant, state: state, metrics: DaemonMetrics(), notify: notify,
                                     readiness: Readiness(listeners: 0, notify: notify, status: "test"),
                                     timing: .init(tick: 1, speed: 100, hours: 0.05), tariff: nil,
                                     logger: Logger(label: "test.control"))
        let pusher = Task {
            while !Task.isCancelled {
                try? push(Celsius(19), "test script")
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        try await service.run()
        pusher.cancel()
        let status = try #require(state.status)
        #expect(status.room == 19)
        #expect(status.backend == "avalon")
        #expect(status.chip != nil && status.power != nil)
        let counters = emulator.counters
        #expect(counters.maxOpenAtOnce == 1)                 // never two requests at once
        #expect(counters.refused == 0)
        #expect(plant.avalon.status.polls >= 1)
        // 180 control seconds pass in 1.8 wall seconds here, so a machine busy with the
        // whole suite can leave the poller behind by more than the 30 s reading limit:
        // then the heat stops for stale readings, which is what it must do. Otherwise a
        // cold room gets heat. (The lock-step RemoteSimulationTests check the control.)
        if let trip = status.trip {
            #expect(trip.code == "stale_reading")
            #expect(!status.hashing)
        } else {
            #expect(status.hashing)
            #expect((status.notes ?? []).allSatisfy { $0.contains("recalibrating") }, "\(status.notes ?? [])")
        }
        await emulator.stop()
    }
}
