import Testing
@Test func HearthRuntimeTestsPlaceholder() { #expect(Bool(true)) }
