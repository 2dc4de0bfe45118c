/// Waits until an asynchronous condition holds (checked every 10 ms), at most `timeout`:
/// for state that only answers when asked, such as the client's statistics.
func eventually(timeout: Duration = .seconds(30), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
