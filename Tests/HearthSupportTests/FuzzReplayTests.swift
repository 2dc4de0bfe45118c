import Foundation
import Testing

/// Every fuzz seed and every input a fuzzer once crashed on (Tests/Fuzz/Corpus/<target>/,
/// Tests/Fuzz/Regressions/<target>/) replayed through its harness in the ordinary debug
/// build, so the decoders' known inputs are checked on every `scripts/test`, not only
/// when someone runs `scripts/fuzz`. The harnesses live in the HearthFuzz executable
/// (built by `swift build --build-tests` beside this bundle); a crash there is a failed
/// exit here, with the input named in its output.
@Suite struct FuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyCorpusAndRegressionInputReplaysWithoutACrash() throws {
        let binary = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .deletingLastPathComponent().appendingPathComponent("HearthFuzz")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no HearthFuzz beside the tests: \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--replay-all", Self.root.appendingPathComponent("Tests/Fuzz").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lastLines = text.split(separator: "\n").suffix(6).joined(separator: "\n")
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit, "HearthFuzz --replay-all failed:\n\(lastLines)")
        let replayed = text.split(separator: "\n").last.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        // 16 targets with seeds, and the count only grows as regressions are kept.
        #expect(replayed >= 100, "only \(replayed) inputs replayed:\n\(lastLines)")
    }
}
