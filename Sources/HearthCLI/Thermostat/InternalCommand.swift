import ArgumentParser
import Foundation
import HearthDaemon

/// Hidden helpers for tests. `write-settings` saves revisions 1…N and prints
/// "ack N" after each save returns, so a test can `kill -9` it anywhere and
/// compare the file with the last acknowledged write.
struct InternalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "internal", shouldDisplay: false,
                                                    subcommands: [WriteSettings.self, AsicServeVirtualCommand.self])

    struct WriteSettings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-settings")
        @Option var file: String
        @Option var count = 200

        func run() throws {
            let store = SettingsStore(path: file)
            for n in 1...count {
                let s = Self.settings(revision: n)
                do { try store.save(s) } catch { throw CLIError(error.description) }
                FileHandle.standardOutput.write(Data("ack \(n)\n".utf8))
            }
        }

        /// Distinct contents per revision (a long schedule makes each write several blocks).
        static func settings(revision n: Int) -> DaemonSettings {
            DaemonSettings(mode: n % 2 == 0 ? .heat : .eco, target: 15 + Double(n % 100) / 10,
                           schedule: (0..<40).map { "mon \(String(format: "%02d", $0 % 24)):\(String(format: "%02d", n % 60)) \(10 + $0 % 20)" }.joined(separator: "; "),
                           fanOverride: Double(n % 100), revision: n)
        }
    }
}
