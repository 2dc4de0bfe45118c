/// Limits for one device's requests. The defaults suit a plug on the same LAN: an
/// ESP32 or ESP8266 answers a status request in 10–200 ms.
public struct HTTPClientOptions: Sendable, Hashable {
    /// No TCP connection after this: the device is off, asleep or filtered.
    public var connectTimeout: Duration
    /// From the connection up to the end of the response, including a Digest round trip's
    /// second request (each request has its own).
    public var responseTimeout: Duration
    /// A plug's replies are under 2 KiB; anything past this is not a plug talking.
    public var maxResponseBytes: Int

    public init(connectTimeout: Duration = .seconds(3), responseTimeout: Duration = .seconds(5),
                maxResponseBytes: Int = 64 * 1024)
    {
        self.connectTimeout = connectTimeout
        self.responseTimeout = responseTimeout
        self.maxResponseBytes = maxResponseBytes
    }
}
