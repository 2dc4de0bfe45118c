import ArgumentParser
import HearthDaemon

/// Options every thermostat command takes.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's API socket (default: $HEARTH_SOCKET, /run/hearth/hearth.sock as root, else $XDG_RUNTIME_DIR/hearth/hearth.sock).")
    var socket: String?

    @Flag(help: "Print the daemon's JSON answer.")
    var json = false

    func client() throws -> APIClient {
        if let socket { return APIClient(socket: socket) }
        do { return APIClient(socket: try DaemonPaths.resolveSocket(forClient: true)) } catch { throw CLIError(error.description) }
    }

    /// The daemon's answer as is (`--json`), one newline at the end.
    func printRaw(_ reply: APIClient.Reply) {
        print(reply.body, terminator: reply.body.hasSuffix("\n") ? "" : "\n")
    }

    /// PATCH /v1/settings with `change`, then print the new settings (`--json`) or
    /// what `describe` makes of them.
    func patch(_ change: SettingsChange, describe: (SettingsView) -> String) throws {
        let reply = try client().call(.PATCH, "/v1/settings", sending: change)
        if json { printRaw(reply); return }
        print(describe(try reply.decode(SettingsView.self)))
    }
}
