import HearthAxeOS
import HearthCore
import HearthHAL
import HearthRoomSensors
import HearthRuntime
import Logging

/// A stock Bitaxe-class board on the network as a plant: `AxeOSDevice` over AxeOS,
/// polled off the tick by `BackgroundDevice`. The firmware keeps its own protections
/// (overheat mode, its fan loop unless Hearth is asked to run the fan); Hearth chooses
/// frequency and core voltage among the firmware's options, and pauses it for "off".
public final class AxeOSPlant: RunPlant {
    public let axeos: AxeOSDevice
    public let room: RoomTemperature
    private let background: BackgroundDevice
    private let clock: PlantClock
    public var device: any HeaterMiner { background }
    public var planningTiming: OperatingPointPlanner.Timing { axeos.preferredTiming }

    /// Asks the board for its options, starts the room sensors, builds the device.
    public static func make(endpoint: AxeOSEndpoint, board profile: BoardProfile, chip: String, roomSensors: [String],
                            logger: Logger, pollInterval: Duration = .seconds(5)) async throws(DaemonError) -> AxeOSPlant {
        guard !roomSensors.isEmpty else {
            throw DaemonError("a stock Bitaxe has no room sensor: pass --room-sensor (mqtt://HOST/TOPIC, push or i2c:BUS:ADDR:DRIVER)")
        }
        let link = AxeOSClient(host: endpoint.host, port: endpoint.port)
        let asic: AxeOSASICInfo
        do { asic = try await link.asicInfo() } catch {
            throw DaemonError("\(error) (hearth probe --backend axeos --host \(endpoint) checks it)")
        }
        guard asic.asicModel.uppercased() == chip.uppercased() else {
            throw DaemonError("\(link.endpointDescription) runs a \(asic.asicModel), but board \(profile.id) has a \(chip): pass the right --board")
        }
        let clock = PlantClock()
        let room: RoomTemperature
        do {
            let setup = try RoomSensorSetup(parsing: roomSensors)
            room = try RoomTemperature(setup: setup, environment: RoomSensorEnvironment(now: { clock.now }, logger: logger, inlet: { nil }))
        } catch {
            throw DaemonError("\(error)")
        }
        await room.start()
        return try AxeOSPlant(link: link, board: profile, asic: asic, room: room, clock: clock, pollInterval: pollInterval)
    }

    init(link: any AxeOSLink, board: BoardProfile, asic: AxeOSASICInfo, room: RoomTemperature, clock: PlantClock,
         pollInterval: Duration, options: AxeOSDeviceOptions = AxeOSDeviceOptions()) throws(DaemonError) {
        do {
            axeos = try AxeOSDevice(link: link, board: board, asic: asic, options: options, room: { room.reading() },
                                    now: { clock.now })
        } catch {
            throw DaemonError(error.description)
        }
        self.room = room
        self.clock = clock
        background = BackgroundDevice(wrapping: axeos, pollInterval: pollInterval, now: { clock.now })
    }

    /// The board's chip from `system/info` (before anything starts), to choose its board file.
    public static func identify(_ endpoint: AxeOSEndpoint) async throws(DaemonError) -> String {
        let link = AxeOSClient(host: endpoint.host, port: endpoint.port)
        do {
            guard let chip = try await link.systemInfo().asicModel else {
                throw DaemonError("\(link.endpointDescription) does not say its ASICModel: pass --board")
            }
            return chip
        } catch let e as DaemonError {
            throw e
        } catch {
            throw DaemonError("\(error) (hearth probe --backend axeos --host \(endpoint) checks it)")
        }
    }

    /// Board files for stock AxeOS boards, by the chip the firmware reports.
    public static func boardFile(forChip chip: String) -> String? {
        ["BM1370": "bitaxe-gamma"][chip.uppercased()]
    }

    public var notes: [String] {
        let s = axeos.status
        var notes: [String] = []
        if s.overheat { notes.append("\(s.asicModel) at \(s.device): the firmware is in overheat mode (it cut the chip itself)") }
        if s.consecutiveFailedPolls > 0, let e = s.lastError {
            notes.append("\(s.asicModel) at \(s.device): \(s.consecutiveFailedPolls) poll(s) failed in a row: \(e)")
        }
        notes += room.staleNotes()
        return notes
    }

    public var roomPush: (@Sendable (Celsius, String?) throws -> Void)? { room.pushHandler }

    public func weekTime(at t: Seconds) -> WeekTime { LocalWeekTime.now() }
    public func advance(from t: Seconds, by dt: Seconds) { clock.set(t + dt) }
    public var summary: String? {
        let s = axeos.status
        return "\(s.asicModel) at \(s.device): \(s.commandsSent) commands sent (\(s.commandsFailed) failed), \(s.settingChanges) V/f changes"
    }
    public func close() {
        background.stop()
        _ = background.waitUntilStopped(timeout: .seconds(10))
        let room = self.room
        Task { await room.stop() }
    }
}

extension DaemonSetup.AxeOSTarget {
    /// `--backend axeos`: `--host` is required; without `--board` the board file follows the chip the firmware reports.
    static func make(_ o: DaemonOptions, config: DaemonConfig, board: inout String?) async throws(DaemonError) -> Self {
        guard let host = o.host else { throw DaemonError("--host HOST[:PORT] is required with --backend axeos") }
        if o.plug != nil { throw DaemonError("--plug is for --backend avalon: an AxeOS board pauses itself") }
        let endpoint: AxeOSEndpoint
        do { endpoint = try AxeOSEndpoint(parsing: host) } catch { throw DaemonError("--host \(error)") }
        if board == nil {
            let chip = try await AxeOSPlant.identify(endpoint)
            guard let file = AxeOSPlant.boardFile(forChip: chip) else {
                throw DaemonError("axeos \(endpoint) runs a \(chip): no board file describes it yet; pass --board")
            }
            board = file
        }
        return Self(endpoint: endpoint, roomSensors: o.roomSensors.isEmpty ? config.roomSensors : o.roomSensors)
    }
}
