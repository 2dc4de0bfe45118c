// What every harness asserts beyond "no trap": a refusal of outside input is one line
// that names where the input came from (file, peer), so an owner can act on it.

enum FuzzCheck {
    /// `message` must be a single line starting with `origin` (e.g. "boards/x.toml").
    static func locatedLine(_ message: String, origin: String, target: String) {
        guard message.hasPrefix(origin) else { fatalError("\(target): error does not name \(origin): \(message.prefix(300))") }
        guard !message.contains(where: \.isNewline) else { fatalError("\(target): error is not one line: \(message.prefix(300))") }
    }
}
