import Foundation
import HearthAvalon
import HearthBoardFiles
import HearthCGMinerAPI
import HearthCore
import HearthHAL
import Synchronization

/// A stock unit in a few lines: its mode, soft-off state and calibration, answering
/// like the firmware's API (the emulator in HearthEmulators does this over TCP).
final class ScriptedUnit: AvalonLink, Sendable {
    struct State {
        var mode = 1
        var softOff = false
        var calibratingPolls = 0
        var offline = false
        /// Every write answered as refused (an API that lets this client only read).
        var refusesWrites = false
        var commands: [AscsetCommand] = []
        var tmax = 80.0
        /// The unit's clock (the reply's `When`); nil: replies without one.
        var unitTime: Int64?
    }
    let model: AvalonModel
    let state = Mutex(State())
    let endpointDescription = "127.0.0.1:4028"

    init(model: AvalonModel) { self.model = model }

    var commands: [AscsetCommand] { state.withLock { $0.commands } }
    func set(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    private func failIfOffline(_ request: String) throws(CGMinerClientError) {
        if state.withLock({ $0.offline }) {
            throw CGMinerClientError(device: CGMinerEndpoint(host: "127.0.0.1"), request: request, kind: .refused)
        }
    }

    func version() async throws(CGMinerClientError) -> VersionInfo {
        try failIfOffline("version")
        fatalError("not used")
    }

    func supportedOptions() async throws(CGMinerClientError) -> AscsetOptions {
        try failIfOffline("ascset|0,help")
        return AscsetOptions(helpText: (model.profile.knownOptions ?? []).sorted().joined(separator: "|"))
    }

    func estats(model: AvalonModel?) async throws(CGMinerClientError) -> AvalonEstats {
        try failIfOffline("estats")
        let s = state.withLock { s -> State in
            if s.calibratingPolls > 0 { s.calibratingPolls -= 1 }
            return s
        }
        let watts = s.softOff ? 3 : (self.model.profile.setting(s.mode)?.approximatePower?.value ?? 100)
        let text = "Ver[\(self.model == .q ? "Q" : "Nano3s")-25021401_x] SYSTEMSTATU[Work: In Work, Hash Board: 1] ITemp[-273] OTemp[60] "
            + "TMax[\(Int(s.tmax))] TAvg[\(Int(s.tmax) - 5)] TarT[90] Fan1[2000] Fan2[2000] Fan3[2000] Fan4[2000] FanR[40%] "
            + "PS[0 0 27541 4 0 3756 \(Int(watts))] GHSspd[4500] GHSmm[4600] GHSavg[4500] WORKMODE[\(s.mode)] "
            + "WORKLEVEL[0] SoftOFF[\(s.softOff ? 4 : 0)] MPO[\(Int(watts))] FanErr[0] HBITemp[30] HBOTemp[40] "
            + "ADJ[\(s.calibratingPolls > 0 ? 0 : 1)]"
        do {
            var e = try AvalonEstats(try AvalonStatsLine(text), model: self.model)
            e.unitTime = s.unitTime
            return e
        } catch {
            throw CGMinerClientError(device: CGMinerEndpoint(host: "127.0.0.1"), request: "estats", kind: .malformedReply(error))
        }
    }

    func ascset(_ command: AscsetCommand) async throws(CGMinerClientError) -> AscsetResult {
        try failIfOffline("\(command)")
        return state.withLock { s -> AscsetResult in
            s.commands.append(command)
            if s.refusesWrites { return .failed("Access denied to 'ascset' command") }
            switch command {
            case .setWorkMode(let m):
                if s.calibratingPolls > 0 { return .failed("current mode \(s.mode) is caling Don't permit switch mode") }
                s.mode = m
                s.calibratingPolls = 2
                return .ok
            case .softOff:
                guard model.profile.hasSoftOff == true else { return .failed("Unknown option: softoff") }
                s.softOff = true
                return .info("success softoff:1")
            case .softOn:
                guard model.profile.hasSoftOff == true else { return .failed("Unknown option: softon") }
                s.softOff = false
                return .info("success softon:1")
            default: return .ok
            }
        }
    }
}

/// Control time the test moves by hand.
final class TestClock: Sendable {
    private let t = Mutex(0.0)
    var now: Seconds { Seconds(t.withLock { $0 }) }
    func advance(_ s: Double) { t.withLock { $0 += s } }
}

final class RecordingPlug: PowerSwitch {
    let name = "test plug"
    let states = Mutex<[Bool]>([])
    func set(on: Bool) async throws { states.withLock { $0.append(on) } }
}

enum Boards {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("boards").path
    static func profile(_ id: String) throws -> BoardProfile {
        try BoardCatalog(directory: directory).board(id: id).profile
    }
}

/// The device blocks on its link (it is meant for BackgroundDevice's worker thread):
/// tests call it from a plain thread, never from the cooperative pool it waits on.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        Thread.detachNewThread { c.resume(with: Result { try body() }) }
    }
}

/// A value used from one thread at a time, handed across for that.
struct Handed<T>: @unchecked Sendable { let value: T }
