import Foundation
import HearthBoardFiles
import HearthCore
import HearthHAL
import HearthSimulator
import Testing
@testable import HearthDaemon

/// A chain that falls silent while hashing reaches the control loop as an actuator error on
/// the next command that keeps hashing (the assembly alone would not ask the chips again);
/// the safe command still goes through.
@Suite struct LinuxPlantChainWatchTests {
    /// Counts what reaches the assembly.
    final class CountingMiner: HeaterMiner {
        let profile: BoardProfile
        var applied: [DeviceCommand] = []
        init(profile: BoardProfile) { self.profile = profile }
        func read() -> DeviceReadings { fatalError("not read in this test") }
        func apply(_ command: DeviceCommand) throws(BusError) { applied.append(command) }
    }

    @Test func aSilentChainTripsTheNextHashingCommandButNotTheStop() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("boards/piaxe.toml").path
        let board = try BoardLoader.load(path: path).profile
        // The production driver on the virtual chain, on a clock moved by hand.
        let (chain, port) = VirtualBM13xxChain.attached(.init(model: .bm1366, chips: 1))
        chain.start()
        defer { chain.stop() }
        let clock = ManualClock()
        let driver = BM13xxDriver(port: port, reset: VirtualBM13xxResetLine(chain: chain),
                                  configuration: .init(model: .bm1366, expectedChips: 1),
                                  sleep: { _ in }, now: { clock.now })
        try driver.setHashing(true)
        let inner = CountingMiner(profile: board)
        let miner = ChainWatchingMiner(wrapping: inner, fault: { driver.fault?.busError })
        let hashing = DeviceCommand(hashing: true, operatingPoint: 0, fanDuty: DutyCycle(0.5))
        try miner.apply(hashing)

        chain.misbehaviour = VirtualBM13xxMisbehaviour(silent: true)
        for _ in 0..<70 {                      // 7 s of silence, past the 5 s limit
            clock.advance(Seconds(0.1))
            driver.receive(timeout: Seconds(0))
        }
        #expect(driver.fault != nil)
        #expect { try miner.apply(hashing) } throws: { "\($0)".contains("virtual-uart") }
        try miner.apply(.safe(board))
        #expect(inner.applied.count == 2 && inner.applied.last?.hashing == false)
    }
}
