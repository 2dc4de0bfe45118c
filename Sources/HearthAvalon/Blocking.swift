import Dispatch
import Synchronization

/// Runs an async call to completion from a plain thread. Only for the worker of
/// `BackgroundDevice`, which exists to wait on the device.
///
/// The call runs on a task executor of its own, not on Swift's cooperative pool:
/// whatever else the process does with that pool (a busy API, a test suite blocking
/// its threads) cannot hold up the device's I/O, and the worker never waits on a
/// pool it might itself be starving.
func blocking<T: Sendable, E: Error>(_ body: @escaping @Sendable () async throws(E) -> T) throws(E) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<Result<T, E>?>(nil)
    Task(executorPreference: DeviceExecutor.shared) {
        let r: Result<T, E>
        do throws(E) { r = .success(try await body()) } catch { r = .failure(error) }
        box.withLock { $0 = r }
        done.signal()
    }
    done.wait()
    return try box.withLock { $0! }.get()
}

/// A serial task executor on its own dispatch queue, for device I/O.
final class DeviceExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DeviceExecutor()
    private let queue = DispatchQueue(label: "hearth.device-io")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
