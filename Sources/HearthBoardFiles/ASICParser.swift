import HearthHAL

/// `[asic] chip = "BM1366", count = 1, fast_baud = true`: which BM13xx chips sit on the
/// board's `[uart]`, checked against `[board] chip` and `chip_count`.
enum ASICParser {
    static func parse(_ r: TOMLTableReader, boardChip: String, chipCount: Int, hasUART: Bool) throws(BoardFileError) -> ASICSpec? {
        guard let t = try r.optionalTable("asic") else { return nil }
        try t.rejectUnknownKeys(["chip", "count", "fast_baud"])
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
        guard hasUART else {
            throw t.fail(.missingKey, "chip", "[asic] needs a [uart] section (device and baud of the chips' serial port)")
        }
        return ASICSpec(model: model, count: count, fastBaud: try t.optionalBool("fast_baud") ?? true)
    }
}
