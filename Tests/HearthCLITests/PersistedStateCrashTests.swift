import Foundation
import HearthSupport
import Testing
@testable import HearthDaemon

/// `kill -9` of a starting daemon at random moments, for the state it keeps besides
/// the settings (`SettingsCrashTests` covers those writes): the Home Assistant node id
/// file is absent or a whole valid id, never changes once written (Home Assistant
/// would see a new device), and the settings file, when there is one, still loads.
@Suite struct PersistedStateCrashTests {
    @Test func killNineDuringStartKeepsTheNodeIDWholeAndStable() throws {
        let dir = try TestProcess.makeSandbox("nodeid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let idFile = "\(dir)/\(HomeAssistantService.nodeIDFileName)"
        let stateFile = "\(dir)/settings.json"
        var rng = SplitMix64(state: 15)
        var first: String?
        var kills = 0
        for round in 0..<40 {
            // The broker is a closed port on this suite's address: the bridge retries, the node id is made first.
            let p = TestProcess.hearth(["run", "--board", "avalon-nano3s", "--speed", "60", "--state-file", stateFile,
                                        "--socket", "\(dir)/h.sock", "--home-assistant", "mqtt://127.0.0.212:1"], sandbox: dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Early rounds kill within the first writes; later ones after start-up too.
            usleep(UInt32(rng.next() % UInt64(round < 20 ? 60_000 : 400_000)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            kills += 1
            if let text = try? String(contentsOfFile: idFile, encoding: .utf8) {
                let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
                // What persistedNodeID makes: hearth_ and 1–8 hex digits.
                #expect(id.wholeMatch(of: /hearth_[0-9a-f]{1,8}/) != nil, "round \(round): node id '\(text)' is not whole")
                if let first { #expect(id == first, "round \(round): node id changed from \(first) to \(id)") } else { first = id }
            } else {
                #expect(first == nil, "round \(round): the node id file vanished")
            }
            if FileManager.default.fileExists(atPath: stateFile) {
                let loaded = try SettingsStore(path: stateFile).load()
                if case .corrupt(let problem, _) = loaded { Issue.record("round \(round): settings corrupt after kill: \(problem)") }
            }
        }
        #expect(kills == 40)
        #expect(first != nil, "no round lived long enough to write the node id")
    }
}
