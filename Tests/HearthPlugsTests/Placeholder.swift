import Testing
@Test func HearthPlugsPlaceholder() { #expect(Bool(true)) }
