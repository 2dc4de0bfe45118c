/// Reads numbers the way the firmware's `sscanf` does: leading spaces, a sign, digits,
/// and whatever follows ignored.
enum CScan {
    static func integer(_ text: some StringProtocol) -> Int? {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        var digits = ""
        if let c = s.first, c == "-" || c == "+" {
            digits.append(c)
            s.removeFirst()
        }
        while let c = s.first, c.isASCII, c.isNumber, digits.count < 18 {
            digits.append(c)
            s.removeFirst()
        }
        return Int(digits)
    }

    /// `%[^,],%d,%d`: the text before the first comma, then up to `count` numbers
    /// after commas (stopping at the first that does not scan).
    static func commandAndNumbers(_ text: String, count: Int) -> (command: String, numbers: [Int]) {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        let command = fields.first.map(String.init) ?? ""
        var numbers: [Int] = []
        for field in fields.dropFirst().prefix(count) {
            guard let n = integer(field) else { break }
            numbers.append(n)
        }
        return (command, numbers)
    }
}
