/// Checks an asynchronous condition every 10 ms until it holds or `timeout` passes: for
/// state that only answers when asked (a broker connection coming up).
func eventually(timeout: Duration = .seconds(30), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
