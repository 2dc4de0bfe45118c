import Foundation
import HearthAvalon
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import HearthPlugs
import HearthRoomSensors
import HearthRuntime
import Logging
import Synchronization

/// A stock Avalon on the network as a plant: `AvalonDevice` over the unit's own API,
/// polled off the tick by `BackgroundDevice`. The firmware's own protections stay in
/// charge of the chips; Hearth decides how much heat, when, and how loud.
public final class AvalonPlant: RunPlant {
    public let avalon: AvalonDevice
    public let room: RoomTemperature
    /// The owner's plug, when it is the off switch (its MQTT session is closed at stop).
    private(set) var plug: (any SmartPlug)?
    private let background: BackgroundDevice
    private let clock: PlantClock
    public var device: any HeaterMiner { background }
    public var planningTiming: OperatingPointPlanner.Timing { avalon.preferredTiming }

    /// Builds the plant: asks the unit who it is, starts the room sensors and the plug.
    /// - Parameters:
    ///   - board: the board file's profile for this model.
    ///   - roomSensors: `--room-sensor` specs; `plug`: `--plug` spec.
    public static func make(endpoint: CGMinerEndpoint, board profile: BoardProfile, roomSensors: [String], plug: String?,
                            logger: Logger, pollInterval: Duration = .seconds(5)) async throws(DaemonError) -> AvalonPlant {
        let (model, hasSoftOff) = try await identify(endpoint)
        if let file = model.profile.boardFile, file != profile.id {
            throw DaemonError(AvalonDeviceError.wrongModel(device: endpoint.description, found: model.profile.name,
                                                           expected: profile.name).description)
        }
        guard !roomSensors.isEmpty else {
            throw DaemonError("a stock \(model.profile.name) has no room sensor: pass --room-sensor (mqtt://HOST/TOPIC, push, i2c:BUS:ADDR:DRIVER or inlet:OFFSET)")
        }
        let clock = PlantClock()
        let inlet = InletSource()
        let room: RoomTemperature
        do {
            let setup = try RoomSensorSetup(parsing: roomSensors)
            room = try RoomTemperature(setup: setup, environment: RoomSensorEnvironment(
                now: { clock.now }, logger: logger, inlet: { inlet.reading }))
        } catch {
            throw DaemonError("\(error)")
        }
        var offSwitch: OffSwitch = hasSoftOff ? .softOff : .floor
        var smartPlug: (any SmartPlug)?
        if let plug, !hasSoftOff {
            do {
                let spec = try PlugSpec.parse(plug)
                let smart = try await spec.makePlug(logger: Logger(label: "hearth.plug"))
                smartPlug = smart
                offSwitch = .power(PlugPowerSwitch(plugSwitch: PlugSwitch(plug: smart, now: { clock.now }), name: smart.name))
            } catch {
                throw DaemonError("\(error)")
            }
        }
        await room.start()
        let plant = try AvalonPlant(endpoint: endpoint, board: profile, model: model, offSwitch: offSwitch, room: room,
                                    clock: clock, pollInterval: pollInterval)
        plant.plug = smartPlug
        inlet.device.withLock { $0 = plant.avalon }
        return plant
    }

    init(endpoint: CGMinerEndpoint, board: BoardProfile, model: AvalonModel, offSwitch: OffSwitch, room: RoomTemperature,
         clock: PlantClock, pollInterval: Duration, options: AvalonDeviceOptions = AvalonDeviceOptions()) throws(DaemonError) {
        let client = CGMinerClient(endpoint: endpoint, logger: Logger(label: "hearth.avalon"))
        do {
            avalon = try AvalonDevice(link: client, board: board, model: model.profile, offSwitch: offSwitch,
                                      options: options, room: { room.reading() }, now: { clock.now },
                                      unixTime: { Int64(Date().timeIntervalSince1970) })
        } catch {
            throw DaemonError(error.description)
        }
        self.room = room
        self.clock = clock
        background = BackgroundDevice(wrapping: avalon, pollInterval: pollInterval, now: { clock.now })
    }

    public var notes: [String] {
        let s = avalon.status
        var notes: [String] = []
        if let floor = s.floorNote { notes.append(floor) }
        if s.consecutiveFailedPolls > 0, let e = s.lastError {
            notes.append("\(s.model) at \(s.device): \(s.consecutiveFailedPolls) poll(s) failed in a row: \(e)")
        }
        if s.calibrating { notes.append("\(s.model) is recalibrating after a setting change (no heat meanwhile)") }
        notes += room.staleNotes()
        return notes
    }

    public var roomPush: (@Sendable (Celsius, String?) throws -> Void)? { room.pushHandler }

    public func weekTime(at t: Seconds) -> WeekTime { LocalWeekTime.now() }
    /// The unit runs by itself; only the control clock the readings are stamped with moves.
    public func advance(from t: Seconds, by dt: Seconds) { clock.set(t + dt) }
    public var summary: String? {
        let s = avalon.status
        return "\(s.model) at \(s.device): \(s.commandsSent) commands sent (\(s.commandsRefused) refused), \(s.settingChanges) setting changes"
    }
    public func close() {
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        let room = self.room
        let plug = self.plug
        Task {
            await room.stop()
            await plug?.close()
        }
    }

    /// Asks the unit who it is (before anything starts), for the board and the off switch.
    public static func identify(_ endpoint: CGMinerEndpoint) async throws(DaemonError) -> (AvalonModel, hasSoftOff: Bool) {
        let client = CGMinerClient(endpoint: endpoint, logger: Logger(label: "hearth.avalon"))
        let version: VersionInfo
        do { version = try await client.version() } catch {
            throw DaemonError(AvalonDeviceError.unreachable(device: endpoint.description, detail: error.description).description
                              + " (hearth probe --backend avalon --host \(endpoint.host) checks it)")
        }
        guard let model = version.model else {
            throw DaemonError(AvalonDeviceError.unknownModel(device: endpoint.description, product: version.product,
                                                             model: version.modelName).description)
        }
        let options = try? await client.supportedOptions()
        let softOff = options.map { $0.supports("softoff") && $0.supports("softon") } ?? (model.profile.hasSoftOff ?? false)
        return (model, softOff)
    }
}

/// The unit's own inlet reading, for an `inlet:OFFSET` room sensor (the last resort).
final class InletSource: Sendable {
    let device = Mutex<AvalonDevice?>(nil)
    var reading: Reading<Celsius>? { device.withLock { $0?.status.inlet } }
}

/// Control time for the readings a polled unit delivers: set by the control service's tick.
final class PlantClock: Sendable {
    private let t = Mutex(Seconds.zero)
    var now: Seconds { t.withLock { $0 } }
    func set(_ value: Seconds) { t.withLock { $0 = value } }
}
