import Foundation
import Testing

/// `hearth simulate --board piaxe --pool …` as a person runs it, against `hearth pool`
/// in its own process: the shares come through the production BM13xx driver on the
/// virtual chain (its counters are in the report), and the pool accepts them all.
@Suite(.serialized) struct SimulatePoolDriverTests {
    @Test func piaxeMinesThroughTheDriverOnTheLocalPool() throws {
        let (pool, p) = try CLI.startPool(difficulty: 0.0002, seconds: 90)
        defer { pool.terminate() }
        // 20 simulated minutes at 120× ≈ 10 s of wall time; the chain hashes 2 MH/s of CPU at the top point.
        let r = try CLI.run(["simulate", "--board", "piaxe", "--hours", "0.34", "--speed", "120", "--json",
                             "--cpu-hashrate", "2000000",
                             "--pool", "stratum+tcp://127.0.0.1:\(p)", "--user", "hearth.piaxe"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let mining = try #require(o["mining"] as? [String: Any])
        let accepted = mining["shares_accepted"] as? Double ?? 0
        #expect(accepted > 0)
        #expect(mining["shares_rejected"] as? Double == 0)
        let asic = try #require(mining["asic"] as? [String: Any], "no driver counters: not the BM13xx path")
        #expect(asic["chip"] as? String == "BM1366")
        #expect((asic["jobs_sent"] as? Double ?? 0) >= 1)
        #expect((asic["nonces"] as? Double ?? 0) > (asic["shares"] as? Double ?? 0))
        #expect((asic["shares"] as? Double ?? 0) >= accepted)
        #expect(asic["hardware_errors"] as? Double == 0 && asic["crc_errors"] as? Double == 0)
        #expect((o["safety"] as? [String: Any]).map { ($0["trips"] as? [Any])?.isEmpty ?? true } ?? true)
    }
}
