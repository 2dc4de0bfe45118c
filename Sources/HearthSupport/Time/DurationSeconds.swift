extension Duration {
    /// Seconds as a Double, for reports, logs and pacing (measurements, never control inputs).
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
