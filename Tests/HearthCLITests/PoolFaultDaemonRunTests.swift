import Foundation
import HearthBoardFiles
import HearthDaemon
@testable import HearthCLI
import HearthTestPool
import Testing

/// Issue 15, pool garbage through the daemon, on the rig `hearth bench pool-faults` measures
/// with: the control service and the mining service on the simulated Nano 3S, the active pool
/// turning to binary garbage once the miner is logged in. Ticks must stay on time, nothing may
/// trip, the owner's settings stay as they were, the status must name the failed pool, and
/// mining must end on the backup.
@Suite(.timeLimit(.minutes(2))) struct PoolFaultDaemonRunTests {
    @Test func aGarbagePoolDelaysNoTickTripsNothingAndIsFailedOver() async throws {
        let board = try BoardLoader.load(path: CLI.root.appendingPathComponent("boards/avalon-nano3s.toml").path)
        let run = try await BenchPoolFaultsCommand.daemonRun(.garbage(.binary), board: board, seconds: 10)
        #expect(run.ticks == 200)
        #expect(run.lateTicks == 0)
        #expect(run.worstLateness <= DaemonMetrics.lateTickBudget, "worst tick lateness \(run.worstLateness)")
        #expect(run.trips.isEmpty, "\(run.trips)")
        #expect(run.settingsKept)
        #expect(run.statusNamedPeer)
        #expect(run.failedOver)
        #expect(run.failure == nil, "\(run.failure ?? "")")
    }
}
