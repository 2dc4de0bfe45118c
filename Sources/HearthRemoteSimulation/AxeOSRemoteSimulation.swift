import Dispatch
import HearthAxeOS
import HearthCore
import HearthEmulators
import HearthHAL
import HearthRuntime
import HearthSimulator
import Synchronization

/// `hearth simulate --board bitaxe-gamma --via api`: a stock Bitaxe in a simulated room,
/// steered through the real network path — the emulated AxeOS on a loopback address,
/// `AxeOSClient`, `AxeOSDevice` behind `BackgroundDevice`, and the one `ControlLoop`.
/// Paced like `RemoteSimulation` (control time `speed` × the wall clock, lock-step with polls).
public struct AxeOSRemoteSimulationConfig: Sendable {
    public var base: SimulationConfig
    public var speed = 500.0
    public var pollInterval = Seconds(5)
    public var host = "127.0.0.1"
    public var options = AxeOSDeviceOptions()
    /// The firmware's option tables (ESP-Miner device_config.h, BM1370).
    public var frequencyOptions: [Double] = [400, 490, 525, 550, 600, 625]
    public var voltageOptions: [Double] = [1000, 1060, 1100, 1150, 1200, 1250]

    public init(base: SimulationConfig) { self.base = base }
}

public struct AxeOSRemoteSimulationResult: Sendable {
    public var simulation: SimulationResult
    /// Requests that changed something (V/f PATCHes, pauses, resumes, fan), per hour.
    public var commandsPerHour: Double
    public var device: AxeOSDeviceStatus
    public var connections: Int
    public var maximumConcurrentConnections: Int
}

public enum AxeOSRemoteSimulation {
    public static func run(_ config: AxeOSRemoteSimulationConfig, progress: (@Sendable (Double) -> Void)? = nil) async throws
        -> AxeOSRemoteSimulationResult {
        let base = config.base
        let board = base.board
        let target0 = base.settings.effective(at: base.scenario.start).target
        let sized = SimulationRunner.sizedRoom(board: board, scenario: base.scenario, target: target0, duration: base.duration)
        let conditions = ScenarioConditions(scenario: base.scenario, room: sized.room, designLoad: sized.designLoad)
        let initial = RoomState(steadyAt: target0, outdoor: conditions.outdoor(at: .zero), room: sized.room)
        let heater: SimulatedHeater
        do { heater = try SimulatedHeater(board: board, room: sized.room, initial: initial, seed: base.seed) }
        catch { throw SimulationError(description: "simulated \(board.profile.id) failed to configure: \(error)") }
        let stock = board.coreVoltage?.nominal ?? Millivolts(1150)
        let hardware = SimulatedAxeOSHardware(heater: heater, asicModel: board.chip,
                                              smallCoreCount: Int(board.simulation.chip.hashesPerClock),
                                              frequency: Megahertz(525), voltage: stock,
                                              temperatureTarget: board.profile.thermal.chipTarget)
        let emulator = AxeOSEmulator(hardware: hardware, frequencyOptions: config.frequencyOptions,
                                     voltageOptions: config.voltageOptions)
        let port = try await emulator.start(host: config.host, port: 0)
        let client = AxeOSClient(host: config.host, port: port)
        let asic = try await client.asicInfo()
        let clock = ControlClock()
        let noise = Mutex(SeededRandom(seed: base.seed &+ 77))
        let device = try AxeOSDevice(
            link: client, board: board.profile, asic: asic, options: config.options,
            room: {
                // The owner's sensor: the room air, read to 0.1 °C as such sensors report it.
                let air = hardware.withHeater { $0.physics.roomState.air }
                let n = noise.withLock { $0.gaussian() * 0.02 }
                return Reading(Celsius(((air.value + n) * 10).rounded() / 10), takenAt: clock.now)
            },
            now: { clock.now })
        let background = BackgroundDevice(wrapping: device, pollInterval: .nanoseconds(Int64(config.pollInterval.value / config.speed * 1e9)),
                                          now: { clock.now })
        let policy = SimulationRunner.policy(base.controller, board: device.profile, settings: base.settings,
                                             timing: device.preferredTiming)
        let loop = ControlLoop(device: background, policy: policy)
        let result = await withCheckedContinuation { (done: CheckedContinuation<(RunMetrics, HeatEconomicsSummary, [SimulationSample]), Never>) in
            let box = UncheckedBox((loop, hardware, background))
            DispatchQueue(label: "hearth.axeos-simulation").async {
                let (loop, hardware, background) = box.value
                done.resume(returning: drive(loop: loop, hardware: hardware, background: background, conditions: conditions,
                                             clock: clock, config: config, progress: progress))
            }
        }
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        let counters = emulator.counters
        let changes = emulator.patches.count + emulator.pauses + emulator.resumes
        await emulator.stop()
        let sim = SimulationResult(config: base, room: sized.room, roomScale: sized.scale, designLoad: sized.designLoad,
                                   metrics: result.0, economics: result.1, samples: result.2, i2cTransfers: 0,
                                   hashBoardStarts: hardware.withHeater { $0.hashBoard.starts },
                                   operatingPointChanges: emulator.patches.count)
        return AxeOSRemoteSimulationResult(simulation: sim, commandsPerHour: Double(changes) / (base.duration.value / 3600),
                                           device: device.status, connections: counters.connections,
                                           maximumConcurrentConnections: counters.maxOpenAtOnce)
    }

    /// The paced loop, on a plain thread: physics step, control tick, wait for the wall clock.
    private static func drive(loop: ControlLoop, hardware: SimulatedAxeOSHardware, background: BackgroundDevice,
                              conditions: ScenarioConditions, clock: ControlClock, config: AxeOSRemoteSimulationConfig,
                              progress: (@Sendable (Double) -> Void)?) -> (RunMetrics, HeatEconomicsSummary, [SimulationSample]) {
        let base = config.base
        let dt = base.tick
        let steps = Int((base.duration.value / dt.value).rounded())
        let sampleEvery = max(1, Int((base.sampleInterval.value / dt.value).rounded()))
        var metrics = RunMetrics(chipLimit: base.board.profile.thermal.chipLimit)
        var economics = try! HeatEconomics(hashprice: base.hashprice, heatPumpCOP: base.heatPumpCOP)
        var samples: [SimulationSample] = []
        var wallStart = DispatchTime.now().uptimeNanoseconds
        var reads = 0
        var lastReadAt = Seconds.zero
        for i in 0..<steps {
            let t = Seconds(Double(i) * dt.value)
            // Lock-step with the network (bounded wait), as RemoteSimulation.
            if t - lastReadAt >= config.pollInterval * 2 {
                let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
                let before = DispatchTime.now().uptimeNanoseconds
                while background.counters.reads == reads, DispatchTime.now().uptimeNanoseconds < deadline {
                    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .microseconds(200))
                }
                wallStart += DispatchTime.now().uptimeNanoseconds - before
            }
            let count = background.counters.reads
            if count != reads {
                reads = count
                lastReadAt = t
            }
            clock.set(t)
            let week = base.scenario.start.advanced(by: t)
            let record = loop.tick(at: ControlTime(monotonic: t, week: week))
            let decision = record.decision
            if let trip = decision.trip { metrics.recordTrip(trip) }
            let step = hardware.step(conditions, at: t, by: dt)
            let (room, chip, rpm) = hardware.withHeater { h in (h.physics.roomState.air, h.physics.chipTemperature, h.physics.fanRPM) }
            metrics.record(time: t, dt: dt, room: room, target: decision.mode.isThermostatic ? decision.target : nil,
                           chip: chip, step: step)
            let price = base.settings.tariff?.price(at: week) ?? base.price
            try? economics.record(power: step.wallPower, hashrate: step.hashrate, duration: dt, price: price)
            if i % sampleEvery == 0 {
                samples.append(SimulationSample(time: t, room: room, target: decision.target, outdoor: conditions.outdoor(at: t),
                                                chip: chip, power: step.wallPower, fanDuty: hardware.snapshot().fanDuty, fanRPM: rpm,
                                                hashrate: step.hashrate, mode: decision.mode))
                progress?(Double(i) / Double(steps))
            }
            let due = wallStart + UInt64(Double(i + 1) * dt.value / config.speed * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .nanoseconds(Int(min(1_000_000_000, due - now)))) }
        }
        return (metrics, economics.summary, samples)
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
