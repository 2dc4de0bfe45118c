import Foundation
import HearthCore
import HearthSupport
import Testing
@testable import HearthDaemon

/// The API contract: what the CLI sends is what `SettingsPatch` accepts, and what the
/// daemon sends carries exactly the keys the OpenAPI document promises. A field
/// renamed on one side fails here.
@Suite struct ContractTests {
    let board = SettingsPatchTests().board

    /// Each field as the CLI sends it, alone, and what it must change.
    static let oneFieldChanges: [SettingsChange.Field: (SettingsChange, @Sendable (DaemonSettings) -> Bool)] = [
        .mode: (SettingsChange(mode: .eco), { $0.mode == .eco }),
        .target: (SettingsChange(target: Celsius(23.89)), { $0.target == 23.89 }),
        .schedule: (SettingsChange(schedule: "mon-fri 06:30 21.5; * 22:30 18 quiet"), { $0.schedule == "mon-fri 06:30 21.5; * 22:30 18 quiet" }),
        .fanOverride: (SettingsChange(fanOverride: .fixed(55)), { $0.fanOverride == 55 }),
        .pointOverride: (SettingsChange(pointOverride: .fixed("485")), { $0.pointOverride == "high" }),
        .pools: (SettingsChange(pools: [.init(url: "stratum+tcp://127.0.0.1:3333", user: "me.heater", password: "pw")]),
                 { $0.pools == [PoolSetting(url: "stratum+tcp://127.0.0.1:3333", user: "me.heater", password: "pw")] }),
        .activePool: (SettingsChange(activePool: .fixed(1)), { $0.activePool == 1 }),
    ]

    func apply(_ change: SettingsChange, to current: DaemonSettings = DaemonSettings()) throws -> DaemonSettings {
        let body = try JSONParser.parse(try APIContract.encode(change))
        return try SettingsPatch.apply(body, to: current, board: board)
    }

    @Test func everyFieldTheCLISendsIsAppliedBySettingsPatch() throws {
        #expect(Set(Self.oneFieldChanges.keys) == Set(SettingsChange.Field.allCases), "a SettingsChange field without a case here")
        #expect(SettingsPatch.fields == SettingsChange.Field.allCases.map(\.rawValue))
        let twoPools = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://a:1", user: "u"), PoolSetting(url: "stratum+tcp://b:1", user: "u")],
                                      activePool: 0)
        for field in SettingsChange.Field.allCases {
            let (change, holds) = try #require(Self.oneFieldChanges[field])
            let encoded = try APIContract.encode(change)
            #expect(encoded.contains("\"\(field.rawValue)\":"), "\(field): \(encoded)")
            let result = try apply(change, to: field == .activePool ? twoPools : DaemonSettings())
            #expect(holds(result), "\(field) sent as \(encoded) did not change the settings")
        }
    }

    @Test func autoIsSentAsNullAndResetsTheOverride() throws {
        let fixed = DaemonSettings(fanOverride: 40, pointOverride: "low")
        let change = SettingsChange(fanOverride: .auto, pointOverride: .auto)
        #expect(try APIContract.encode(change) == #"{"fan_override":null,"point_override":null}"#)
        let result = try apply(change, to: fixed)
        #expect(result.fanOverride == nil && result.pointOverride == nil)
        // Decoding keeps "absent" (unchanged) apart from null (auto).
        let decoded = try JSONDecoder().decode(SettingsChange.self, from: Data(#"{"fan_override": null}"#.utf8))
        #expect(decoded.fanOverride == .auto && decoded.pointOverride == nil)
        #expect(try JSONDecoder().decode(SettingsChange.self, from: Data(try APIContract.encode(change).utf8)) == change)
    }

    // MARK: replies against the OpenAPI document

    func schema(_ name: String) throws -> (properties: Set<String>, required: Set<String>) {
        let doc = try #require(JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let s = try #require(schemas[name] as? [String: Any], "no schema \(name)")
        return (Set((s["properties"] as? [String: Any] ?? [:]).keys), Set(s["required"] as? [String] ?? []))
    }

    func keys(_ value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(try APIContract.encode(value).utf8)) as? [String: Any]
        return Set(try #require(object).keys)
    }

    @Test func repliesCarryExactlyTheDocumentedKeys() throws {
        let trip = TripRecord(code: "c", reason: "r", time: 1, at: "2025-01-01T00:00:00Z")
        let status = StatusSnapshot(board: "b", boardName: "B", backend: "sim", controlTime: 1, uptime: 1, mode: "heat", target: 21,
                                    scheduled: false, room: 20, chip: 60, inlet: 19, fanRPM: 2000, fanDuty: 40, power: 100,
                                    hashing: true, operatingPoint: "mid", hashrate: 1e12, demand: 100, ceiling: 140, reasons: [],
                                    trip: trip, mining: MiningStatus(pool: "p", state: "s", sharesAccepted: 1, sharesRejected: 0, hashrate: 1),
                                    settingsRevision: 1, notes: ["a note"],
                                    economics: StatusEconomics(pricePerKWh: 0.3, miningRevenuePerKWh: 0.1, netCostPerKWhHeat: 0.2))
        let replies: [(String, any Encodable)] = [
            ("Status", status),
            ("Mining", try #require(status.mining)),
            ("Trip", trip),
            ("Settings", SettingsView(DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://h:1", user: "u")], activePool: 0))),
            ("Pool", SettingsView.Pool(url: "stratum+tcp://h:1", user: "u")),
            ("Trips", TripsView(trips: [trip], latched: trip)),
            ("TripClear", TripClearReply(cleared: true)),
            ("Error", APIErrorBody(error: "e")),
        ]
        for (name, reply) in replies {
            let documented = try schema(name)
            let sent = try keys(reply)
            #expect(sent == documented.properties, "\(name): sends \(sent.sorted()), documented \(documented.properties.sorted())")
            #expect(documented.required.isSubset(of: sent), "\(name): required \(documented.required.subtracting(sent).sorted()) not sent")
        }
    }

    @Test func settingsChangeFieldsAreTheDocumentedPatchFields() throws {
        #expect(Set(SettingsChange.Field.allCases.map(\.rawValue)) == (try schema("SettingsPatch")).properties)
        #expect(try keys(SettingsChange.PoolInput(url: "u", user: "u", password: "p")) == (try schema("PoolInput")).properties)
    }
}
