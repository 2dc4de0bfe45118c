import Foundation
import HearthBoardFiles
import HearthCore
import HearthDaemon
import HearthSupport

/// The body of `PATCH /v1/settings` after the strict JSON parser: every field's type and
/// range check, then what the store would write must read back as the same settings
/// (the file that survives `kill -9`). The CLI's own encoding, `SettingsChange`, is
/// decoded from the same bytes.
let settingsPatchTarget = FuzzTarget(name: "settings-patch") { bytes in
    _ = try? JSONDecoder().decode(SettingsChange.self, from: Data(bytes))
    guard let body = try? JSONParser.parse(bytes) else { return }
    let current = DaemonSettings(pools: [PoolSetting(url: "stratum+tcp://pool.example:3333", user: "me", password: "secret")], activePool: 0)
    guard let changed = try? SettingsPatch.apply(body, to: current, board: FuzzBoard.profile) else { return }
    guard let data = try? JSONEncoder().encode(changed) else { fatalError("settings-patch: accepted settings do not encode: \(changed)") }
    guard let back = try? JSONDecoder().decode(DaemonSettings.self, from: data), back == changed else {
        fatalError("settings-patch: accepted settings do not read back: \(String(decoding: data, as: UTF8.self))")
    }
}

/// The Nano 3S's own board file (its point names and frequencies), read once from the checkout
/// this binary was built from.
enum FuzzBoard {
    static let profile: BoardProfile = {
        let path = #filePath.split(separator: "/").dropLast(4).joined(separator: "/") + "/boards/avalon-nano3s.toml"
        do { return try BoardLoader.load(path: "/" + path).profile } catch { fatalError("fuzz: cannot load \(error)") }
    }()
}
