import Testing
@Test func cgminerPlaceholder() { #expect(Bool(true)) }
