import Foundation
import ArgumentParser
import HearthDaemon

/// Options every thermostat command takes.
struct ClientOptions: ParsableArguments {
    @Option(help: "The daemon's API socket (default: $HEARTH_SOCKET, /run/hearth/hearth.sock as root, else $XDG_RUNTIME_DIR/hearth/hearth.sock).")
    var socket: String?

    @Flag(help: "Print the daemon's JSON answer.")
    var json = false

    var client: APIClient { APIClient(socket: socket ?? DaemonPaths.socket(forClient: true)) }

    /// PATCH /v1/settings with one JSON object, then print the result.
    func patch(_ body: String, describe: ([String: Any]) -> String) throws {
        let reply = try client.call(.PATCH, "/v1/settings", body: body)
        if json { print(reply.body, terminator: reply.body.hasSuffix("\n") ? "" : "\n"); return }
        print(describe(reply.json ?? [:]))
    }
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
        }
    }
    return out + "\""
}
