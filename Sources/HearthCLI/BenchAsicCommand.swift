import ArgumentParser
import Foundation
import HearthCore
import HearthHAL
import HearthSimulator
import HearthWork
import Synchronization

/// `hearth bench asic`: the BM13xx driver's two hot paths on the virtual chip's UART,
/// with a bare SHA-256d of one header measured in the same run as the baseline:
/// nonce reply bytes read → share validated (handler called), and job switch
/// (`send`) → job frame on the UART.
struct BenchAsicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asic", abstract: "BM13xx driver latencies: nonce bytes → share, job switch → UART (run in release).")

    @Option(help: "Samples per measurement.") var count = 2000
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        guard (10...1_000_000).contains(count) else { throw CLIError("--count must be 10…1000000") }
        let clock = ContinuousClock()
        let start = clock.now
        let (chain, port) = VirtualBM13xxChain.attached(.init(model: .bm1366, chips: 1))   // not started: no hashing thread
        var config = BM13xxDriver.Configuration(model: .bm1366, expectedChips: 1)
        config.fastBaud = true
        config.heatWithoutWork = false   // the first job the chip sees is the measured work (job id = one step)
        let driver = BM13xxDriver(port: port, reset: VirtualBM13xxResetLine(chain: chain), configuration: config,
                                  sleep: { _ in }, now: { Seconds((clock.now - start).seconds) })
        do {
            try driver.bringUp()
            try driver.setHashing(true)
        } catch { throw CLIError("\(error)") }
        var header = HeaderThroughput.sampleHeader
        header[0] = 0; header[1] = 0; header[2] = 0; header[3] = 0x20
        let work = WorkUnit(id: 1, jobID: "bench", extranonce2: [], header: header, versionMask: 0x1FFF_E000,
                            shareDifficulty: 0.0001, ntime: 0)
        try driver.send(work)

        // Real shares of this work (found here with the scanner), as the chip would report them.
        var nonces: [UInt32] = []
        _ = try NonceScanner().scan(work: work, version: work.baseVersion, nonces: 0..<(1 << 32), target: work.shareTarget()) { n, _ in
            nonces.append(n)
            return nonces.count < 64
        }
        let jobByte = BM13xxChipModel.bm1366.replyByte(jobID: UInt8(BM13xxChipModel.bm1366.jobIDStep), smallCore: 3)
        let replies = nonces.map {
            BM13xxReply.nonce(BM13xxNonceReply(nonce: $0, midstate: 0, jobByte: jobByte, versionBits: 0)).encoded()
        }
        let validated = Atomic<Int>(0)
        driver.setNonceHandler { _ in validated.add(1, ordering: .relaxed) }

        var nonceLatency: [Double] = []
        for i in 0..<count {
            port.deliver(replies[i % replies.count])
            let before = validated.load(ordering: .relaxed)
            let t0 = clock.now
            driver.receive(timeout: Seconds(0))
            let t1 = clock.now
            guard validated.load(ordering: .relaxed) == before + 1 else { throw CLIError("nonce \(i) was not validated as a share") }
            nonceLatency.append((t1 - t0).seconds)
        }

        let arrived = Mutex<ContinuousClock.Instant?>(nil)
        port.connect { bytes, baud in
            if bytes.count >= 88 { arrived.withLock { $0 = ContinuousClock.now } }
            chain.receive(bytes, baud: baud)
        }
        var switchLatency: [Double] = []
        for i in 0..<count {
            var w = work
            w.id = UInt64(i + 2)
            w.header[68] = UInt8(truncatingIfNeeded: i)          // ntime: a different job each time
            arrived.withLock { $0 = nil }
            let t0 = clock.now
            try driver.send(w)
            guard let t1 = arrived.withLock({ $0 }) else { throw CLIError("job \(i) never reached the UART") }
            switchLatency.append((t1 - t0).seconds)
        }
        guard chain.jobsReceived >= count else { throw CLIError("the chip parsed \(chain.jobsReceived) of \(count + 1) jobs") }

        var baseline: [Double] = []
        for i in 0..<count {
            var h = header
            h[76] = UInt8(truncatingIfNeeded: i)
            let t0 = clock.now
            _ = try BlockHeader.hash(h)
            baseline.append((clock.now - t0).seconds)
        }
        func p(_ xs: [Double], _ q: Double) -> Double {
            let s = xs.sorted()
            return s[min(s.count - 1, Int((Double(s.count) * q).rounded(.up)) - 1)]
        }
        let rows: [(String, [Double])] = [("nonce_to_share", nonceLatency), ("job_switch_to_uart", switchLatency), ("sha256d_header", baseline)]
        if json {
            var out: [String: Any] = ["samples": count]
            for (name, xs) in rows { out[name] = ["p50_us": p(xs, 0.5) * 1e6, "p99_us": p(xs, 0.99) * 1e6] }
            out["nonce_to_share_p99_over_sha256d"] = p(nonceLatency, 0.99) / p(baseline, 0.99)
            out["job_switch_p99_over_sha256d"] = p(switchLatency, 0.99) / p(baseline, 0.99)
            let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("BM13xx driver on the virtual UART, \(count) samples each (goal: p99 ≤ 1 ms)")
        for (name, xs) in rows {
            let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
            print(label + String(format: " p50 %8.1f µs   p99 %8.1f µs   (%.1f× a bare SHA-256d p99)",
                                 p(xs, 0.5) * 1e6, p(xs, 0.99) * 1e6, p(xs, 0.99) / p(baseline, 0.99)))
        }
    }
}
