import Testing
@testable import HearthHomeAssistant
