// The one entry point of every fuzz target. Built by scripts/fuzz with
// `-sanitize=fuzzer,address -DHEARTH_FUZZ`: libFuzzer owns `main` and calls
// LLVMFuzzerTestOneInput; the target is chosen by HEARTH_FUZZ_TARGET so one
// binary (one sanitizer build) serves them all. In the ordinary build (no
// HEARTH_FUZZ) the same code is a replay tool: `HearthFuzz TARGET FILE…`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if HEARTH_FUZZ
private let selectedTarget: FuzzTarget = {
    guard let raw = getenv("HEARTH_FUZZ_TARGET"), let target = FuzzTarget.named(String(cString: raw)) else {
        print("HearthFuzz: set HEARTH_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: " "))")
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = (data == nil || size == 0) ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    selectedTarget.run(bytes)
    return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// libFuzzer's own driver (compiler-rt, LLVM ≥ 11).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

/// SwiftPM links an executable target's entry as `<Target>_main` and aliases `main` to it,
/// so libFuzzer's own `main` is never linked in: hand control to its driver from here.
@_cdecl("HearthFuzz_main")
public func hearthFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct HearthFuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--replay-all", arguments.count == 2 {
            exit(replayAll(root: arguments[1]))
        }
        guard let name = arguments.first, let target = FuzzTarget.named(name) else {
            print("usage: HearthFuzz TARGET FILE…  |  HearthFuzz --replay-all Tests/Fuzz")
            print("targets: \(FuzzTarget.all.map(\.name).joined(separator: " "))")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let bytes = readFile(path) else { print("\(path): unreadable"); exit(1) }
            target.run(bytes)
            print("\(path): \(bytes.count) bytes, no crash")
        }
    }

    /// Every input under ROOT/Corpus/<target>/ and ROOT/Regressions/<target>/ through its
    /// target (the unit tests' replay, FuzzReplayTests). A crash ends the process with the
    /// file named on the line before; a folder naming no target is an error too, so a
    /// renamed target cannot silently drop its inputs.
    static func replayAll(root: String) -> CInt {
        var total = 0
        for kind in ["Corpus", "Regressions"] {
            for folder in listDirectory("\(root)/\(kind)") {
                guard let target = FuzzTarget.named(folder) else {
                    print("\(root)/\(kind)/\(folder): no fuzz target of that name")
                    return 1
                }
                let files = listDirectory("\(root)/\(kind)/\(folder)")
                for file in files {
                    let path = "\(root)/\(kind)/\(folder)/\(file)"
                    guard let bytes = readFile(path) else { print("\(path): unreadable"); return 1 }
                    print("replaying \(path)")
                    fflush(nil)   // the file is named even if the harness traps next
                    target.run(bytes)
                }
                total += files.count
            }
        }
        print("replayed \(total) inputs, no crash")
        return total > 0 ? 0 : 1
    }

    /// Names in `path` (no dot files), sorted; empty when it does not exist.
    private static func listDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}
#endif
