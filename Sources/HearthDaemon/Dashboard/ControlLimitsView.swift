import HearthCore

/// `GET /v1/limits`: what a client may set, from the validators that check it, so no
/// client repeats the numbers.
struct ControlLimitsView: Encodable {
    struct Target: Encodable {
        var minC = TargetTemperature.range.lowerBound.value
        var maxC = TargetTemperature.range.upperBound.value
        /// What one press of − / + changes: the resolution people steer a room by (the
        /// validator itself takes any value in range).
        var stepC = 0.5
        enum CodingKeys: String, CodingKey {
            case minC = "min_c", maxC = "max_c", stepC = "step_c"
        }
    }
    var target = Target()
    /// The modes `PATCH /v1/settings` accepts, in the order a person picks them.
    var modes = Mode.allCases.map(\.rawValue)
}
