/// The stock Avalon home models Hearth can steer over their API, and how their
/// replies name them.
///
/// `version` says `PROD=Avalon Nano3s,MODEL=Nano3s` (Nano 3S), `PROD=Avalon Mini3,MODEL=Mini3`,
/// `PROD=Avalon Q,MODEL=Q`; the Nano 3 says `PROD=AvalonNano` and the model only in
/// `MODEL` (pyasic's factory reads it the same way). The estats line repeats the model
/// in `Ver[Nano3s-25021401_56abae7]`, `Ver[nano3-…]`, `Ver[Mini3-…]`, `Ver[Q-…]`.
public enum AvalonModel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case nano3
    case nano3s
    case mini3
    case q

    public var description: String { profile.name }

    /// From `VERSION[0]`'s MODEL, else its PROD; nil for anything else (an A-series
    /// miner, a Nano whose MODEL is missing).
    public static func identify(product: String?, model: String?) -> AvalonModel? {
        for text in [model, product].compactMap({ $0 }) {
            if let found = match(normalized(text)) { return found }
        }
        return nil
    }

    /// From the estats `Ver[…]` value: the part before the first `-`.
    public static func identify(estatsVersion: String) -> AvalonModel? {
        let name = estatsVersion.split(separator: "-", maxSplits: 1).first.map(String.init) ?? estatsVersion
        return match(normalized(name))
    }

    private static func normalized(_ text: String) -> String {
        var s = String(text.lowercased().filter { $0.isLetter || $0.isNumber })
        for prefix in ["avalonminer", "avalon"] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        return s
    }

    private static func match(_ name: String) -> AvalonModel? {
        switch name {
        case "nano3s": .nano3s
        case "nano3": .nano3
        case "mini3": .mini3
        case "q", "qhome": .q
        default: nil
        }
    }
}
