import Dispatch
import HearthCore
import HearthHAL
import HearthSimulator

/// One run of the remote fault matrix, and what came of it.
public struct RemoteFaultOutcome: Sendable {
    public var fault: RemoteFaultMatrix.Case
    public var expectation: RemoteFaultExpectation
    /// The first trip at or after the injection, and any before it (a false trip).
    public var trip: Trip?
    public var falseTrip: Trip?
    /// Seconds from the injection to the safe state (the trip owed, and the heat stopped or
    /// the floor reached where Hearth can do that); nil when none was owed or none came.
    public var timeToSafe: Seconds?
    public var overtemp: Seconds
    /// Most the room air rose above the target between the injection and the safe state.
    public var overshoot: Kelvin
    /// No trip latched at the end (the peer came back and Hearth resumed by itself).
    public var clearAtEnd: Bool
    /// Simulated seconds before the injection: fault-free time.
    public var faultFree: Seconds
    /// The fault met what it needs to matter: for a refused write or a silent plug, a stop
    /// request early enough in the run for the bound to pass (the planner may hold a unit on
    /// past the owner's off).
    public var exercised = true
    /// A trip's code that the expectation does not list.
    public var mismatch: Bool {
        guard let trip else { return false }
        return !expectation.codes.contains(trip.reason.kind)
    }

    /// What is wrong with this run, or nil.
    public var failure: String? {
        let e = expectation
        if let f = falseTrip { return "false trip before the injection: \(f.reason)" }
        if overtemp > .zero { return "\(formatted(overtemp.value, decimals: 0)) s over the chip limit" }
        if let trip, mismatch {
            let owed = e.codes.isEmpty ? "none" : e.codes.map(\.rawValue).sorted().joined(separator: "/")
            return "trip \(trip.reason.code) (\(trip.reason)) does not name the fault; owed: \(owed)"
        }
        if e.tripOwed, !e.codes.isEmpty, trip == nil { return exercised ? "no trip" : nil }
        if exercised, e.stopsHeat || e.reachesFloor || (e.tripOwed && !e.codes.isEmpty) {
            guard let t = timeToSafe else { return e.reachesFloor ? "the unit never reached its lowest setting" : "the heat never stopped" }
            if t > e.bound { return "safe after \(formatted(t.value, decimals: 0)) s, bound \(formatted(e.bound.value, decimals: 0)) s" }
        }
        if e.recovers, !clearAtEnd { return "did not recover after the fault cleared" }
        if !e.recovers, e.tripOwed, !e.codes.isEmpty, clearAtEnd {
            return "resumed by itself, though the fault was not shown to be gone"
        }
        return nil
    }
}

extension RemoteFaultMatrix.Kind {
    /// Faults that matter only when Hearth must stop the heat: the owner switches off as they come.
    var needsStopRequest: Bool { self == .unitRefusing || self == .plugSilent }
}

extension RemoteFaultMatrix {
    /// Control seconds per wall second, and the loopback address to listen on (port 0).
    public struct Settings: Sendable {
        public var speed = 250.0
        public var pollInterval = Seconds(5)
        public var host = "127.0.0.1"
        public init() {}
    }

    /// When the fault comes, when it goes, and how long the run lasts.
    static func timing(_ c: Case) -> (start: Double, inject: Seconds, clear: Seconds?, duration: Seconds) {
        let (active, after): (Seconds?, Seconds) = switch c.kind {
        case .unitOffline: (outage, Seconds(240))
        case .unitRefusing: (nil, Seconds(780))
        case .unitSlow: (Seconds(300), Seconds(30))
        case .plugSilent: (nil, Seconds(840))
        case .roomSensorStale: (sensorSilence, Seconds(240))
        }
        let inject: Seconds
        let start: Double
        if c.phase == .startUp {
            var rng = SeededRandom(seed: c.seed &* 0x9E37_79B9 &+ UInt64(c.hour * 100))
            inject = Seconds(20 + 160 * rng.uniform())
            start = c.hour * 3600
        } else {
            inject = warmUp
            start = (c.hour * 3600 - warmUp.value + 86_400).truncatingRemainder(dividingBy: 86_400)
        }
        let clear = active.map { inject + $0 }
        return (start, inject, clear, (clear ?? inject) + after)
    }

    /// Plays one case on loopback.
    public static func run(_ c: Case, board: BoardDefinition, settings: Settings = Settings()) async throws -> RemoteFaultOutcome {
        let (start, inject, clearAt, duration) = timing(c)
        var config = SimulationConfig(board: board, scenario: FaultMatrix.starting(FaultMatrix.scenario(seed: c.seed), atSecondOfDay: start),
                                      settings: ControlSettings(mode: mode(c.phase)))
        // The phase's mode holds (the scenario's own schedule, set by the config, would override it).
        config.settings.schedule = nil
        config.settings.priceCap = nil
        config.settings.tariff = nil
        config.duration = duration
        config.seed = c.seed
        let world = RemoteFaultWorld(config: config)
        let clock = RemoteFaultClock(speed: settings.speed)
        let rig: any RemoteFaultRig = if let model = c.unit.avalonModel {
            try await AvalonFaultRig(model: model, config: config, world: world, clock: clock,
                                     pollInterval: settings.pollInterval, host: settings.host)
        } else {
            try await AxeOSFaultRig(config: config, world: world, clock: clock, pollInterval: settings.pollInterval,
                                    host: settings.host)
        }
        let plan = Plan(fault: c,
                        inject: inject, clear: clearAt, duration: duration, config: config, conditions: world.conditions,
                        clock: clock, settings: settings)
        let outcome = await withCheckedContinuation { (done: CheckedContinuation<RemoteFaultOutcome, Never>) in
            let box = Unchecked(rig)
            DispatchQueue(label: "hearth.remote-fault").async { done.resume(returning: drive(box.value, plan)) }
        }
        await rig.close()
        return outcome
    }

    struct Plan: Sendable {
        var fault: Case
        var inject: Seconds
        var clear: Seconds?
        var duration: Seconds
        var config: SimulationConfig
        var conditions: ScenarioConditions
        var clock: RemoteFaultClock
        var settings: Settings
    }

    /// The paced loop on a plain thread (as `RemoteSimulation`): faults in and out, room
    /// sensor, control tick, physics, and the observations the outcome is made of.
    private static func drive(_ rig: any RemoteFaultRig, _ plan: Plan) -> RemoteFaultOutcome {
        let config = plan.config
        let dt = config.tick
        let steps = Int((plan.duration.value / dt.value).rounded())
        let poll = plan.settings.pollInterval
        // Decided at the injection: whether the unit was giving heat then.
        var e = RemoteFaultExpectation.of(plan.fault.kind, unit: plan.fault.unit, stopped: true)
        var metrics = RunMetrics(chipLimit: config.board.profile.thermal.chipLimit)
        var trip: Trip?, falseTrip: Trip?
        var safeAt: Seconds?, stoppedAt: Seconds?, needAt: Seconds?
        var overshoot = Kelvin(0)
        var injected = false, cleared = false
        var lastTrip: Trip?
        var wallStart = DispatchTime.now().uptimeNanoseconds
        var reads = 0
        var lastReadAt = Seconds.zero
        var waitsForFreshReadings = true
        for i in 0..<steps {
            let t = Seconds(Double(i) * dt.value)
            // Lock-step with the network (bounded): a loaded machine slows the run instead of
            // starving the device of wall time.
            if t - lastReadAt >= poll * 2 {
                let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
                let before = DispatchTime.now().uptimeNanoseconds
                while rig.background.counters.reads == reads, DispatchTime.now().uptimeNanoseconds < deadline {
                    pauseWall(nanoseconds: 200_000)
                }
                wallStart += DispatchTime.now().uptimeNanoseconds - before
            }
            // A unit that should answer has fresh readings: older than three polls means the host
            // starved the network path (a 5 s timeout is 10–20 ms of wall time here), not the
            // unit. Control time waits for it (bounded), so host load is not read as a fault.
            // A wait that runs out (3 s of wall time) means the staleness is real: no more waits.
            if waitsForFreshReadings, plan.fault.kind != .unitOffline || !injected {
                let deadline = DispatchTime.now().uptimeNanoseconds + 3_000_000_000
                let before = DispatchTime.now().uptimeNanoseconds
                while let taken = rig.background.read().chipTemperature.takenAt, t - taken > poll * 3 {
                    if DispatchTime.now().uptimeNanoseconds >= deadline {
                        waitsForFreshReadings = false
                        break
                    }
                    pauseWall(nanoseconds: 200_000)
                }
                wallStart += DispatchTime.now().uptimeNanoseconds - before
            }
            let count = rig.background.counters.reads
            if count != reads {
                reads = count
                lastReadAt = t
            }
            plan.clock.control.set(t)
            rig.update()
            if !injected, t >= plan.inject {
                injected = true
                e = RemoteFaultExpectation.of(plan.fault.kind, unit: plan.fault.unit, stopped: rig.heatStopped)
                rig.inject(plan.fault.kind, seed: plan.fault.seed)
                // The kinds that matter only when Hearth must stop the heat meet a stop request:
                // the owner switches off as the fault comes.
                if plan.fault.kind.needsStopRequest {
                    var s = config.settings
                    s.mode = .off
                    rig.loop.update(settings: s)
                }
            }
            if injected, !cleared, let c = plan.clear, t >= c {
                cleared = true
                rig.clear(plan.fault.kind)
            }
            let (air, _) = rig.truth
            let silent = plan.fault.kind == .roomSensorStale && injected && !cleared
            rig.feed.feed(air: air, at: t, silent: silent)
            let record = rig.loop.tick(at: ControlTime(monotonic: t, week: config.scenario.start.advanced(by: t)))
            let decision = record.decision
            lastTrip = decision.trip
            if let tr = decision.trip {
                if tr.time < plan.inject || plan.fault.kind == .unitSlow { falseTrip = falseTrip ?? tr }
                else if trip == nil { trip = tr }
            }
            // The stop request the fault meets: at once for most kinds; for a refused write or a
            // silent plug, the first tick that asks for no heat (the planner's minimum on-time,
            // 10 min on a stock Avalon, may hold the unit on for a while after the owner's off).
            if injected, needAt == nil, !plan.fault.kind.needsStopRequest || !decision.command.hashing { needAt = t }
            if needAt != nil {
                if stoppedAt == nil, e.reachesFloor ? rig.atFloor : rig.heatStopped { stoppedAt = t }
                let owed = e.tripOwed && !e.codes.isEmpty
                let tripDone = !owed || trip != nil
                let heatDone = !(e.stopsHeat || e.reachesFloor) || stoppedAt != nil
                if safeAt == nil, tripDone, heatDone, owed || e.stopsHeat || e.reachesFloor {
                    safeAt = max(trip?.time ?? t, stoppedAt ?? t)
                }
                if safeAt == nil, decision.mode.isThermostatic {
                    overshoot = max(overshoot, Kelvin(air.value - decision.target.value))
                }
            }
            let step = rig.step(plan.conditions, at: t, by: dt)
            let (room, chip) = rig.truth
            metrics.record(time: t, dt: dt, room: room, target: decision.mode.isThermostatic ? decision.target : nil,
                           chip: chip, step: step)
            let due = wallStart + UInt64(Double(i + 1) * dt.value / plan.settings.speed * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { pauseWall(nanoseconds: min(1_000_000_000, due - now)) }
        }
        return RemoteFaultOutcome(fault: plan.fault, expectation: e, trip: trip, falseTrip: falseTrip,
                                  timeToSafe: safeAt.flatMap { s in needAt.map { s - $0 } }, overtemp: metrics.overtemp,
                                  overshoot: overshoot, clearAtEnd: lastTrip == nil, faultFree: plan.inject,
                                  exercised: needAt.map { $0 + e.bound <= plan.duration } ?? false)
    }
}



/// Waits on this plain thread (not the cooperative pool) for a while of wall time.
private func pauseWall(nanoseconds: UInt64) {
    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
}

private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
