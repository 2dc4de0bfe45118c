import Dispatch
import Synchronization

/// Runs an async call to completion from a plain thread. Only for the workers of
/// `BackgroundDevice` (the Avalon and AxeOS devices), which exist to wait on the device;
/// never on the cooperative pool.
public func blocking<T: Sendable, E: Error>(_ body: @escaping @Sendable () async throws(E) -> T) throws(E) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<Result<T, E>?>(nil)
    Task {
        let r: Result<T, E>
        do throws(E) { r = .success(try await body()) } catch { r = .failure(error) }
        box.withLock { $0 = r }
        done.signal()
    }
    done.wait()
    return try box.withLock { $0! }.get()
}
