import Foundation
import Testing
@testable import HearthDaemon

@Suite struct SettingsStoreTests {
    func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func roundTripsAndReplaces() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = SettingsStore(path: "\(dir)/settings.json")
        #expect(try store.load() == .missing)
        var s = DaemonSettings(mode: .eco, target: 19.5, schedule: "mon 06:30 21", fanOverride: 40,
                               pools: [PoolSetting(url: "stratum+tcp://h:1", user: "u", password: "p")], activePool: 0, revision: 3)
        try store.save(s)
        #expect(try store.load() == .loaded(s))
        s.revision = 4
        try store.save(s)
        #expect(try store.load() == .loaded(s))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tmp") }
        #expect(leftovers.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(dir)/settings.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: ["", "{\"mode\": \"heat\", \"targ", "{\"mode\": 3}", "not json"])
    func corruptFileIsSetAsideNotReplaced(_ text: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/settings.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        guard case .corrupt(let problem, let aside) = try SettingsStore(path: path).load() else {
            Issue.record("expected corrupt"); return
        }
        #expect(!problem.isEmpty)
        #expect(aside.hasPrefix("\(path).corrupt-"))
        #expect(FileManager.default.contents(atPath: aside) == Data(text.utf8))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
