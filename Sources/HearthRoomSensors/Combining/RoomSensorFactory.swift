import HearthCore
import HearthHAL
import HearthMQTT
import HearthSupport
import Logging

/// What building the sources from specs needs from the daemon: its clock, its log, the
/// backend's buses and the miner's inlet reading.
public struct RoomSensorEnvironment {
    /// Control time (the loop's monotonic clock).
    public var now: @Sendable () -> Seconds
    public var logger: Logger
    /// Opens the bus an `i2c:` spec names ("i2c-1" or "/dev/i2c-1"), e.g. through the
    /// backend's `BusProvider`; nil when this backend has no buses.
    public var i2cBus: ((String) throws(BusError) -> any I2CBus)?
    /// The miner's latest inlet reading, for `inlet:`; nil when the device has no inlet sensor.
    public var inlet: (@Sendable () -> Reading<Celsius>?)?
    /// The MQTT client id for a sensor (unique per broker connection).
    public var mqttClientID: (RoomSensorSpec) -> String
    public var mqttRetry: RetryPolicy
    public var mqttJitterSeed: UInt64?

    public init(now: @escaping @Sendable () -> Seconds, logger: Logger,
                i2cBus: ((String) throws(BusError) -> any I2CBus)? = nil,
                inlet: (@Sendable () -> Reading<Celsius>?)? = nil,
                mqttClientID: ((RoomSensorSpec) -> String)? = nil,
                mqttRetry: RetryPolicy = .standard, mqttJitterSeed: UInt64? = nil) {
        self.now = now
        self.logger = logger
        self.i2cBus = i2cBus
        self.inlet = inlet
        // Random, so two Hearth hosts on one broker never take each other's session.
        self.mqttClientID = mqttClientID ?? { _ in "hearth-room-" + String(UInt32.random(in: .min ... .max), radix: 16) }
        self.mqttRetry = mqttRetry
        self.mqttJitterSeed = mqttJitterSeed
    }
}

/// A sensor that cannot be set up on this machine: which one (password hidden) and why.
public struct RoomSensorSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var sensor: String
    public var problem: String
    public var description: String { "room sensor '\(sensor)': \(problem)" }
}

extension RoomTemperature {
    /// Build every source of `setup`. Nothing connects yet: call `start()`.
    public convenience init(setup: RoomSensorSetup, environment: RoomSensorEnvironment) throws(RoomSensorSetupError) {
        var entries: [Entry] = []
        for spec in setup.specs {
            func fail(_ problem: String) -> RoomSensorSetupError { RoomSensorSetupError(sensor: spec.description, problem: problem) }
            let source: any RoomTemperatureSource
            switch spec.source {
            case .mqtt(let address):
                do {
                    source = try MQTTRoomSensor(name: spec.name, address: address, clientID: environment.mqttClientID(spec),
                                                now: environment.now, logger: environment.logger,
                                                retry: environment.mqttRetry, jitterSeed: environment.mqttJitterSeed)
                } catch {
                    throw fail(error.description)
                }
            case .push:
                source = PushRoomSensor(name: spec.name)
            case .i2c(let address):
                guard let open = environment.i2cBus else {
                    throw fail("this backend has no I²C buses; an i2c: sensor needs --backend linux (or the simulator's buses)")
                }
                let bus: any I2CBus
                do { bus = try open(address.bus) } catch { throw fail(error.description) }
                source = I2CRoomSensor(name: spec.name,
                                       thermometer: makeRoomThermometer(address.driver, bus: bus, address: address.address),
                                       pollInterval: spec.pollInterval ?? RoomSensorSpec.defaultI2CPollInterval,
                                       logger: environment.logger)
            case .inlet(let offset):
                guard let inlet = environment.inlet else {
                    throw fail("this device has no inlet temperature sensor; use another room sensor")
                }
                source = InletRoomSensor(name: spec.name, offset: offset, inlet: inlet)
            }
            entries.append(Entry(source: source, kind: spec.source.kind, staleAfter: spec.staleAfter,
                                 priority: spec.priority, isLastResort: spec.isLastResort))
        }
        self.init(entries: entries, combination: setup.combination, now: environment.now)
    }
}
