import Glibc
import HearthCore
import HearthHAL
import HearthLinux

/// Issue 14's proof on Linux: `hearth run --backend linux` on a board whose `[asic] port` is a
/// pty served by `hearth internal serve-virtual-asic`, its enable and reset lines on gpio-sim,
/// its TMP75s and EMC2101 on i2c-stub (preloaded here, the chip temperature kept moving so the
/// stuck-bits check sees a live sensor), mining in `mine` mode on `hearth pool` at 127.0.0.1:
/// shares accepted, none rejected (the pool checks every share with its own SHA-256), and the
/// chip's PLL register at the board's top frequency.
struct MiningRunCheck {
    let chip: String
    let i2c: String
    let hearth: String
    /// The board template kernel-test made from boards/piaxe.toml (`@CHIP@`, `@PORT@` to fill in).
    let template: String
    let dir = "/tmp/kt"

    func run(_ h: Harness) {
        h.check("hearth run --backend linux mines through the BM13xx driver over a pty") { try scenario() }
    }

    private func scenario() throws {
        mkdir(dir, 0o755)
        let bus = try LinuxI2CBus(path: i2c)
        try bus.writeRegister16BE(address: 0x48, register: 0x00, value: 0x2D00)   // chip 45 °C
        try bus.writeRegister16BE(address: 0x49, register: 0x00, value: 0x1400)   // room 20 °C
        for address: UInt8 in [0x48, 0x49] {                                      // T_low 75, T_high 80 (power-up)
            try bus.writeRegister16BE(address: address, register: 0x02, value: 0x4B00)
            try bus.writeRegister16BE(address: address, register: 0x03, value: 0x5000)
        }
        // EMC2101: product and manufacturer ids, temperatures, tach count 0x0708 (3000 rpm).
        for (register, value) in [(UInt8(0xFE), UInt8(0x5D)), (0xFD, 0x16), (0x00, 31), (0x01, 45), (0x10, 0x00),
                                  (0x46, 0x08), (0x47, 0x07), (0x03, 0x00), (0x4A, 0x00)] {
            try bus.writeRegister8(address: 0x4C, register: register, value: value)
        }

        let asic = try Child([hearth, "internal", "serve-virtual-asic", "--seconds", "240", "--difficulty-scale", "1e-5"],
                             output: "\(dir)/asic.out")
        defer { asic.stop() }
        var slave = ""
        for _ in 0..<400 where slave.isEmpty {
            slave = asic.text.split(separator: "\n").first { $0.hasPrefix("slave ") }.map { String($0.dropFirst(6)) } ?? ""
            usleep(50_000)
        }
        try expect(!slave.isEmpty, "serve-virtual-asic printed no slave path: \(asic.text)")
        let pool = try Child([hearth, "pool", "--host", "127.0.0.1", "--port", "3333", "--difficulty", "0.00001",
                              "--seconds", "240"], output: "\(dir)/pool.out")
        defer { pool.stop() }

        let board = template.replacing("@CHIP@", with: chip).replacing("@PORT@", with: slave)
            .replacing("@I2C@", with: String(i2c.split(separator: "/").last ?? ""))
        try FileText.write(board, "\(dir)/kt-linux.toml")
        try FileText.write("[[pool]]\nurl = \"stratum+tcp://127.0.0.1:3333\"\nuser = \"kernel-test\"\npassword = \"x\"\n",
                           "\(dir)/hearth.toml")
        let socket = "\(dir)/hearth.sock"
        let run = try Child([hearth, "run", "--backend", "linux", "--board", "\(dir)/kt-linux.toml", "--mode", "mine",
                             "--config", "\(dir)/hearth.toml", "--socket", socket, "--state-file", "\(dir)/settings.json"],
                            output: "\(dir)/run.out")
        var stopped = false
        defer { if !stopped { run.stop() } }

        // Bounded: 180 s of guest time (TCG is slow); done once shares arrived and the PLL is at the top point.
        let top = "pll 575.0"
        var accepted = 0, rejected = -1, reading: UInt16 = 0x2D00, waited = 0
        for second in 0..<180 {
            reading = reading == 0x2D00 ? 0x2D10 : 0x2D00           // 45.0 ↔ 45.0625 °C: a live sensor
            try bus.writeRegister16BE(address: 0x48, register: 0x00, value: reading)
            sleep(1)
            guard second % 4 == 3 else { continue }   // each status call starts a process: slow under TCG
            waited = second + 1
            let status = try runToEnd([hearth, "status", "--json", "--socket", socket], output: "\(dir)/status.out").text
            accepted = Self.integer("shares_accepted", in: status) ?? accepted
            rejected = Self.integer("shares_rejected", in: status) ?? rejected
            if accepted >= 2, asic.text.contains(top) { break }
        }
        let exit = run.stop(SIGTERM, seconds: 20)
        stopped = true
        let log = run.text
        print(log.split(separator: "\n").filter { $0.contains("answered") || $0.contains("trip") || $0.contains("stopped") || $0.contains("error") }
            .prefix(12).map { "  run: \($0)" }.joined(separator: "\n"))
        try expect(accepted >= 2, "shares accepted \(accepted); asic: \(asic.text.suffix(300)); run: \(log.suffix(1500))")
        try expectEqual(rejected, 0, "shares rejected (the pool checks each with its own SHA-256)")
        try expect(asic.text.contains(top), "the chip's PLL never reached 575 MHz: \(asic.text.suffix(400))")
        try expect(asic.text.contains("baud 1000000"), "the port did not follow the chain to 1 Mbaud")
        try expect(log.contains("answered on \(slave)"), "no start check in the log")
        try expectEqual(exit, 0, "hearth run's exit status after SIGTERM")
        try expect(log.contains("stopped: hashing off"), "hearth run did not report the safe state at stop")
        print("  mining: \(accepted) shares accepted, \(rejected) rejected; PLL read back at 575 MHz; \(waited) s after start")
    }

    /// `"key":123` in a JSON text, without a JSON parser in the guest.
    static func integer(_ key: String, in text: String) -> Int? {
        guard let r = text.firstRange(of: "\"\(key)\":") else { return nil }
        let digits = text[r.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        return Int(digits)
    }
}
