import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import HearthDaemon
import HearthSupport
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

/// An HTTP request to the daemon's API, from the point where swift-nio's parser (llhttp)
/// hands over a request: Hummingbird's URI and router, then ours — the 405 guard built
/// from the OpenAPI document, the read-token gate, write authorization, the body limit
/// (Content-Length, then the collected body), query numbers, the strict JSON parser and
/// every handler, on a real `DaemonState` whose settings file lives in /dev/shm.
///
/// Input: `METHOD SP TARGET [SP VERSION]`, header lines, an empty line, the body. The
/// harness frames it the way llhttp would and drops what llhttp refuses (a method or
/// header name that is not an HTTP token); llhttp itself is swift-nio's (docs/fuzzing.md).
let httpRequestTarget = FuzzTarget(name: "http-request") { bytes in
    guard let request = FuzzHTTP.request(bytes) else { return }
    let responder = (bytes.last ?? 0) & 1 == 0 ? FuzzHTTP.loopback : FuzzHTTP.network
    let response = FuzzHTTP.respond(responder, request)
    let code = response.status.code
    // 500 is documented for one cause only (the settings file could not be written);
    // on tmpfs that cannot happen, so any 5xx but 503 (no tick yet, too many streams) is a bug.
    if code >= 500 && code != 503 { fatalError("http-request: \(code) for \(request.method) \(request.uri)") }
    if code == 405 && response.headers[.allow] == nil { fatalError("http-request: 405 without Allow for \(request.uri)") }
}

enum FuzzHTTP {
    /// swift-http-types' `HTTPField`, named through what Hummingbird exports.
    typealias Field = HTTPFields.Element
    static let token = "fuzz-token-0123456789abcdef"
    static let state: DaemonState = {
        // tmpfs: an accepted change is fsynced like on the heater, without a disk's cost; one
        // file per process, so a replay in the tests and a fuzzer running beside it never share one.
        let dir = "/dev/shm/hearth-fuzz"
        mkdir(dir, 0o700)
        return DaemonState(board: FuzzBoard.profile, backend: "sim", store: SettingsStore(path: dir + "/settings-\(getpid()).json"),
                           settings: DaemonSettings())
    }()
    static let metrics = DaemonMetrics()
    /// A TCP listener on loopback (reads open) and one reachable from the network (reads need the token).
    static let loopback: any HTTPResponder<BasicRequestContext> = APIService.responder(APIRoutes(state: state, metrics: metrics, token: token, requireToken: true))
    static let network: any HTTPResponder<BasicRequestContext> = APIService.responder(APIRoutes(state: state, metrics: metrics, token: token, requireToken: true,
                                                        readsNeedToken: true))
    static let channel = EmbeddedChannel()
    static let logger = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })

    static func respond(_ responder: any HTTPResponder<BasicRequestContext>, _ request: Request) -> Response {
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        Task {
            do { box.response = try await responder.respond(to: request, context: context) } catch {
                // Hummingbird turns a thrown HTTPError into its status; anything else is its 500.
                box.response = Response(status: (error as? any HTTPResponseError)?.status ?? .internalServerError)
            }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(4)) == .success else { fatalError("http-request: no response within 4 s") }
        return box.response!
    }

    /// Frames raw bytes as llhttp would hand them over; nil where llhttp refuses the head.
    static func request(_ bytes: [UInt8]) -> Request? {
        let (headBytes, body) = split(bytes)
        let lines = String(decoding: headBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let method = HTTPRequest.Method(String(parts[0])) else { return nil }
        let target = String(parts[1])
        guard !target.isEmpty, !target.contains(where: { $0.isNewline || $0 == " " || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true })
        else { return nil }
        var fields = HTTPFields()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), let name = Field.Name(String(line[..<colon])) else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            fields.append(Field(name: name, value: String(value)))
        }
        let head = HTTPRequest(method: method, scheme: nil, authority: "127.0.0.1", path: target, headerFields: fields)
        return Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
    }

    /// Head and body at the first empty line (CRLF CRLF, or LF LF).
    static func split(_ bytes: [UInt8]) -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { return (bytes[..<i], bytes[(i + 2)...]) }
            if i + 3 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D, bytes[i + 3] == 0x0A {
                return (bytes[..<i], bytes[(i + 4)...])
            }
            i += 1
        }
        return (bytes[...], [])
    }
}

private final class ResponseBox: @unchecked Sendable {
    var response: Response?
}
