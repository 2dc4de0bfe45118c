import Testing
@testable import HearthAxeOS
