import HearthCore
import HearthHAL
import Logging

/// Real hardware through the Linux backend. Wired up once HearthLinux lands.
final class LinuxPlant: RunPlant {
    let device: any HeaterMiner
    init(board: BoardDefinition, logger: Logger) throws {
        throw CLIError("the Linux backend is not built into this hearth yet; use --backend sim")
    }
    func weekTime(at t: Seconds) -> WeekTime { LocalWeekTime.now() }
    func advance(from t: Seconds, by dt: Seconds) {}
    var summary: String? { nil }
}
