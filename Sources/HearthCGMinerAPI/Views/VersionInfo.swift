import HearthSupport

/// `version`: who the miner is. PROD and MODEL name the product; the firmware version
/// is in LVERSION on the home models (CGVERSION and BVERSION repeat it) and in
/// VERSION on A-series units.
public struct VersionInfo: Sendable, Hashable {
    public var cgminer: String?
    public var api: String?
    public var product: String?
    public var modelName: String?
    public var hardwareType: String?
    public var softwareType: String?
    public var firmware: String?
    public var dna: String?
    public var mac: String?
    /// Every field, known or not.
    public var fields: JSONObject

    public init(_ reply: CGMinerReply) throws(CGMinerCodecError) {
        let record = try reply.firstRecord("VERSION")
        fields = record.record
        cgminer = record.optionalString("CGMiner")
        api = record.optionalString("API")
        product = record.optionalString("PROD")
        modelName = record.optionalString("MODEL")
        hardwareType = record.optionalString("HWTYPE")
        softwareType = record.optionalString("SWTYPE")
        firmware = record.optionalString("LVERSION") ?? record.optionalString("CGVERSION") ?? record.optionalString("VERSION")
        dna = record.optionalString("DNA")
        mac = record.optionalString("MAC")
        guard product != nil || modelName != nil else { throw .missingField("\(record.path).PROD") }
    }

    /// The home model these fields name, if any.
    public var model: AvalonModel? { AvalonModel.identify(product: product, model: modelName) }
}
