import Testing
@Test func HearthAvalonPlaceholder() { #expect(Bool(true)) }
