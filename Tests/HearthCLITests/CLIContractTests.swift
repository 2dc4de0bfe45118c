import Foundation
import HearthCore
@testable import HearthCLI
@testable import HearthDaemon
import Testing

/// The CLI reads what the daemon writes through the same Codable types: a reply the
/// daemon encodes decodes in the CLI, and everything the CLI prints comes from it.
@Suite struct CLIContractTests {
    static let snapshot = StatusSnapshot(
        board: "avalon-nano3s", boardName: "Avalon Nano 3S", backend: "sim", controlTime: 3600, uptime: 12,
        mode: "quiet", target: 21.5, scheduled: true, room: 20.75, chip: 71.3, inlet: 19.2, fanRPM: 2345,
        fanDuty: 47, power: 123, hashing: true, operatingPoint: "mid", hashrate: 4.56e12, demand: 118, ceiling: 140,
        reasons: ["schedule", "quiet limiter"],
        trip: TripRecord(code: "fan_stall", reason: "fan stalled at 0 rpm", time: 3500, at: "2025-01-02T03:04:05Z"),
        mining: MiningStatus(pool: "stratum+tcp://127.0.0.1:3333", state: "mining", sharesAccepted: 17, sharesRejected: 2, hashrate: 4.5e12),
        settingsRevision: 9)

    /// The reply as the daemon sends it, read the way the CLI reads it.
    func viaWire<T: Codable>(_ value: T, as type: T.Type) throws -> T {
        let text = try APIContract.encode(value)
        return try APIClient.Reply(status: 200, body: text, what: "GET /test").decode(type)
    }

    @Test func statusPrintsEveryFieldFromTheDaemonsReply() throws {
        let decoded = try viaWire(Self.snapshot, as: StatusSnapshot.self)
        #expect(decoded == Self.snapshot)
        let text = StatusText.render(decoded)
        for shown in ["Avalon Nano 3S (sim)", "quiet (schedule), target 21.5 °C", "room       20.75 °C", "chip       71.3 °C",
                      "hashing at mid, 123 W, demand 118 W", "4.56 TH/s", "47 %, 2345 rpm",
                      "TRIP       fan stalled at 0 rpm", "stratum+tcp://127.0.0.1:3333: mining, 17 accepted, 2 rejected",
                      "why        schedule, quiet limiter"] {
            #expect(text.contains(shown), "missing '\(shown)' in:\n\(text)")
        }
        // "—" and "?" stand for a value the CLI could not read (the trip line's dash is prose).
        let values = text.replacingOccurrences(of: " — check the heater", with: "")
        #expect(!values.contains("—") && !values.contains("?"), "\(text)")
    }

    @Test func absentReadingsPrintAsADash() throws {
        var s = Self.snapshot
        s.room = nil
        s.trip = nil
        s.mining = nil
        let text = StatusText.render(try viaWire(s, as: StatusSnapshot.self))
        #expect(text.contains("room       —"))
        #expect(text.contains("safety     ok"))
        #expect(!text.contains("pool"))
    }

    @Test func tripsAndClearDecode() throws {
        let trips = try viaWire(TripsView(trips: [Self.snapshot.trip!], latched: Self.snapshot.trip), as: TripsView.self)
        #expect(StatusText.line(trips.trips[0]) == "2025-01-02T03:04:05Z  LATCHED  fan_stall: fan stalled at 0 rpm")
        #expect(try viaWire(TripClearReply(cleared: false), as: TripClearReply.self).message == "no trip is latched")
    }

    @Test func aReplyThatDoesNotFitSaysWhichKey() throws {
        var json = try APIContract.encode(Self.snapshot)
        json = json.replacingOccurrences(of: "\"room_c\"", with: "\"room_celsius\"")
            .replacingOccurrences(of: "\"board_name\"", with: "\"name\"")
        do {
            _ = try APIClient.Reply(status: 200, body: json, what: "GET /v1/status").decode(StatusSnapshot.self)
            Issue.record("a renamed required key decoded")
        } catch {
            #expect("\(error)".contains("GET /v1/status"))
            #expect("\(error)".contains("'board_name' is missing"), "\(error)")
        }
    }

    @Test func settingsViewHidesPasswordsAndKeepsNulls() throws {
        let settings = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://h:1", user: "u", password: "secret")], activePool: 0)
        let text = try APIContract.encode(SettingsView(settings))
        #expect(!text.contains("secret"))
        #expect(text.contains("\"fan_override\":null") && text.contains("\"point_override\":null"))
        #expect(try viaWire(SettingsView(settings), as: SettingsView.self) == SettingsView(settings))
    }
}
