import ArgumentParser
import Foundation
import HearthCore
import HearthBoardFiles
import HearthHAL

/// `hearth boards list|show|validate`.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards", abstract: "List, show and validate board files.",
        subcommands: [List.self, Show.self, Validate.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the boards in the board directory.")
        @Option(help: "Directory with board files.") var boardsDir: String?

        func run() throws {
            let dir = try BoardLocator(explicitDirectory: boardsDir).directory()
            let catalog = BoardCatalog(directory: dir)
            for id in catalog.ids() {
                do {
                    let b = try catalog.board(id: id).profile
                    print("\(id.padded(16)) \(b.name.padded(18)) \(b.operatingPoints.count) points, up to \(formatted(b.maximumPower.value, decimals: 0)) W")
                } catch {
                    print("\(id.padded(16)) INVALID: \(error)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a board: points, efficiency hull, limits, wiring.")
        @Argument(help: "Board id or path.") var board: String
        @Option(help: "Directory with board files.") var boardsDir: String?

        func run() throws {
            let def = try BoardLocator(explicitDirectory: boardsDir).load(board)
            let p = def.profile
            print("\(p.name) (\(def.chipCount) × \(def.chip)) — \(def.path)")
            let hull = EfficiencyHull(points: p.operatingPoints)
            let onHull = Set(hull.vertices.compactMap(\.pointIndex))
            print("operating points (* = on the efficiency hull):")
            for (i, op) in p.operatingPoints.enumerated() {
                print("  \(onHull.contains(i) ? "*" : " ") \(op.name.padded(10)) \(formatted(op.frequency.value, decimals: 0).padded(5)) MHz \(formatted(op.voltage.value, decimals: 0).padded(5)) mV \(formatted(op.power.value, decimals: 1).padded(7)) W \(formatted(op.hashrate.terahashes, decimals: 3).padded(8)) TH/s \(formatted(op.joulesPerTerahash, decimals: 2)) J/TH")
            }
            let t = p.thermal
            print("chip °C: target \(t.chipTarget.typedText), throttle \(t.chipThrottle.typedText), trip \(t.chipTrip.typedText), limit \(t.chipLimit.typedText)")
            print("fan: up to \(formatted(p.fan.maximumRPM.value, decimals: 0)) rpm, quiet cap \(formatted(p.fan.quietRPM.value, decimals: 0)) rpm, safe duty \(p.fan.safeDuty)")
            for d in def.i2cDevices {
                print("i2c: \(d.driver.rawValue) on \(d.bus) at 0x\(String(d.address, radix: 16)) → \(d.roles.map(\.rawValue).joined(separator: ", "))")
            }
            for g in def.gpios {
                print("gpio: \(g.function.rawValue) \(g.chip) line \(g.line) \(g.direction.rawValue)\(g.activeLow ? " active-low" : "")")
            }
            if let pwm = def.fanPWM { print("fan pwm: \(pwm.chip) channel \(pwm.channel), period \(pwm.periodNanoseconds) ns") }
            if let u = def.uart { print("uart: \(u.device) at \(u.baud) baud") }
            for s in def.sources { print("source: \(s)") }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check board files; exits non-zero if any is invalid.")
        @Argument(help: "Board files (default: every .toml in the board directory).") var files: [String] = []
        @Option(help: "Directory with board files.") var boardsDir: String?

        func run() throws {
            var paths = files
            if paths.isEmpty {
                let dir = try BoardLocator(explicitDirectory: boardsDir).directory()
                paths = BoardCatalog(directory: dir).ids().map { "\(dir)/\($0).toml" }
            }
            var failures = 0
            for path in paths {
                do {
                    _ = try BoardLoader.load(path: path)
                    print("✓ \(path)")
                } catch {
                    failures += 1
                    print("✗ \(error)")
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
