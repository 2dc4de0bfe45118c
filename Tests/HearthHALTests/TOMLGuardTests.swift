import HearthBoardFiles
import Testing

/// The lines toml++ 3.4 asserts on instead of refusing (found by the fuzzers) are refused
/// first, with their line; valid TOML with non-ASCII in strings and comments passes.
@Suite struct TOMLGuardTests {
    @Test func trapsAreFoundWithTheirLine() {
        #expect(TOMLGuard.firstTrap(in: "a = 1\n[/x]\n")?.line == 2)
        #expect(TOMLGuard.firstTrap(in: "a = [}\n")?.line == 1)
        // U+0085 (NEL) where a value should start: toml++ reads it as a line break and asserts.
        let nel = "a = { b = [\n  # c\n\u{85} N{ }N{\n"
        let trap = TOMLGuard.firstTrap(in: nel)
        #expect(trap?.line == 3)
        #expect(trap?.problem.hasPrefix("U+85 outside a string or comment") == true)
    }

    @Test func nonASCIIInsideStringsAndCommentsIsFine() {
        #expect(TOMLGuard.firstTrap(in: "name = \"Séjour 21 °C\"  # ° and … in a comment\nb = 'ä'\n") == nil)
        #expect(TOMLGuard.firstTrap(in: "s = \"\"\"\nmulti ° line\n\"\"\"\n") == nil)
    }
}
