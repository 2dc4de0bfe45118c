/// What can go wrong setting up or talking to a stock Avalon, in one line each.
public enum AvalonDeviceError: Error, Sendable, Hashable, CustomStringConvertible {
    case noReachablePoint(board: String, model: String, settings: [String], points: [String])
    case unknownModel(device: String, product: String?, model: String?)
    case wrongModel(device: String, found: String, expected: String)
    case unreachable(device: String, detail: String)

    public var description: String {
        switch self {
        case .noReachablePoint(let board, let model, let settings, let points):
            "board \(board) has no operating point the \(model) firmware can select (its settings: \(settings.joined(separator: ", ")); the board's points: \(points.joined(separator: ", ")))"
        case .unknownModel(let device, let product, let model):
            "\(device) answers, but PROD '\(product ?? "—")' / MODEL '\(model ?? "—")' is no Avalon home model Hearth knows (Nano 3, Nano 3S, Mini 3, Q)"
        case .wrongModel(let device, let found, let expected):
            "\(device) is an \(found), but the board given is the \(expected)'s; leave --board out to use the detected model's"
        case .unreachable(let device, let detail):
            "\(device) does not answer: \(detail)"
        }
    }
}
