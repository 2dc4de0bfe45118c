import HearthCore
import HearthHAL

/// `[core_voltage]`: either `settable = false` with `fixed_mv`, or `settable = true` with
/// `regulator` (tps546 | ds4432u), `bus`, `address`, `min_mv`, `default_mv`, `max_mv`
/// (min ≤ default ≤ max, inside 300…2000 mV); `source` always. A ds4432u also names its
/// feedback network: `output` (0 or 1, default 0), `rfs_ohm` (40…160 kΩ, the datasheet's
/// range), `r_top_ohm`, `r_bottom_ohm` and the buck's `feedback_mv`; min_mv and max_mv must
/// lie within what the DAC can reach with them.
enum CoreVoltageParser {
    static let ds4432uKeys = ["output", "rfs_ohm", "r_top_ohm", "r_bottom_ohm", "feedback_mv"]

    static func parse(_ r: TOMLTableReader) throws(BoardFileError) -> CoreVoltageSpec? {
        guard let t = try r.optionalTable("core_voltage") else { return nil }
        guard let settable = try t.optionalBool("settable") else {
            throw t.fail(.missingKey, "settable", "say whether Hearth can set the core voltage (true or false)")
        }
        let source = try t.string("source")
        func millivolts(_ key: String) throws(BoardFileError) -> Millivolts {
            let v = try t.number(key, .positive)
            guard (300...2000).contains(v) else { throw t.fail(.outOfRange, key, "\(v) mV is outside 300…2000 mV") }
            return Millivolts(v)
        }
        if !settable {
            try t.rejectUnknownKeys(["settable", "fixed_mv", "source"])
            return CoreVoltageSpec(control: nil, nominal: try millivolts("fixed_mv"), source: source)
        }
        let common = ["settable", "regulator", "bus", "address", "min_mv", "default_mv", "max_mv", "source"]
        let name = try t.string("regulator")
        guard let regulator = CoreVoltageSpec.Regulator(rawValue: name) else {
            throw t.fail(.notAllowed, "regulator", "\"\(name)\" is unknown; allowed: \(CoreVoltageSpec.Regulator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try t.rejectUnknownKeys(regulator == .ds4432u ? common + ds4432uKeys : common)
        let address = try t.integer("address", in: 0x03...0x77, rangeText: "0x03…0x77")
        let minimum = try millivolts("min_mv"), nominal = try millivolts("default_mv"), maximum = try millivolts("max_mv")
        guard minimum <= nominal, nominal <= maximum else {
            throw t.fail(.inconsistent, "default_mv", "min_mv ≤ default_mv ≤ max_mv must hold (\(minimum.value), \(nominal.value), \(maximum.value))")
        }
        let feedback = regulator == .ds4432u ? try dacFeedback(t, minimum: minimum, maximum: maximum) : nil
        return CoreVoltageSpec(control: .init(regulator: regulator, bus: try t.string("bus"), address: UInt8(address),
                                              minimum: minimum, maximum: maximum, dacFeedback: feedback),
                               nominal: nominal, source: source)
    }

    private static func dacFeedback(_ t: TOMLTableReader, minimum: Millivolts, maximum: Millivolts) throws(BoardFileError) -> DS4432U.Feedback {
        let outputIndex = t.has("output") ? try t.integer("output", in: 0...1, rangeText: "0 (OUT0, register 0xF8) or 1 (OUT1, 0xF9)") : 0
        let rfs = try t.number("rfs_ohm", .positive)
        guard DS4432U.fullScaleResistorRange.contains(rfs) else {
            throw t.fail(.outOfRange, "rfs_ohm", "\(rfs) Ω is outside the DS4432U's 40000…160000 Ω (datasheet: R_FS range)")
        }
        let feedback = DS4432U.Feedback(output: outputIndex == 0 ? .out0 : .out1, fullScaleResistorOhms: rfs,
                                        topResistorOhms: try t.number("r_top_ohm", .positive),
                                        bottomResistorOhms: try t.number("r_bottom_ohm", .positive),
                                        reference: Millivolts(try t.number("feedback_mv", .positive)))
        let reach = feedback.reach
        let text = "\(Int(reach.lowerBound.value.rounded(.up)))…\(Int(reach.upperBound.value.rounded(.down))) mV"
        guard minimum >= reach.lowerBound else {
            throw t.fail(.inconsistent, "min_mv", "\(minimum.value) mV is below what the DS4432U reaches with these resistors (\(text))")
        }
        guard maximum <= reach.upperBound else {
            throw t.fail(.inconsistent, "max_mv", "\(maximum.value) mV is above what the DS4432U reaches with these resistors (\(text))")
        }
        return feedback
    }
}
