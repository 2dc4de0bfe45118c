import NIOCore

/// A line longer than the limit: the peer is broken or hostile, so the connection closes.
public struct StratumLineTooLong: Error, Sendable, Hashable, CustomStringConvertible {
    public var limit: Int
    public init(limit: Int) { self.limit = limit }
    public var description: String { "line longer than \(limit) bytes" }
}

/// Splits the byte stream at `\n` (dropping a trailing `\r` and empty lines) and
/// refuses lines over `maxLineLength`, so a peer can't make us buffer without bound.
public struct StratumLineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    public static let defaultMaxLineLength = 64 * 1024

    public let maxLineLength: Int
    /// Bytes already searched for a newline, so a slowly arriving line isn't rescanned.
    private var scanned = 0

    public init(maxLineLength: Int = Self.defaultMaxLineLength) {
        self.maxLineLength = maxLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let searchStart = view.index(view.startIndex, offsetBy: scanned)
        guard let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            if view.count > maxLineLength { throw StratumLineTooLong(limit: maxLineLength) }
            return .needMoreData
        }
        scanned = 0
        let length = newline - view.startIndex
        if length > maxLineLength { throw StratumLineTooLong(limit: maxLineLength) }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: length - 1)! }
        if line.readableBytes > 0 { context.fireChannelRead(Self.wrapInboundOut(line)) }
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool)
        throws -> DecodingState
    {
        // A partial line at EOF is dropped: Stratum messages always end with a newline.
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        scanned = 0
        return .needMoreData
    }
}

/// Writes each message as one JSON line.
public struct StratumLineEncoder: MessageToByteEncoder {
    public typealias OutboundIn = StratumMessage

    public init() {}

    public func encode(data: StratumMessage, out: inout ByteBuffer) throws {
        out.writeBytes(data.encodedLine)
    }
}
