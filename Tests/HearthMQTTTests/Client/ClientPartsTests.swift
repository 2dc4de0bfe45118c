import NIOCore
import Testing

@testable import HearthMQTT

/// The client's pure parts: QoS 1 queue, packet identifiers, rate limit, drop reports.
@Suite struct ClientPartsTests {
    private func message(_ i: UInt8) -> MQTTPublish { MQTTPublish(topic: "t", payload: [i], qos: .atLeastOnce) }

    @Test func queueSendsWithinTheWindowAndResendsWithDup() {
        var queue = OutgoingQueue(capacity: 5, window: 2)
        var ids = PacketIDAllocator()
        for i: UInt8 in 1...3 { #expect(queue.enqueue(message(i)) == nil) }
        let a = queue.nextToSend { ids.allocate() }
        let b = queue.nextToSend { ids.allocate() }
        #expect(queue.nextToSend { ids.allocate() } == nil, "window of 2")
        #expect(a?.packetID == 1 && b?.packetID == 2 && a?.dup == false)
        let first = queue.acknowledge(1)
        let second = queue.acknowledge(1)
        #expect(first && !second, "a second PUBACK for the same id is ignored")
        let c = queue.nextToSend { ids.allocate() }
        #expect(c?.payload == [3])
        let again = queue.resend()
        #expect(again.map(\.payload) == [[2], [3]])
        #expect(again.allSatisfy { $0.dup })
        #expect(queue.count == 2)
    }

    @Test func fullQueueDropsTheOldestWaiting() {
        var queue = OutgoingQueue(capacity: 3, window: 1)
        var ids = PacketIDAllocator()
        for i: UInt8 in 1...3 { _ = queue.enqueue(message(i)) }
        _ = queue.nextToSend { ids.allocate() }  // 1 is in flight: it stays
        let dropped = [queue.enqueue(message(4)), queue.enqueue(message(5))]
        #expect(dropped.map { $0?.payload } == [[2], [3]])
        #expect(queue.count == 3)
        var single = OutgoingQueue(capacity: 1, window: 1)
        _ = single.enqueue(message(1))
        _ = single.nextToSend { 9 }
        let refused = single.enqueue(message(2))
        #expect(refused?.payload == [2], "all in flight: the new one is refused")
    }

    @Test func queueCompactsAfterManyMessages() {
        var queue = OutgoingQueue(capacity: 10_000, window: 10_000)
        var ids = PacketIDAllocator()
        for round in 0..<50 {
            for i in 0..<100 { _ = queue.enqueue(message(UInt8(i))) }
            while let p = queue.nextToSend(allocate: { ids.allocate() }) {
                let acknowledged = queue.acknowledge(p.packetID!)
                #expect(acknowledged)
                ids.release(p.packetID!)
            }
            #expect(queue.count == 0, "round \(round)")
        }
    }

    @Test func packetIdentifiersSkipThoseInUseAndWrap() {
        var ids = PacketIDAllocator()
        let one = ids.allocate(), two = ids.allocate()
        ids.release(1)
        let three = ids.allocate()
        #expect(one == 1 && two == 2 && three == 3)
        var full = PacketIDAllocator()
        for _ in 1...65535 { _ = full.allocate() }
        let none = full.allocate()
        full.release(400)
        let reused = full.allocate(), noneAgain = full.allocate()
        #expect(none == nil && reused == 400 && noneAgain == nil)
    }

    @Test func rateLimiterAllowsABurstThenTheRate() {
        var limiter = PublishRateLimiter(perSecond: 10, burst: 5)
        let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
        let burst = (0..<8).filter { _ in limiter.allow(now: t0) }.count
        let early = limiter.allow(now: t0 + .milliseconds(50))
        let onTime = limiter.allow(now: t0 + .milliseconds(100))
        #expect(burst == 5 && !early && onTime)
        // A long pause refills to the burst, not beyond.
        let later = t0 + .seconds(60)
        let refilled = (0..<8).filter { _ in limiter.allow(now: later) }.count
        #expect(refilled == 5)
        // Time going backwards (a clock step) gives nothing extra.
        let backwards = limiter.allow(now: t0)
        #expect(!backwards)
    }

    @Test func dropReportSpeaksOncePerInterval() {
        var report = DropReport(interval: .seconds(10))
        let t0 = NIODeadline.uptimeNanoseconds(0)
        let firstReport = report.record(now: t0)
        let quiet = (1..<1000).compactMap { report.record(now: t0 + .milliseconds(Int64($0))) }
        let summary = report.record(now: t0 + .seconds(10))
        #expect(firstReport == 1 && quiet.isEmpty && summary == 1000)
    }
}
