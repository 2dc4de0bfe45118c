import HearthCGMinerAPI
import HearthCore
import HearthSimulator

/// The fault matrix of the network peers: a stock unit (Avalon over the cgminer API,
/// Bitaxe over AxeOS), its plug and the owner's room sensor failing, × time of day × mode
/// × seed, each run on loopback through the production network path and timed from the
/// injection. What "safe" means per kind, and why, is in docs/faults-remote.md.
public enum RemoteFaultMatrix {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The unit is gone (unplugged, off the Wi-Fi): even seeds refuse connections, odd
        /// seeds take them and never answer. It comes back after `RemoteFaultMatrix.outage`.
        case unitOffline = "unit-offline"
        /// The unit answers every read but refuses every write (cgminer Code 45 / HTTP 500).
        case unitRefusing = "unit-refusing"
        /// Replies take 0.5–3 s (a unit on bad Wi-Fi): inside the client's 5 s, so no trip.
        case unitSlow = "unit-slow"
        /// The plug in front of a Nano 3S accepts connections and never answers.
        case plugSilent = "plug-silent"
        /// The room sensor stops reporting; it reports again after `RemoteFaultMatrix.sensorSilence`.
        case roomSensorStale = "room-sensor-stale"
    }

    /// Every stock board and backend the emulators play.
    public enum Unit: String, Sendable, Hashable, CaseIterable, Codable {
        case nano3s = "avalon-nano3s"
        case mini3 = "avalon-mini3"
        case q = "avalon-q"
        case bitaxeGamma = "bitaxe-gamma"

        /// The board file's id.
        public var board: String { rawValue }
        var avalonModel: AvalonModel? {
            switch self {
            case .nano3s: .nano3s
            case .mini3: .mini3
            case .q: .q
            case .bitaxeGamma: nil
            }
        }
        /// Owners of a Nano 3S (no soft off) put it behind a smart plug.
        var hasPlug: Bool { self == .nano3s }
    }

    /// How long an offline unit stays away, and a silent room sensor silent (control time).
    public static let outage = Seconds(120)
    public static let sensorSilence = Seconds(1000)
    /// Warm-up before an injection outside start-up: the room loop and the unit settle.
    public static let warmUp = Seconds(600)
    /// Injection times of day (hours), turned through by seed: night, morning, midday, evening.
    public static let hours: [Double] = [2.5, 7.25, 13, 19.5]

    public struct Case: Sendable, Hashable, CustomStringConvertible {
        public var unit: Unit
        public var kind: Kind
        public var phase: FaultMatrix.Phase
        public var hour: Double
        public var seed: UInt64
        public init(unit: Unit, kind: Kind, phase: FaultMatrix.Phase, hour: Double, seed: UInt64) {
            self.unit = unit
            self.kind = kind
            self.phase = phase
            self.hour = hour
            self.seed = seed
        }
        public var description: String {
            "\(unit.rawValue) \(kind.rawValue) \(phase.rawValue) \(formatted(hour, decimals: 2))h seed \(seed)"
        }
    }

    /// Whether `kind` exists for `unit` (only a unit behind a plug has a plug to fail).
    public static func applies(_ kind: Kind, to unit: Unit) -> Bool {
        kind != .plugSilent || unit.hasPlug
    }

    /// Every case for the given units, phases and seeds; the hour turns with the seed so
    /// every kind meets every time of day in every phase over four seeds.
    public static func cases(units: [Unit] = Unit.allCases, kinds: [Kind] = Kind.allCases,
                             phases: [FaultMatrix.Phase] = FaultMatrix.Phase.allCases, seeds: [UInt64]) -> [Case] {
        var out: [Case] = []
        for unit in units {
            for kind in kinds where applies(kind, to: unit) {
                for phase in phases {
                    for seed in seeds {
                        // From the identities, not the positions in the lists: a case is the same run
                        // whichever subset of the matrix is asked for.
                        let u = Unit.allCases.firstIndex(of: unit)!, k = Kind.allCases.firstIndex(of: kind)!
                        let p = FaultMatrix.Phase.allCases.firstIndex(of: phase)!
                        let hour = hours[(Int(seed % 1000) + k + p + u) % hours.count]
                        out.append(Case(unit: unit, kind: kind, phase: phase, hour: hour, seed: seed))
                    }
                }
            }
        }
        return out
    }

    static func mode(_ phase: FaultMatrix.Phase) -> Mode {
        switch phase {
        case .heat, .startUp: .heat
        case .quiet: .quiet
        case .eco: .eco
        case .idle: .off
        }
    }
}
