import Foundation
import Testing
@testable import HearthDaemon

/// The guard that keeps tests off the machine's own Hearth: with
/// HEARTH_FORBID_SYSTEM_PATHS set, no default may resolve to the system service's
/// or a user's real socket or settings.
@Suite struct DaemonPathsTests {
    let guarded = [DaemonPaths.forbidMachinePathsVariable: "1", "HOME": "/home/someone"]

    @Test func rootDefaultsAreRefusedUnderTheGuard() throws {
        #expect(try DaemonPaths.resolveSocket(environment: [:], user: 0) == DaemonPaths.systemSocket)
        do {
            _ = try DaemonPaths.resolveStateFile(environment: guarded, user: 0)
            Issue.record("the system settings file resolved under the guard")
        } catch {
            #expect(error.path == DaemonPaths.systemStateFile)
            #expect(error.description.contains("HEARTH_FORBID_SYSTEM_PATHS is set"))
            #expect(error.description.contains("--state-file"))
        }
        #expect(throws: DaemonPathError.self) { try DaemonPaths.resolveSocket(environment: guarded, user: 0) }
    }

    @Test func userDefaultsAreRefusedUnderTheGuard() {
        // No XDG directories: the fallbacks are the user's real ones.
        #expect(throws: DaemonPathError.self) { try DaemonPaths.resolveSocket(environment: guarded, user: 1000) }
        #expect(throws: DaemonPathError.self) { try DaemonPaths.resolveStateFile(environment: guarded, user: 1000) }
        // A path that only looks like a machine one is not refused.
        #expect(throws: Never.self) { try DaemonPaths.refuseMachinePath("/tmp/hearth-1000x/h.sock", for: "x", environment: guarded, user: 1000) }
        #expect(throws: DaemonPathError.self) { try DaemonPaths.refuseMachinePath(DaemonPaths.systemRunDirectory + "/../" + "hearth/h.sock", for: "x", environment: guarded) }
        #expect(throws: DaemonPathError.self) { try DaemonPaths.refuseMachinePath(DaemonPaths.legacyRunDirectory + "/hearth.sock", for: "x", environment: guarded) }
    }

    @Test func pathsGivenByTheEnvironmentPass() throws {
        var env = guarded
        env["HEARTH_SOCKET"] = "/tmp/t1/h.sock"
        env["HEARTH_STATE_FILE"] = "/tmp/t1/settings.json"
        #expect(try DaemonPaths.resolveSocket(environment: env, user: 0) == "/tmp/t1/h.sock")
        #expect(try DaemonPaths.resolveStateFile(environment: env, user: 0) == "/tmp/t1/settings.json")
        let xdg = ["XDG_RUNTIME_DIR": "/tmp/t2/rt", "XDG_STATE_HOME": "/tmp/t2/state", DaemonPaths.forbidMachinePathsVariable: "1"]
        #expect(try DaemonPaths.resolveSocket(environment: xdg, user: 1000) == "/tmp/t2/rt/hearth/hearth.sock")
        #expect(try DaemonPaths.resolveStateFile(environment: xdg, user: 1000) == "/tmp/t2/state/hearth/settings.json")
    }

    @Test func withoutTheGuardNothingIsRefused() throws {
        #expect(try DaemonPaths.resolveStateFile(environment: [:], user: 0) == DaemonPaths.systemStateFile)
        #expect(try DaemonPaths.resolveStateFile(environment: [DaemonPaths.forbidMachinePathsVariable: "0"], user: 0) == DaemonPaths.systemStateFile)
    }

    @Test func theSettingsStoreRefusesBeforeTouchingTheFile() throws {
        // A fake home, so even a broken guard could only write inside it.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = "\(home)/.local/state/hearth/settings.json"
        try FileManager.default.createDirectory(atPath: "\(home)/.local/state/hearth", withIntermediateDirectories: true)
        let store = SettingsStore(path: path, environment: [DaemonPaths.forbidMachinePathsVariable: "1", "HOME": home])
        #expect(throws: SettingsStoreError.self) { try store.save(DaemonSettings()) }
        #expect(throws: SettingsStoreError.self) { try store.load() }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
