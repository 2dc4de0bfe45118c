import HearthCore
import HearthSupport
import NIOCore
import NIOPosix
import Testing

@testable import HearthCGMinerAPI

/// A backend with one read and one write, counting what reached it.
final class RecordingBackend: CGMinerAPIBackend, @unchecked Sendable {
    var asked: [String] = []
    var commands: [String: CGMinerCommandRule] { Self.cgminerCommands }
    var when: Int64 { 1_700_000_000 }

    func respond(to command: String, parameter: String?) -> CGMinerReply {
        asked.append(parameter.map { "\(command)|\($0)" } ?? command)
        switch command {
        case "version":
            return .success(code: CGMinerStatusCode.version, message: "CGMiner versions", when: when,
                            sections: [CGMinerSection(name: "VERSION", records: [[("PROD", .string("Avalon Nano3s"))]])])
        case "summary":
            return .success(code: CGMinerStatusCode.summary, message: "Summary", when: when,
                            sections: [CGMinerSection(name: "SUMMARY", records: [[("Elapsed", .integer(5))]])])
        default:
            return .status(.success, code: CGMinerStatusCode.ascsetOK, message: "ASC 0 set OK", when: when)
        }
    }
}

/// Follows object keys, taking the first element of each array on the way (`VERSION[0].PROD`).
func dig(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
    var current = value
    for key in keys {
        guard case .object(let o)? = current else { return nil }
        current = o[key]
        if case .array(let a)? = current { current = a.first }
    }
    return current
}

@Suite struct ServerRequestHandlerTests {
    let handler = CGMinerRequestHandler()

    func text(_ request: String, access: CGMinerAccess = .write, backend: RecordingBackend = RecordingBackend()) -> String {
        var b = backend
        let out = handler.handle(Array(request.utf8), backend: &b, access: access).reply
        #expect(out.last == 0, "every reply ends in \\0")
        return String(decoding: out.dropLast(), as: UTF8.self)
    }

    func json(_ request: String, access: CGMinerAccess = .write) throws -> JSONValue {
        try JSONParser.parse(Array(text(request, access: access).utf8))
    }

    @Test func plainAndJSONFormsAnswerInTheirForm() throws {
        #expect(text("version").hasPrefix("STATUS=S,When=1700000000,Code=22,Msg=CGMiner versions"))
        #expect(text("version\n").contains("PROD=Avalon Nano3s"), "a newline is forgiven on Hearth's server")
        let reply = try json(#"{"command":"version"}"#)
        #expect(dig(reply, "VERSION", "PROD") == .string("Avalon Nano3s"))
        #expect(dig(reply, "id") == .integer(1))
    }

    @Test func joinedCommandsAnswerEachOnceInOrder() throws {
        let backend = RecordingBackend()
        let out = text(#"{"command":"summary+version+summary"}"#, backend: backend)
        let reply = try JSONParser.parse(Array(out.utf8))
        #expect(dig(reply, "summary", "SUMMARY", "Elapsed") == .integer(5))
        #expect(dig(reply, "version", "VERSION", "PROD") == .string("Avalon Nano3s"))
        #expect(backend.asked == ["summary", "version"])
        #expect(text("version+summary").hasPrefix("CMD=version|STATUS=S"))
    }

    @Test func unknownCommandIsCode14() throws {
        #expect(text("nonsense").hasPrefix("STATUS=E,When=1700000000,Code=14,Msg=Invalid command"))
        let reply = try json(#"{"command":"frobnicate"}"#)
        #expect(dig(reply, "STATUS", "Code") == .integer(14))
        #expect(dig(try json(#"{"command":"#), "STATUS", "Code") == .integer(23), "invalid JSON is Code 23")
    }

    @Test func writesNeedWriteAccessAndAreNeverJoined() throws {
        let backend = RecordingBackend()
        let denied = text("ascset|0,softoff,1:0", access: .read, backend: backend)
        #expect(denied.contains("Code=45") && denied.contains("Access denied to 'ascset' command"))
        #expect(backend.asked.isEmpty, "a denied write never reaches the backend")
        #expect(text("ascset|0,softoff,1:0", access: .write, backend: backend).contains("Code=119"))
        let joined = try JSONParser.parse(Array(text(#"{"command":"version+ascset"}"#, backend: backend).utf8))
        #expect(dig(joined, "ascset", "STATUS", "Code") == .integer(45))
        #expect(backend.asked == ["ascset|0,softoff,1:0", "version"])
    }

    @Test func checkAndPrivilegedTellTheClientItsAccess() throws {
        #expect(text("check|ascset", access: .read).contains("Exists=Y,Access=N"))
        #expect(text("check|ascset", access: .write).contains("Exists=Y,Access=Y"))
        #expect(text("check|nosuch").contains("Exists=N,Access=N"))
        #expect(text("privileged", access: .write).contains("Code=46"))
        #expect(text("privileged", access: .read).contains("Code=45"))
    }
}

@Suite struct AllowListTests {
    @Test func cgminerSyntaxGrantsReadAndWrite() throws {
        let list = try CGMinerAllowList(parsing: "W:127.0.0.1/32, 192.168.1.0/24,W:::1")
        #expect(list.access(for: "127.0.0.1") == .write)
        #expect(list.access(for: "127.0.0.2") == .none)
        #expect(list.access(for: "192.168.1.77") == .read)
        #expect(list.access(for: "192.168.2.1") == .none)
        #expect(list.access(for: "::1") == .write)
        #expect(try CGMinerAllowList(parsing: "0/0").access(for: "10.1.2.3") == .read)
        #expect(CGMinerAllowList.loopbackOnly.access(for: "127.0.0.155") == .write)
    }

    @Test func badEntriesAreNamed() {
        #expect(throws: CGMinerAllowListError.self) { try CGMinerAllowList(parsing: "W:127.0.0.1/40") }
        do {
            _ = try CGMinerAllowList(parsing: "W:127.0.0.1,10.0.0.300")
            Issue.record("accepted a bad address")
        } catch {
            #expect(error.description.contains("'10.0.0.300'"))
        }
    }
}

/// The server on loopback (127.0.0.150–153): replies, bounds and address checks.
@Suite(.timeLimit(.minutes(1))) struct ServerSocketTests {
    /// Sends `bytes` on a fresh connection and returns everything until the server closes.
    static func ask(_ host: String, _ port: Int, _ bytes: [UInt8]) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let collect = Collect()
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { ch in ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(collect) } }
            .connect(host: host, port: port).get()
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try? await channel.writeAndFlush(buffer).get()  // a refused client may be closed before it writes
        try await channel.closeFuture.get()
        let out = try await channel.eventLoop.submit { collect.bytes }.get()
        try await group.shutdownGracefully()
        return out
    }

    final class Collect: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        var bytes: [UInt8] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            bytes += Array(unwrapInboundIn(data).readableBytesView)
        }
    }

    @Test func answersThenClosesAndRefusesOversizedRequests() async throws {
        let server = CGMinerAPIServer(backend: RecordingBackend(), allow: .loopbackOnly)
        let port = try await server.start(host: "127.0.0.150", port: 0)
        let version = try await Self.ask("127.0.0.150", port, Array(#"{"command":"version"}"#.utf8))
        #expect(version.last == 0)
        #expect(String(decoding: version, as: UTF8.self).contains("Avalon Nano3s"))
        // A JSON request that never closes its brace is read until the limit, then refused.
        let huge = try await Self.ask("127.0.0.150", port, Array(#"{"command":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 20_000))
        #expect(String(decoding: huge, as: UTF8.self).hasPrefix(#"{"STATUS":[{"STATUS":"E","When":1700000000,"Code":14"#))
        #expect(server.counters.oversized == 1 && server.counters.served == 1)
        await server.stop()
    }

    @Test func addressesOutsideTheListGetNothing() async throws {
        let server = CGMinerAPIServer(backend: RecordingBackend(), allow: try CGMinerAllowList(parsing: "W:10.0.0.1"))
        let port = try await server.start(host: "127.0.0.151", port: 0)
        let reply = try await Self.ask("127.0.0.151", port, Array("version".utf8))
        #expect(reply.isEmpty)
        #expect(server.counters.refusedAddress == 1 && server.counters.served == 0)
        await server.stop()
    }

    @Test func connectionsBeyondTheLimitAreClosedAndSilentOnesTimeOut() async throws {
        let limits = CGMinerServerLimits(maxConnections: 4, idleTimeout: .seconds(2))
        let server = CGMinerAPIServer(backend: RecordingBackend(), allow: .loopbackOnly, limits: limits)
        let port = try await server.start(host: "127.0.0.152", port: 0)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var silent: [any Channel] = []
        for _ in 0..<10 {
            silent.append(try await ClientBootstrap(group: group).connect(host: "127.0.0.152", port: port).get())
        }
        // Every silent connection is closed: over the limit at once, the others at the idle timeout.
        for channel in silent { try await channel.closeFuture.get() }
        let c = server.counters
        #expect(c.maxOpen <= 4)
        #expect(c.refusedBusy >= 6 && c.idleClosed >= 1 && c.refusedBusy + c.idleClosed == 10)
        // And the server still answers.
        let version = try await Self.ask("127.0.0.152", port, Array("version".utf8))
        #expect(version.last == 0)
        try await group.shutdownGracefully()
        await server.stop()
    }
}
