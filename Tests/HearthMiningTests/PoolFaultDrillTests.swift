import HearthCore
import HearthHAL
import HearthStratum
import HearthTestPool
import Logging
import Testing
@testable import HearthMining
@testable import HearthSimulator

/// Issue 15, pool faults: the real client and engine on a simulated board hashing real
/// SHA-256d, a primary test pool that misbehaves and a backup, every time taken from
/// the injection. The client's timers are its defaults divided by 20 (a minute is 3 s).
/// One drill at a time: each has a hashing thread, and the bounds assume a share comes
/// within the slack.
@Suite(.serialized, .timeLimit(.minutes(4))) struct PoolFaultDrillTests {
    static let timing: PoolFaultDrill.Timing = {
        var t = PoolFaultDrill.Timing.scaled(by: 20)
        t.hold = .seconds(1)
        return t
    }()

    static func board() throws -> (SimulatedHashBoard, CPUHasher) {
        let point = OperatingPoint(name: "top", frequency: Megahertz(500), voltage: Millivolts(300), power: Watts(100),
                                   hashrate: HashRate(terahashes: 1))
        let hasher = CPUHasher(.init(threads: 1, maximumRate: 300_000))
        let board = SimulatedHashBoard(initial: point, maximumFrequency: point.frequency, hasher: hasher)
        try board.setHashing(true)
        return (board, hasher)
    }

    static let kinds: [PoolFault] = [
        .refuse, .silent, .closeAfter(messages: 6), .closeEvery(.milliseconds(500)),
        .garbage(.binary), .garbage(.oversize), .garbage(.wrongTypes), .garbage(.badHex),
        .slow(.seconds(3)),
    ]

    @Test(arguments: kinds)
    func theClientNoticesNamesThePeerFailsOverAndComesBack(_ fault: PoolFault) async throws {
        let (board, hasher) = try Self.board()
        defer { hasher.stop() }
        let o = try await PoolFaultDrill.run(fault, board: board, timing: Self.timing, logger: Logger(label: "test.drill"))
        #expect(o.failure == nil, "\(fault): \(o.failure ?? "")")
        let notice = try #require(o.notice, "\(fault) never noticed")
        #expect(notice <= o.expectation.noticeBound)
        #expect(o.noticeReason?.contains(o.peer) == true, "\(o.noticeReason ?? "")")
        #expect(try #require(o.failover) <= o.expectation.failoverBound)
        #expect(try #require(o.resume) <= o.expectation.resumeBound)
    }

    @Test func answersSlowerThanUsualButWithinTheTimeoutsAreRiddenOut() async throws {
        let (board, hasher) = try Self.board()
        defer { hasher.stop() }
        let o = try await PoolFaultDrill.run(.slow(.milliseconds(200)), board: board, timing: Self.timing,
                                             logger: Logger(label: "test.drill"))
        #expect(!o.expectation.noticed)
        #expect(o.notice == nil, "dropped a slow pool: \(o.noticeReason ?? "")")
        #expect(o.failure == nil, "\(o.failure ?? "")")
    }

    @Test func aFlappingPrimaryDrawsNoStormOfAttempts() async throws {
        let (board, hasher) = try Self.board()
        defer { hasher.stop() }
        var timing = Self.timing
        timing.hold = .seconds(6)            // two scaled minutes
        let o = try await PoolFaultDrill.run(.closeAfter(messages: 6), board: board, timing: timing,
                                             logger: Logger(label: "test.drill"))
        #expect(o.failure == nil, "\(o.failure ?? "")")
        // On the backup, the primary is only probed: one attempt per probe interval, plus the
        // first failing connection and a retry or two before the failover.
        let probes = o.faultDuration / timing.client.primaryProbeInterval
        #expect(Double(o.attemptsDuringFault) <= probes + 4, "\(o.attemptsDuringFault) attempts in \(o.faultDuration)")
    }
}
