import HearthCore
import HearthSimulator

/// The human-readable lines before the figures table.
enum SimulationText {
    static func header(_ r: SimulationResult) -> String {
        let c = r.config, b = c.board.profile
        let hours = formatted(c.duration.value / 3600, decimals: 1)
        return """
        Hearth simulation: \(b.name) (\(c.board.chipCount) × \(c.board.chip)), scenario \(c.scenario.name), \(hours) h
          \(c.scenario.summary)
          room: \(r.room.description); sized so it needs \(formatted(r.designLoad.value, decimals: 0)) W \
        (\(formatted(c.scenario.designLoadFraction * 100, decimals: 0)) % of the board's \(formatted(b.maximumPower.value, decimals: 0)) W) at the coldest hour
          controller: \(c.controller.rawValue), mode \(c.settings.mode), target \(c.settings.target.typedText) °C, seed \(c.seed)\
        \(c.faults.isEmpty ? "" : ", faults: " + c.faults.map(\.description).joined(separator: " "))
        """
    }
}
