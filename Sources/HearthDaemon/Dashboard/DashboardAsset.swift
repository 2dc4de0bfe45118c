/// One file of the phone dashboard, compiled into the binary (no bundle, no CDN: a
/// Pi serves it from memory). Its name carries a hash of its bytes, so a browser may
/// keep it forever and a new build is fetched at once.
struct DashboardAsset: Sendable {
    /// The URL path, e.g. `/assets/dashboard.3f9a0c1b22de.js`.
    let path: String
    let contentType: String
    let body: String
    /// Quoted, as the ETag header carries it.
    let etag: String

    init(path: String, contentType: String, body: String) {
        self.path = path
        self.contentType = contentType
        self.body = body
        etag = "\"\(Self.hash(body))\""
    }

    /// `/assets/NAME.HASH.EXT`.
    init(name: String, ext: String, contentType: String, body: String) {
        self.init(path: "/assets/\(name).\(Self.hash(body)).\(ext)", contentType: contentType, body: body)
    }

    var byteCount: Int { body.utf8.count }

    /// FNV-1a over the UTF-8 bytes, 48 bits in hex: a cache key, not a security check.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        let hex = String(h >> 16, radix: 16)
        return String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
