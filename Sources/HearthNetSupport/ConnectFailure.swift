import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a TCP connect failed, read out of what NIO threw: the clients of stock firmware and
/// of smart plugs tell an owner "refused" (nothing listens: wrong port, API off) apart from
/// "timed out" (wrong address, unit off the network). NIO reports a name that resolved to
/// several addresses as one `NIOConnectionError` holding each attempt's error.
public enum ConnectFailure: Equatable, Sendable {
    case refused
    case timedOut
    case other(String)

    public init(_ error: any Error) {
        if Self.isTimeout(error) { self = .timedOut; return }
        if Self.isRefused(error) { self = .refused; return }
        if let many = error as? NIOConnectionError {
            let inner = many.connectionErrors.map(\.error)
            if inner.contains(where: Self.isRefused) { self = .refused; return }
            if inner.contains(where: Self.isTimeout) { self = .timedOut; return }
        }
        self = .other("\(error)")
    }

    private static func isRefused(_ error: any Error) -> Bool { (error as? IOError)?.errnoCode == ECONNREFUSED }

    private static func isTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout? = error as? ChannelError { true } else { false }
    }
}
