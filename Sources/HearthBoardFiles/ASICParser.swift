import HearthHAL

/// `[asic] chip = "BM1366", count = 1, port = "/dev/ttyS0", reset = "asic_reset", fast_baud = true`:
/// which BM13xx chips sit on which serial port, checked against `[board] chip` and
/// `chip_count`, the `[uart]` device (when the file has one) and the `[[gpio]]` lines.
enum ASICParser {
    static func parse(_ r: TOMLTableReader, boardChip: String, chipCount: Int,
                      uart: UARTSpec?, gpios: [GPIOSpec]) throws(BoardFileError) -> ASICSpec? {
        guard let t = try r.optionalTable("asic") else { return nil }
        try t.rejectUnknownKeys(["chip", "count", "fast_baud", "port", "reset", "virtual_ticket_scale"])
        let name = try t.string("chip")
        guard let model = BM13xxChipModel.named(name) else {
            throw t.fail(.notAllowed, "chip", "\"\(name)\" has no UART driver; use one of \(BM13xxChipModel.all.map(\.name).joined(separator: ", "))")
        }
        guard model.name.lowercased() == boardChip.lowercased() else {
            throw t.fail(.inconsistent, "chip", "\"\(name)\" differs from [board] chip = \"\(boardChip)\"")
        }
        let count = try t.integer("count", in: 1...256, rangeText: "1…256")
        guard count == chipCount else {
            throw t.fail(.inconsistent, "count", "\(count) differs from [board] chip_count = \(chipCount)")
        }
        guard let port = try t.optionalString("port") else {
            throw t.fail(.missingKey, "port", "name the chips' serial port, e.g. port = \"/dev/ttyS0\"")
        }
        guard port.hasPrefix("/dev/"), port.count > 5, !port.contains(" ") else {
            throw t.fail(.notAllowed, "port", "\"\(port)\" is not a device path; expected e.g. \"/dev/ttyS0\"")
        }
        if let uart, uart.device != port {
            throw t.fail(.inconsistent, "port", "\"\(port)\" differs from [uart] device = \"\(uart.device)\"")
        }
        var reset: GPIOSpec?
        if let line = try t.optionalString("reset") {
            guard line == GPIOFunction.asicReset.rawValue else {
                throw t.fail(.notAllowed, "reset", "\"\(line)\" is not a reset line; the only allowed value is \"asic_reset\"")
            }
            guard let spec = gpios.first(where: { $0.function == .asicReset }) else {
                throw t.fail(.inconsistent, "reset", "no [[gpio]] named \"asic_reset\" in this file; add one or remove reset")
            }
            reset = spec
        }
        // Test boards only: the virtual chain behind a pty hashes on a CPU at a scaled difficulty.
        var scale = 1.0
        if t.has("virtual_ticket_scale") {
            scale = try t.number("virtual_ticket_scale", .positiveFraction)
        }
        return ASICSpec(model: model, count: count, fastBaud: try t.optionalBool("fast_baud") ?? true, port: port, reset: reset,
                        ticketDifficultyScale: scale)
    }
}
