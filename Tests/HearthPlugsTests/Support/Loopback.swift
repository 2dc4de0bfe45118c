/// Loopback addresses of this suite (127.0.0.100–119, shared with the emulator tests'
/// part of that range): emulators bind port 0, so tests may share one; each mosquitto
/// needs port 1883 and so an address of its own.
enum Loopback {
    static let httpClient = "127.0.0.100"
    static let shelly = "127.0.0.101"
    static let tasmota = "127.0.0.102"
    static let faults = "127.0.0.103"
    static let plugSwitch = "127.0.0.104"
    static let secrets = "127.0.0.105"
    /// One per mosquitto test.
    static let brokerCommands = "127.0.0.110"
    static let brokerNoState = "127.0.0.111"
    static let brokerSilent = "127.0.0.112"
    static let brokerDown = "127.0.0.113"
    static let brokerAuth = "127.0.0.114"
}
