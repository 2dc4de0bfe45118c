/// SUBSCRIBE (§3.8): topic filters with the highest QoS the client wants on each.
public struct MQTTSubscribe: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public var filter: String
        public var qos: MQTTQoS
        public init(filter: String, qos: MQTTQoS) {
            self.filter = filter
            self.qos = qos
        }
    }

    public var packetID: UInt16
    public var requests: [Request]

    public init(packetID: UInt16, requests: [Request]) {
        self.packetID = packetID
        self.requests = requests
    }

    func encodeBody() throws(MQTTCodecError) -> [UInt8] {
        var w = MQTTWireWriter(packet: "SUBSCRIBE")
        try checkPacketID(packetID, packet: "SUBSCRIBE")
        if requests.isEmpty {
            throw MQTTCodecError(packet: "SUBSCRIBE", field: "payload", offset: 2, problem: "no topic filter")
        }
        w.uint16(packetID)
        for request in requests {
            do { try MQTTTopic.validateFilter(request.filter) } catch {
                throw MQTTCodecError(packet: "SUBSCRIBE", field: "topic filter", offset: w.bytes.count, problem: error.problem)
            }
            try w.string(request.filter, field: "topic filter")
            w.uint8(request.qos.rawValue)
        }
        return w.bytes
    }

    static func decode(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> MQTTSubscribe {
        let packetID = try decodePacketID(&r)
        var requests: [Request] = []
        while !r.isAtEnd {
            let filter = try decodeFilter(&r)
            let qosAt = r.index
            let byte = try r.uint8("requested QoS")
            guard byte & 0xFC == 0, let qos = MQTTQoS(rawValue: byte) else {
                throw r.error("requested QoS", at: qosAt, "byte \(byte): reserved bits set or QoS 3")
            }
            requests.append(Request(filter: filter, qos: qos))
        }
        if requests.isEmpty { throw r.error("payload", "no topic filter (at least one is required)") }
        return MQTTSubscribe(packetID: packetID, requests: requests)
    }
}

/// SUBACK (§3.9): per filter of the SUBSCRIBE, the QoS granted or a failure (0x80).
public struct MQTTSubAck: Sendable, Hashable {
    public enum ReturnCode: Sendable, Hashable {
        case granted(MQTTQoS)
        /// 0x80: the broker refused this filter (ACL, bad filter, …).
        case failure
    }

    public var packetID: UInt16
    public var returnCodes: [ReturnCode]

    public init(packetID: UInt16, returnCodes: [ReturnCode]) {
        self.packetID = packetID
        self.returnCodes = returnCodes
    }

    func encodeBody() throws(MQTTCodecError) -> [UInt8] {
        var w = MQTTWireWriter(packet: "SUBACK")
        try checkPacketID(packetID, packet: "SUBACK")
        w.uint16(packetID)
        for code in returnCodes {
            switch code {
            case .granted(let qos): w.uint8(qos.rawValue)
            case .failure: w.uint8(0x80)
            }
        }
        return w.bytes
    }

    static func decode(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> MQTTSubAck {
        let packetID = try decodePacketID(&r)
        var codes: [ReturnCode] = []
        while !r.isAtEnd {
            let at = r.index
            switch try r.uint8("return code") {
            case 0x80: codes.append(.failure)
            case let byte:
                guard let qos = MQTTQoS(rawValue: byte) else {
                    throw r.error("return code", at: at, "\(byte), allowed are 0, 1, 2 and 0x80")
                }
                codes.append(.granted(qos))
            }
        }
        if codes.isEmpty { throw r.error("payload", "no return code (one per filter is required)") }
        return MQTTSubAck(packetID: packetID, returnCodes: codes)
    }
}

/// UNSUBSCRIBE (§3.10).
public struct MQTTUnsubscribe: Sendable, Hashable {
    public var packetID: UInt16
    public var filters: [String]

    public init(packetID: UInt16, filters: [String]) {
        self.packetID = packetID
        self.filters = filters
    }

    func encodeBody() throws(MQTTCodecError) -> [UInt8] {
        var w = MQTTWireWriter(packet: "UNSUBSCRIBE")
        try checkPacketID(packetID, packet: "UNSUBSCRIBE")
        if filters.isEmpty {
            throw MQTTCodecError(packet: "UNSUBSCRIBE", field: "payload", offset: 2, problem: "no topic filter")
        }
        w.uint16(packetID)
        for filter in filters {
            do { try MQTTTopic.validateFilter(filter) } catch {
                throw MQTTCodecError(packet: "UNSUBSCRIBE", field: "topic filter", offset: w.bytes.count,
                                     problem: error.problem)
            }
            try w.string(filter, field: "topic filter")
        }
        return w.bytes
    }

    static func decode(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> MQTTUnsubscribe {
        let packetID = try decodePacketID(&r)
        var filters: [String] = []
        while !r.isAtEnd { filters.append(try decodeFilter(&r)) }
        if filters.isEmpty { throw r.error("payload", "no topic filter (at least one is required)") }
        return MQTTUnsubscribe(packetID: packetID, filters: filters)
    }
}

func checkPacketID(_ id: UInt16, packet: String) throws(MQTTCodecError) {
    if id == 0 { throw MQTTCodecError(packet: packet, field: "packet identifier", offset: 0, problem: "must not be 0") }
}

func decodePacketID(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> UInt16 {
    let at = r.index
    let id = try r.uint16("packet identifier")
    if id == 0 { throw r.error("packet identifier", at: at, "0 is not a valid packet identifier") }
    return id
}

private func decodeFilter(_ r: inout MQTTWireReader) throws(MQTTCodecError) -> String {
    let at = r.index + 2
    let filter = try r.string("topic filter")
    do { try MQTTTopic.validateFilter(filter) } catch { throw r.error("topic filter", at: at, error.problem) }
    return filter
}
