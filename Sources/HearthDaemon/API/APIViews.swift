/// The reply of `GET /v1/history`. (Replies the CLI reads are in Contract/.)
struct HistoryView: Encodable {
    var resolution: Double
    var samples: [HistoryRing.Sample]
    enum CodingKeys: String, CodingKey {
        case samples
        case resolution = "resolution_s"
    }
}
