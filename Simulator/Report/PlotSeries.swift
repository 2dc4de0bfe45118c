import HearthCore

/// Everything one run's plot shows. Sample arrays run parallel to `time`; an
/// empty array means "not recorded" and its line is left out. Non-finite values
/// (e.g. NaN target while off) leave a gap in the line.
public struct PlotSeries: Sendable {
    public var title: String
    public var subtitle: String
    /// Sample times since the start of the run.
    public var time: [Seconds]
    public var room: [Celsius]
    public var target: [Celsius]
    public var outdoor: [Celsius]
    public var chip: [Celsius]
    /// Drawn as a dashed line on the chip panel.
    public var chipLimit: Celsius?
    public var power: [Watts]
    public var fan: [DutyCycle]
    /// Trips, faults and other moments worth a vertical line.
    public var markers: [PlotMarker]
    /// Shaded spans across all panels (door open, price peak…).
    public var shaded: [PlotInterval]

    public init(title: String, subtitle: String = "", time: [Seconds], room: [Celsius] = [], target: [Celsius] = [],
                outdoor: [Celsius] = [], chip: [Celsius] = [], chipLimit: Celsius? = nil, power: [Watts] = [],
                fan: [DutyCycle] = [], markers: [PlotMarker] = [], shaded: [PlotInterval] = []) {
        self.title = title
        self.subtitle = subtitle
        self.time = time
        self.room = room
        self.target = target
        self.outdoor = outdoor
        self.chip = chip
        self.chipLimit = chipLimit
        self.power = power
        self.fan = fan
        self.markers = markers
        self.shaded = shaded
    }
}

/// A labelled moment, drawn as a vertical line through every panel.
public struct PlotMarker: Sendable, Hashable {
    public var time: Seconds
    public var label: String
    public init(time: Seconds, label: String) {
        self.time = time
        self.label = label
    }
}

/// A labelled span, drawn as a shaded band through every panel.
public struct PlotInterval: Sendable, Hashable {
    public var start: Seconds
    public var end: Seconds
    public var label: String
    public init(start: Seconds, end: Seconds, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }
}

/// Why a `PlotSeries` can't be drawn.
public struct PlotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The series or field at fault (`room`, `time`, `shaded[2]`…).
    public var field: String
    public var problem: String
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
    public var description: String { "plot \(field): \(problem)" }
}
