import HearthAxeOS

/// AxeOS (Bitaxe firmware) HTTP bodies: /api/system/info, /api/system/asic and settings.
let axeOSTarget = FuzzTarget(name: "axeos") { bytes in
    _ = try? AxeOSSystemInfo.decode(bytes, peer: "fuzz")
    _ = try? AxeOSASICInfo.decode(bytes, peer: "fuzz")
    _ = try? AxeOSSettings.decode(bytes, peer: "fuzz")
}
