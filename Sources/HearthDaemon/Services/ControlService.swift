import Foundation
import HearthCore
import HearthHAL
import HearthRuntime
import HearthSupport
import Logging
import ServiceLifecycle

/// The control loop as a service: ticks on its own schedule, never waits on the API
/// or the pool (it only copies shared state under a short lock), pings the systemd
/// watchdog from the loop itself, and on shutdown leaves the board safe.
///
/// `@unchecked Sendable`: the loop and the plant are touched only inside `run()`.
public final class ControlService: Service, @unchecked Sendable {
    public struct Timing: Sendable {
        /// Control seconds between ticks.
        public var tick: Double
        /// Control seconds per wall second (the simulator may run faster).
        public var speed: Double
        /// Stop after this much control time; nil: run until told to stop.
        public var hours: Double?
        public init(tick: Double, speed: Double, hours: Double?) {
            self.tick = tick
            self.speed = speed
            self.hours = hours
        }
    }

    private let loop: ControlLoop
    private let plant: any RunPlant
    private let state: DaemonState
    private let metrics: DaemonMetrics
    private let notify: SDNotify
    private let readiness: Readiness
    private let timing: Timing
    private let tariff: Tariff?
    private let hashprice: Hashprice?
    private let logger: Logger
    /// Wall-clock lateness of each tick, for the benchmark and the status.
    public private(set) var lateness = LatenessLog()
    /// Ticks run so far.
    public private(set) var ticks = 0

    /// Mining figures for the status (nil: no mining service or no pool).
    private let mining: @Sendable () -> MiningStatus?

    public init(loop: ControlLoop, plant: any RunPlant, state: DaemonState, metrics: DaemonMetrics, notify: SDNotify,
         readiness: Readiness, timing: Timing, tariff: Tariff?, hashprice: Hashprice? = nil, logger: Logger,
         mining: @escaping @Sendable () -> MiningStatus? = { nil }) {
        self.mining = mining
        self.loop = loop
        self.plant = plant
        self.state = state
        self.metrics = metrics
        self.notify = notify
        self.readiness = readiness
        self.timing = timing
        self.tariff = tariff
        self.hashprice = hashprice
        self.logger = logger
    }

    public func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let wallPerTick = timing.tick / timing.speed
        var applied = -1
        var previous: TickRecord?
        var lastEvent = started - .seconds(1)
        var tripped = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let t = Seconds(Double(ticks) * timing.tick)
            if let hours = timing.hours, t.value >= hours * 3600 { break }
            let tickStart = clock.now
            let settings = state.settings
            if settings.revision != applied {
                loop.update(settings: settings.controlSettings(board: loop.profile, tariff: tariff))
                if applied >= 0 { logger.info("settings changed (revision \(settings.revision))") }
                applied = settings.revision
            }
            if state.takeTripClears() > 0 {
                loop.clearTrip()
                state.markTripsCleared()
                tripped = false
                logger.notice("trip cleared by a person; control resumes")
            }
            let record = loop.tick(at: ControlTime(monotonic: t, week: plant.weekTime(at: t)))
            log(ControlEvent.between(previous, record, profile: loop.profile))
            if record.timing.deviceIO > loop.ioBudget {
                logger.warning("device I/O took \(formatted(record.timing.deviceIO.seconds * 1000, decimals: 0)) ms, over the tick's budget of \(formatted(loop.ioBudget.seconds * 1000, decimals: 0)) ms")
            }
            previous = record
            let decision = record.decision
            plant.advance(from: t, by: Seconds(timing.tick))
            if decision.trip == nil && tripped {      // a recoverable trip cleared itself
                state.markTripsCleared()
                tripped = false
            }
            var trip: TripRecord?
            if let tr = decision.trip {
                trip = TripRecord(code: tr.reason.code, reason: tr.reason.description, time: tr.time.value,
                                  at: ISO8601DateFormatter().string(from: Date()))
                if !tripped, let trip {
                    state.recordTrip(trip)
                    metrics.trip()
                    tripped = true
                }
            }
            let snapshot = makeSnapshot(record, controlTime: t.value, settings: settings, trip: trip,
                                        uptime: (clock.now - started).seconds)
            // Events at most twice a wall second, however fast the simulation runs.
            var event: String?
            if clock.now - lastEvent >= .milliseconds(500) {
                lastEvent = clock.now
                event = (try? JSONEncoder().encode(snapshot)).flatMap { String(data: $0, encoding: .utf8) }
            }
            state.publish(snapshot, event: event)
            metrics.record(snapshot)
            metrics.tickDuration(clock.now - tickStart)
            notify.watchdog()
            if ticks == 0 { readiness.controlReady() }
            ticks += 1
            let due = started + .nanoseconds(Int64(Double(ticks) * wallPerTick * 1e9))
            while !Task.isShuttingDownGracefully, clock.now < due {
                try? await Task.sleep(for: min(.milliseconds(100), due - clock.now))
            }
            lateness.add(clock.now - due)
            metrics.tickLateness(clock.now - due)
        }
        notify.stopping()
        state.finishSubscribers()
        let errors = loop.shutDown()
        for (i, e) in errors.enumerated() { logger.critical("could not reach the safe state (attempt \(i + 1)): \(e)") }
        if errors.count < 2 {
            let safe = DeviceCommand.safe(loop.profile)
            logger.notice("stopped: hashing off, fan at \(safe.fanDuty)")
        }
        plant.close()
        if let summary = plant.summary { logger.info("\(summary)") }
        if let p99 = lateness.percentile(0.99) {
            logger.info("tick lateness p99 \(formatted(p99.seconds * 1000, decimals: 2)) ms over the last \(min(lateness.count, LatenessLog.capacity)) of \(lateness.count) ticks, worst \(formatted(lateness.worst.seconds * 1000, decimals: 2)) ms")
        }
    }

    private func log(_ events: [ControlEvent]) {
        for e in events {
            switch e.level {
            case .debug: logger.debug("\(e.message)")
            case .info: logger.info("\(e.message)")
            case .notice: logger.notice("\(e.message)")
            case .error: logger.error("\(e.message)")
            case .critical: logger.critical("\(e.message)")
            }
        }
    }

    private func makeSnapshot(_ record: TickRecord, controlTime: Double, settings: DaemonSettings,
                              trip: TripRecord?, uptime: Double) -> StatusSnapshot {
        let r = record.readings
        let d = record.decision
        let notes = plant.notes
        let board = loop.profile
        let point = d.command.hashing ? board.operatingPoints[d.command.operatingPoint] : nil
        let power = r.power?.value?.value ?? point?.power.value ?? 0
        let hashrate = point?.hashrate.value ?? 0
        let economics = tariff.flatMap { tariff in
            StatusEconomics(power: Watts(power), hashrate: HashRate(hashrate),
                            price: tariff.price(at: plant.weekTime(at: Seconds(controlTime))), hashprice: hashprice)
        }
        return StatusSnapshot(
            board: board.id, boardName: board.name, backend: state.backend, controlTime: controlTime, uptime: uptime,
            mode: d.mode.rawValue, target: d.target.value, scheduled: d.reasons.contains(.schedule),
            room: r.roomTemperature.value?.value, chip: r.chipTemperature.value?.value,
            inlet: r.inletTemperature?.value?.value, fanRPM: r.fanSpeed?.value?.value,
            fanDuty: d.command.fanDuty.value * 100, power: power, hashing: d.command.hashing,
            operatingPoint: point?.name, hashrate: hashrate, demand: d.demand.value,
            ceiling: d.ceiling.value, reasons: d.reasons.codes, trip: trip, mining: mining(),
            settingsRevision: settings.revision, notes: notes.isEmpty ? nil : notes, economics: economics)
    }
}
