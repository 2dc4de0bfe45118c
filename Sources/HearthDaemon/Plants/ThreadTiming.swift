import Foundation
import HearthCore

/// How a driver that blocks its thread passes time: `sleep` and a monotonic `now` from when
/// it was made. Wall time for the Linux plant (`.wall`); tests hand in a manual clock so a
/// power-up wait or a bring-up never sleeps.
struct ThreadTiming: Sendable {
    var sleep: @Sendable (Seconds) -> Void
    var now: @Sendable () -> Seconds

    static var wall: ThreadTiming {
        let clock = ContinuousClock()
        let start = clock.now
        return ThreadTiming(sleep: { Thread.sleep(forTimeInterval: $0.value) },
                            now: { Seconds((clock.now - start).seconds) })
    }
}
