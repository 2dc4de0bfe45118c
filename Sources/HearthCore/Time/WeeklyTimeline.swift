/// The "in force" rule shared by schedules and tariffs: each entry starts on some
/// weekdays at a time of day and stays in force until the next start, wrapping
/// round the week (Monday 01:00 is still under Sunday's last entry).
///
/// Built once from the entries; lookups are a binary search.
struct WeeklyTimeline: Sendable, Hashable {
    /// One start of one entry: seconds since Monday 00:00 and the entry's index.
    struct Start: Sendable, Hashable {
        var second: Double
        var entry: Int
    }
    /// Sorted by time; at equal times the later entry comes last, so it wins.
    let starts: [Start]

    init(_ entries: [(days: Weekdays, start: TimeOfDay)]) {
        var list: [Start] = []
        for (index, e) in entries.enumerated() {
            for day in e.days.days {
                list.append(Start(second: WeekTime(day: day, time: e.start).secondsSinceMonday, entry: index))
            }
        }
        starts = list.sorted { ($0.second, $0.entry) < ($1.second, $1.entry) }
    }

    /// Position in `starts` of the start in force at `t`, or nil when there are none.
    func position(at t: WeekTime) -> Int? {
        guard !starts.isEmpty else { return nil }
        // First start strictly after t; the one before it is in force.
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid].second <= t.secondsSinceMonday { lo = mid + 1 } else { hi = mid }
        }
        // None at or before t this week: last week's final start is still in force.
        return lo == 0 ? starts.count - 1 : lo - 1
    }

    /// The entry index in force at `t`.
    func entry(at t: WeekTime) -> Int? { position(at: t).map { starts[$0].entry } }

    /// The start of the in-force entry at `t` (may be in the previous week, so it is
    /// returned as a week time that can be later than `t`).
    func since(at t: WeekTime) -> WeekTime? { position(at: t).map { WeekTime(secondsSinceMonday: starts[$0].second) } }

    /// The next start after `t` (wrapping) at which `differs(currentEntry, newEntry)`
    /// holds, so a repeated identical setting is not reported as a change.
    func nextChange(after t: WeekTime, differs: (Int, Int) -> Bool) -> WeekTime? {
        guard let here = position(at: t) else { return nil }
        var current = starts[here].entry
        for step in 1...starts.count {
            let next = starts[(here + step) % starts.count]
            if differs(current, next.entry) { return WeekTime(secondsSinceMonday: next.second) }
            current = next.entry
        }
        return nil
    }
}
