import HearthCGMinerAPI
import HearthCore

/// Which of a board file's operating points the stock firmware can reach, and with
/// which value of its heat knob (`workmode` or `worklevel`). Matched by name, since
/// the board files name their points as the unit and its app do (Low/Mid/High,
/// Eco/Standard/Super, Night/Mining). Points no setting names (the Mini 3's heater
/// levels, whose numbers no public reply shows) are left out: the planner then
/// uses only what the unit can really be told.
public struct AvalonSettingMap: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var point: OperatingPoint
        public var setting: AvalonModelProfile.Setting
    }

    public let model: AvalonModelProfile
    /// In ascending power, as `profile.operatingPoints`.
    public let entries: [Entry]
    /// The board restricted to the reachable points: what the controller plans with.
    public let profile: BoardProfile

    public init(board: BoardProfile, model: AvalonModelProfile) throws(AvalonDeviceError) {
        var entries: [Entry] = []
        for point in board.operatingPoints {
            if let s = model.settings.first(where: { $0.name.lowercased() == point.name.lowercased() }) {
                entries.append(Entry(point: point, setting: s))
            }
        }
        guard !entries.isEmpty else {
            throw AvalonDeviceError.noReachablePoint(board: board.id, model: model.name,
                                                     settings: model.settings.map(\.name),
                                                     points: board.operatingPoints.map(\.name))
        }
        entries.sort { $0.point.power < $1.point.power }
        self.model = model
        self.entries = entries
        var p = board
        p.operatingPoints = entries.map(\.point)
        self.profile = p
    }

    /// The knob value for an index into `profile.operatingPoints`.
    public func setting(forPoint index: Int) -> AvalonModelProfile.Setting? {
        entries.indices.contains(index) ? entries[index].setting : nil
    }

    /// The point index the unit reports it runs, from its knob value.
    public func pointIndex(forSetting value: Int) -> Int? {
        entries.firstIndex { $0.setting.value == value }
    }

    public func command(forPoint index: Int) -> AscsetCommand? {
        guard let s = setting(forPoint: index) else { return nil }
        switch model.heatKnob {
        case .workMode: return .setWorkMode(s.value)
        case .workLevel: return .setWorkLevel(s.value)
        }
    }
}
