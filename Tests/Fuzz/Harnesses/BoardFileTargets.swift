import HearthBoardFiles

/// A board file (`boards/*.toml`): TOMLKit's parser, then our located readers and the
/// checks across keys. The file is named after its own `id` when it has one, so the
/// fuzzer gets past the id check into every table. A tariff file is TOML read by the
/// same locator, so each input is tried as one too.
let boardFileTarget = FuzzTarget(name: "board-file") { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let file = "boards/\(FuzzText.quotedValue(of: "id", in: text) ?? "fuzz").toml"
    do { _ = try BoardLoader.parse(text: text, file: file) } catch {
        FuzzCheck.locatedLine("\(error)", origin: file, target: "board-file")
    }
    do { _ = try TariffFile(parsing: text, file: "tariff.toml") } catch {
        FuzzCheck.locatedLine("\(error)", origin: "tariff.toml", target: "board-file")
    }
}

enum FuzzText {
    /// The first `key = "value"` in `text`, if the value is a plain file-name-safe word.
    static func quotedValue(of key: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: " \t") == key else { continue }
            let value = parts[1].trimmingCharacters(in: " \t")
            guard value.count >= 2, value.first == "\"", value.last == "\"" else { return nil }
            let word = value.dropFirst().dropLast()
            guard !word.isEmpty, word.count <= 64, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            return String(word)
        }
        return nil
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return s
    }
}
