/// toml++ 3.4.0 (inside TOMLKit) asserts where it should refuse, in two places found by
/// `scripts/fuzz board-file`: a table header whose key starts with a character that cannot
/// start a key (`[/x]`, `[[[x]]]`; `Assertion … parse_key()`), and `}` where an array
/// expects a value (`a = [}`, `a = [1, }`; `Assertion … parse_value()`). That aborts a debug
/// build and is undefined behaviour in a release one (the assert becomes an assumption).
/// Every TOML file we read passes through here first, so such a line is refused with its
/// number before the text reaches TOMLKit. Non-ASCII outside strings and comments (never
/// valid TOML) is refused too: toml++ reads U+0085 there as a line break and asserts.
public enum TOMLGuard {
    /// The first place toml++ would trip on: its 1-based line and what is wrong.
    public static func firstTrap(in text: String) -> (line: Int, problem: String)? {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }   // toml++ skips a byte-order mark
        var lexer = Lexer(scalars)
        return lexer.firstBadHeader()
    }

    /// TOMLKit's messages quote the character they stopped at, raw: a newline or a control
    /// character there would split our one-line `file:line: …` error. Escaped here.
    public static func oneLine(_ message: String) -> String {
        var out = ""
        for c in message.unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\t"   // a tab does not break the line
            default:
                // C0 and C1 controls (U+0085 is a newline to Swift), line and paragraph separators.
                if c.properties.generalCategory == .control || c.properties.generalCategory == .lineSeparator
                    || c.properties.generalCategory == .paragraphSeparator {
                    out += "U+" + String(c.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// Just enough of TOML to know where a line starts at document level (outside every
    /// string, array and inline table), which is where toml++ parses a header.
    private struct Lexer {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

        mutating func firstBadHeader() -> (line: Int, problem: String)? {
            var open: [Unicode.Scalar] = []   // arrays and inline tables around the current character
            var expectValue = false           // in an array, right after its '[' or a ','
            var lineStart = true
            while i < s.count {
                let c = s[i]
                if c == "\n" { line += 1; i += 1; lineStart = open.isEmpty; continue }
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if lineStart && c == "[" {
                    if let problem = headerProblem() { return (line, problem) }
                    skipToLineEnd()
                    continue
                }
                lineStart = false
                if c == "#" { skipToLineEnd(); continue }
                // TOML allows non-ASCII only inside strings and comments. toml++ takes some of it
                // (U+0085, U+2028, U+2029) for line breaks where it never expects one and asserts
                // (`parse_value`, found by `scripts/fuzz daemon-config`): refuse it here, named.
                if !c.isASCII {
                    return (line, "U+\(String(c.value, radix: 16, uppercase: true)) outside a string or comment "
                        + "(TOML allows non-ASCII characters only inside quotes and after #)")
                }
                if expectValue && c == "}" {
                    return (line, "array: a value or ']' must follow '[' or ',', found '}'")
                }
                expectValue = false
                switch c {
                case "\"", "'": skipString(quote: c)
                case "[": open.append(c); expectValue = true; i += 1
                case "{": open.append(c); i += 1
                case "]", "}": _ = open.popLast(); i += 1
                case ",": expectValue = open.last == "["; i += 1
                default: i += 1
                }
            }
            return nil
        }

        /// At `[`: what toml++ would assert on, or nil.
        func headerProblem() -> String? {
            var k = i + 1
            var hadSpace = false
            while let c = at(k), c == " " || c == "\t" { k += 1; hadSpace = true }
            if at(k) == "[" && !hadSpace {
                k += 1
                while let c = at(k), c == " " || c == "\t" { k += 1 }
            }
            guard let c = at(k) else { return nil }   // toml++: "unexpected end of file"
            if c == "]" || c == "\"" || c == "'" { return nil }
            if c.isASCII, let a = Character(c).asciiValue,
               (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A) || (a >= 0x30 && a <= 0x39) || a == 0x2D || a == 0x5F {
                return nil
            }
            let shown = c.value < 0x20 || c.value == 0x7F ? "U+\(String(c.value, radix: 16, uppercase: true))" : "'\(c)'"
            return "table header: a key must start with a letter, digit, '-', '_' or a quote, found \(shown)"
        }

        mutating func skipToLineEnd() {
            while i < s.count, s[i] != "\n" { i += 1 }
        }

        /// Past a basic or literal string, one-line or multi-line (`"""`, `'''`).
        mutating func skipString(quote q: Unicode.Scalar) {
            let multi = at(i + 1) == q && at(i + 2) == q
            i += multi ? 3 : 1
            while i < s.count {
                let c = s[i]
                if c == "\\" && q == "\"" {
                    if at(i + 1) == "\n" { line += 1 }   // a line-ending backslash
                    i += 2
                    continue
                }
                if c == "\n" {
                    if !multi { return }   // toml++ refuses it; the line ends here either way
                    line += 1
                }
                if c == q && (!multi || (at(i + 1) == q && at(i + 2) == q)) {
                    i += multi ? 3 : 1
                    return
                }
                i += 1
            }
        }
    }
}
