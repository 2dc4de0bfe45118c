import Foundation
import HearthCore
import HearthSupport
import NIOConcurrencyHelpers

/// Everything the API and the control loop share. The loop only ever takes the lock
/// for a copy (never across I/O), so a slow client or a settings write can't make a
/// tick late; writers of settings are serialised by a second lock held across the fsync.
public final class DaemonState: Sendable {
    public let board: BoardProfile
    public let backend: String
    public let store: SettingsStore
    public let startedAt = ContinuousClock.now
    /// Where `POST /v1/room-temperature` goes (a `push` room sensor); nil: none configured.
    public let roomPush: (@Sendable (Celsius, String?) throws -> Void)?

    private struct Inner {
        var settings: DaemonSettings
        var status: StatusSnapshot?
        var trips: [TripRecord] = []
        var history = HistoryRing()
        var pendingTripClears = 0
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        var nextSubscriber = 0
    }
    private let inner: NIOLockedValueBox<Inner>
    private let writeLock = NIOLock()
    static let maxTrips = 100
    static let maxSubscribers = 32

    public init(board: BoardProfile, backend: String, store: SettingsStore, settings: DaemonSettings,
                roomPush: (@Sendable (Celsius, String?) throws -> Void)? = nil) {
        self.roomPush = roomPush
        self.board = board
        self.backend = backend
        self.store = store
        inner = NIOLockedValueBox(Inner(settings: settings))
    }

    public var settings: DaemonSettings { inner.withLockedValue { $0.settings } }
    public var status: StatusSnapshot? { inner.withLockedValue { $0.status } }
    public var trips: [TripRecord] { inner.withLockedValue { $0.trips } }
    public func history(since: Double) -> [HistoryRing.Sample] { inner.withLockedValue { $0.history.samples(since: since) } }

    /// Validates, writes to disk, then makes the change visible: when this returns the
    /// change survives a `kill -9`.
    @discardableResult
    public func change(_ body: JSONValue) throws -> DaemonSettings {
        try writeLock.withLock { () throws -> DaemonSettings in
            let next = try SettingsPatch.apply(body, to: settings, board: board)
            try persist(next)
            return next
        }
    }

    /// A person cleared the latched trip: remembered on disk, carried out on the next tick.
    public func requestTripClear() throws -> Bool {
        try writeLock.withLock { () throws -> Bool in
            guard status?.trip != nil else { return false }
            var next = settings
            next.tripsCleared += 1
            next.revision += 1
            try persist(next)
            inner.withLockedValue { $0.pendingTripClears += 1 }
            return true
        }
    }

    private func persist(_ next: DaemonSettings) throws(APIError) {
        do { try store.save(next) } catch { throw APIError(.internalServerError, "settings not saved: \(error.description)") }
        inner.withLockedValue { $0.settings = next }
    }

    /// For the control loop: trip clears asked for since the last call.
    public func takeTripClears() -> Int {
        inner.withLockedValue { s in defer { s.pendingTripClears = 0 }; return s.pendingTripClears }
    }

    /// The loop's view after each tick; also feeds history and the event stream.
    public func publish(_ status: StatusSnapshot, event: String?) {
        let subscribers = inner.withLockedValue { s -> [AsyncStream<String>.Continuation] in
            s.status = status
            s.history.record(.init(time: status.controlTime, room: status.room, target: status.target,
                                   chip: status.chip, power: status.power, fanRPM: status.fanRPM))
            return event == nil ? [] : Array(s.subscribers.values)
        }
        if let event { for c in subscribers { c.yield(event) } }
    }

    public func recordTrip(_ trip: TripRecord) {
        inner.withLockedValue { s in
            s.trips.append(trip)
            if s.trips.count > Self.maxTrips { s.trips.removeFirst(s.trips.count - Self.maxTrips) }
        }
    }

    public func markTripsCleared() {
        inner.withLockedValue { s in for i in s.trips.indices { s.trips[i].cleared = true } }
    }

    /// A live event stream; nil when too many are open (each holds a connection).
    public func subscribe() -> (id: Int, events: AsyncStream<String>)? {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = inner.withLockedValue { s -> Int? in
            guard s.subscribers.count < Self.maxSubscribers else { return nil }
            s.nextSubscriber += 1
            s.subscribers[s.nextSubscriber] = continuation
            return s.nextSubscriber
        }
        guard let id else { return nil }
        return (id, stream)
    }

    public func unsubscribe(_ id: Int) {
        let c = inner.withLockedValue { $0.subscribers.removeValue(forKey: id) }
        c?.finish()
    }

    /// Ends every event stream, so the API can shut down without waiting on them.
    public func finishSubscribers() {
        let all = inner.withLockedValue { s -> [AsyncStream<String>.Continuation] in
            defer { s.subscribers = [:] }
            return Array(s.subscribers.values)
        }
        for c in all { c.finish() }
    }
}
