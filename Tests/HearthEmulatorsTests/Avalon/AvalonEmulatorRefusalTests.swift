import HearthCGMinerAPI
import HearthCore
import HearthEmulators
import Testing

/// `refusesWrites`: the unit answers every read and refuses every write with Code 45, as
/// cgminer does for a client its api-allow lets only read (loopback 127.0.0.231).
@Suite struct AvalonEmulatorRefusalTests {
    @Test func writesAreRefusedWhileReadsAnswer() async throws {
        try await withEmulator(.q, host: "127.0.0.231") { (emulator, client) async throws in
            emulator.setRefusesWrites(true)
            _ = try await client.estats(model: .q)                       // reads answer
            let refused = try await client.ascset(.softOff(atUnixTime: 0))
            #expect(!refused.accepted)
            #expect("\(refused)".contains("45") || "\(refused)".lowercased().contains("denied"))
            #expect(emulator.status.softOff == false)                    // not carried out
            emulator.setRefusesWrites(false)
            #expect(try await client.ascset(.softOff(atUnixTime: 0)).accepted)
        }
    }
}
