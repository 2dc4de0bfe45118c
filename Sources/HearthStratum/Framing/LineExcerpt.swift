import NIOCore

extension ByteBuffer {
    /// A received line as a log message may quote it: the first 120 bytes, anything
    /// that is not printable ASCII shown as `?`, and the full length when cut.
    var logExcerpt: String {
        let bytes = readableBytesView.prefix(120)
        let text = String(decoding: bytes, as: UTF8.self).map { $0.isASCII && !$0.isNewline ? $0 : "?" }
        return String(text) + (readableBytes > 120 ? "… (\(readableBytes) bytes)" : "")
    }
}
