import Testing
@Test func HearthMQTTTestsPlaceholder() { #expect(Bool(true)) }
