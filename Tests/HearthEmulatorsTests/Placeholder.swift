import Testing
@Test func HearthEmulatorsPlaceholder() { #expect(Bool(true)) }
