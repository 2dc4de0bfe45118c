import HearthDaemon

/// The daemon's own config file (`hearth.toml`): sections, pools, room sensor specs,
/// plug and broker URLs, the cgminer API's listen/allow. A bad file is one located line.
let daemonConfigTarget = FuzzTarget(name: "daemon-config") { bytes in
    let file = "/etc/hearth/hearth.toml"
    do { _ = try DaemonConfig(parsing: String(decoding: bytes, as: UTF8.self), file: file) } catch {
        FuzzCheck.locatedLine("\(error)", origin: file, target: "daemon-config")
    }
}
