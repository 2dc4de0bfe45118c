import Testing
@Test func HearthSupportTestsPlaceholder() { #expect(Bool(true)) }
