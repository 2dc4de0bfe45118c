/// The reply of `GET /v1/trips`: every trip since the daemon started, and the one
/// latched now (absent when none).
public struct TripsView: Sendable, Hashable, Codable {
    public var trips: [TripRecord]
    public var latched: TripRecord?

    public init(trips: [TripRecord], latched: TripRecord?) {
        self.trips = trips
        self.latched = latched
    }
}

/// The reply of `POST /v1/trips/clear`.
public struct TripClearReply: Sendable, Hashable, Codable {
    /// False when no trip was latched.
    public var cleared: Bool
    /// One line for a person.
    public var message: String

    public init(cleared: Bool) {
        self.cleared = cleared
        message = cleared ? "trip cleared; control resumes on the next tick" : "no trip is latched"
    }
}
