import HearthCore
import HearthHAL

/// `[core_voltage]`: either `settable = false` with `fixed_mv`, or `settable = true` with
/// `regulator` (tps546 | ds4432u), `bus`, `address`, `min_mv`, `default_mv`, `max_mv`
/// (min ≤ default ≤ max, inside 300…2000 mV); `source` always.
enum CoreVoltageParser {
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
        try t.rejectUnknownKeys(["settable", "regulator", "bus", "address", "min_mv", "default_mv", "max_mv", "source"])
        let name = try t.string("regulator")
        guard let regulator = CoreVoltageSpec.Regulator(rawValue: name) else {
            throw t.fail(.notAllowed, "regulator", "\"\(name)\" is unknown; allowed: \(CoreVoltageSpec.Regulator.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let address = try t.integer("address", in: 0x03...0x77, rangeText: "0x03…0x77")
        let minimum = try millivolts("min_mv"), nominal = try millivolts("default_mv"), maximum = try millivolts("max_mv")
        guard minimum <= nominal, nominal <= maximum else {
            throw t.fail(.inconsistent, "default_mv", "min_mv ≤ default_mv ≤ max_mv must hold (\(minimum.value), \(nominal.value), \(maximum.value))")
        }
        return CoreVoltageSpec(control: .init(regulator: regulator, bus: try t.string("bus"), address: UInt8(address),
                                              minimum: minimum, maximum: maximum),
                               nominal: nominal, source: source)
    }
}
