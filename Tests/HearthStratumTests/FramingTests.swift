import HearthStratum
import NIOCore
import NIOEmbedded
import Testing

@Suite struct FramingTests {
    func channel(limit: Int = 64) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(StratumLineDecoder(maxLineLength: limit)))
        try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(StratumLineEncoder()))
        return channel
    }

    func lines(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) { out.append(String(buffer: buffer)) }
        return out
    }

    @Test func splitsLinesAcrossReads() throws {
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(string: "{\"a\":1}\n{\"b\""))
        #expect(try lines(channel) == ["{\"a\":1}"])
        try channel.writeInbound(ByteBuffer(string: ":2}\r\n\n\n{\"c\":3}\n"))
        #expect(try lines(channel) == ["{\"b\":2}", "{\"c\":3}"])
        _ = try channel.finish()
    }

    @Test func rejectsLongLinesWithOrWithoutNewline() throws {
        let channel = try channel(limit: 64)
        try channel.writeInbound(ByteBuffer(string: String(repeating: "x", count: 64) + "\n"))
        #expect(try lines(channel).first?.count == 64)
        #expect(throws: StratumLineTooLong(limit: 64)) {
            try channel.writeInbound(ByteBuffer(string: String(repeating: "y", count: 65)))
        }
        let other = try self.channel(limit: 64)
        #expect(throws: StratumLineTooLong(limit: 64)) {
            try other.writeInbound(ByteBuffer(string: String(repeating: "z", count: 80) + "\n"))
        }
    }

    @Test func encoderWritesOneLinePerMessage() throws {
        let channel = try channel()
        try channel.writeOutbound(StratumMessage.notification(method: "client.show_message", params: [.string("hi")]))
        let written = try channel.readOutbound(as: ByteBuffer.self)
        #expect(written.map { String(buffer: $0) } == "{\"id\":null,\"method\":\"client.show_message\",\"params\":[\"hi\"]}\n")
        _ = try channel.finish()
    }
}
