import Testing
@Test func HearthRoomSensorsPlaceholder() { #expect(Bool(true)) }
