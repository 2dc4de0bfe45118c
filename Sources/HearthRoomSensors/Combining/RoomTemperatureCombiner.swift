import HearthCore

/// Makes one room temperature out of several sources' observations. Pure: given the
/// observations and the control time, it returns the reading and a status per source.
///
/// - A source is fresh while its last good value is at most its `staleAfter` old.
/// - Median of the fresh sources, or the first fresh one by priority; a last-resort
///   source (the miner's inlet) counts only when no other source is fresh.
/// - Nothing fresh and nothing ever heard, within the sources' limits since start: a
///   pending reading (the loop holds its safe command while it waits). Nothing fresh
///   otherwise: a failed reading that names every source and how long it has been silent.
/// - The value moves at most `maxRate` (0.2 K/s): the sources are sampled and held, so
///   their steps are not rates. A Zigbee sensor that reports 1.2 K more after a quiet
///   spell, a sensor joining the median, the inlet taking over from a sensor 2 K away:
///   none of these is the room changing at 1 K/s, which the supervisor would trip on. A
///   room changes by well under 0.1 K/s even with a door open, so the limit costs no
///   control and a step of a few kelvin passes in seconds.
///
/// The reading is stamped with the time it was judged (`takenAt` = now): the source
/// ages were checked here against limits that suit each source (a Zigbee sensor that
/// reports every few minutes is not stale), not against the device's few-second limit.
public struct RoomTemperatureCombiner: Sendable {
    public struct Input: Sendable, Hashable {
        public var name: String
        public var kind: String
        public var staleAfter: Seconds
        public var priority: Int?
        public var isLastResort: Bool
        public var observation: RoomSensorObservation

        public init(name: String, kind: String, staleAfter: Seconds, priority: Int? = nil, isLastResort: Bool = false,
                    observation: RoomSensorObservation) {
            self.name = name
            self.kind = kind
            self.staleAfter = staleAfter
            self.priority = priority
            self.isLastResort = isLastResort
            self.observation = observation
        }
    }

    public let combination: RoomSensorCombination
    public let startedAt: Seconds
    /// K/s: the fastest the combined value moves.
    public var maxRate: Double

    /// The source name `ReadingError`s carry.
    public static let readingSource = "room sensors"

    private var previous: (value: Celsius, at: Seconds)?

    public init(combination: RoomSensorCombination, startedAt: Seconds, maxRate: Double = 0.2) {
        self.combination = combination
        self.startedAt = startedAt
        self.maxRate = maxRate
    }

    public mutating func combine(_ inputs: [Input], now: Seconds) -> (reading: Reading<Celsius>, statuses: [RoomSensorStatus]) {
        func age(_ input: Input) -> Seconds? { input.observation.last.map { $0.age(at: now) } }
        func isFresh(_ input: Input) -> Bool {
            guard let age = age(input), input.observation.last?.value != nil else { return false }
            return age <= input.staleAfter
        }
        let fresh = inputs.enumerated().filter { isFresh($0.element) }
        let primaries = fresh.filter { !$0.element.isLastResort }
        let candidates = primaries.isEmpty ? fresh : primaries

        var chosen: [(offset: Int, element: Input)] = []
        if !candidates.isEmpty {
            switch combination {
            case .median:
                chosen = candidates
            case .priority:
                chosen = [candidates.min { a, b in
                    (a.element.priority ?? Int.max, a.offset) < (b.element.priority ?? Int.max, b.offset)
                }!]
            }
        }
        let contributors = chosen.map(\.element.name).sorted()
        let statuses = inputs.map { input in
            RoomSensorStatus(name: input.name, kind: input.kind, lastValue: input.observation.last?.value, age: age(input),
                             staleAfter: input.staleAfter, isStale: !isFresh(input), inUse: contributors.contains(input.name),
                             isLastResort: input.isLastResort, problem: input.observation.problem)
        }
        guard !chosen.isEmpty else {
            previous = nil   // after a failure the first value stands as it is
            return (Reading(error: missingError(inputs, now: now), takenAt: now), statuses)
        }

        let values = chosen.compactMap { $0.element.observation.last }.sorted { ($0.value?.value ?? 0) < ($1.value?.value ?? 0) }
        var value: Celsius
        var raw: UInt32?
        if values.count % 2 == 1 {
            let middle = values[values.count / 2]
            value = middle.value ?? .zero
            raw = middle.raw
        } else {
            let low = values[values.count / 2 - 1].value ?? .zero, high = values[values.count / 2].value ?? .zero
            value = Celsius((low.value + high.value) / 2)
        }

        if let previous {
            let maxStep = maxRate * max(0, (now - previous.at).value)
            let step = value.value - previous.value.value
            if abs(step) > maxStep + 1e-9 {   // the tolerance lets a last step of exactly maxStep land
                value = Celsius(previous.value.value + (step > 0 ? maxStep : -maxStep))
                raw = nil   // a value on its way, not one a sensor produced
            }
        }
        previous = (value, now)
        return (Reading(value, raw: raw, takenAt: now), statuses)
    }

    /// Pending while nothing was ever heard and a source may still speak within its limit;
    /// otherwise a failure that says, per source, how long it has been silent.
    private func missingError(_ inputs: [Input], now: Seconds) -> ReadingError {
        let sinceStart = now - startedAt
        let neverHeard = inputs.allSatisfy { $0.observation.last == nil }
        if inputs.isEmpty {
            return ReadingError(source: Self.readingSource, reason: "no room sensor is configured")
        }
        if neverHeard, inputs.contains(where: { sinceStart <= $0.staleAfter }) {
            return ReadingError(source: Self.readingSource,
                                reason: "waiting for a first room temperature from \(inputs.map(\.name).joined(separator: ", "))",
                                isPending: true)
        }
        let parts = inputs.map { input -> String in
            let limit = "limit \(formatted(input.staleAfter.value, decimals: 0)) s"
            var text: String
            if let last = input.observation.last {
                text = "\(input.name) silent \(formatted(last.age(at: now).value, decimals: 0)) s (\(limit))"
            } else {
                text = "\(input.name) no value in \(formatted(sinceStart.value, decimals: 0)) s (\(limit))"
            }
            if let problem = input.observation.problem { text += ": \(problem)" }
            return text
        }
        return ReadingError(source: Self.readingSource, reason: "no fresh room temperature: " + parts.joined(separator: "; "))
    }
}
