import HearthCGMinerAPI
import HearthCore

/// `hearth probe --backend avalon`: who the unit is and what Hearth can do with it,
/// from `version`, `ascset|0,help` and `estats`, one request at a time.
public struct AvalonProbeReport: Sendable, Codable, Hashable {
    public struct Check: Sendable, Codable, Hashable {
        public var item: String
        public var ok: Bool
        public var detail: String
    }
    public var device: String
    public var model: String?
    public var product: String?
    public var firmware: String?
    public var setting: String?
    public var settings: [String]
    public var options: [String]
    public var chipC: Double?
    public var inletC: Double?
    public var wallW: Double?
    public var hashrateTHs: Double?
    public var fanRPM: Double?
    /// What Hearth can and cannot do with this unit, in plain words.
    public var can: [String]
    public var cannot: [String]
    public var checks: [Check]
    public var ok: Bool { checks.allSatisfy(\.ok) }

    enum CodingKeys: String, CodingKey {
        case device, model, product, firmware, setting, settings, options, can, cannot, checks
        case chipC = "chip_c", inletC = "inlet_c", wallW = "wall_w", hashrateTHs = "hashrate_ths", fanRPM = "fan_rpm"
    }
}

public enum AvalonProbe {
    /// - Parameter plugConfigured: whether the owner gave a plug (changes what "off" means).
    public static func run(_ link: any AvalonLink, plugConfigured: Bool = false) async -> AvalonProbeReport {
        var r = AvalonProbeReport(device: link.endpointDescription, settings: [], options: [], can: [], cannot: [],
                                  checks: [])
        let version: VersionInfo
        do { version = try await link.version() } catch {
            r.checks.append(.init(item: "API", ok: false,
                                  detail: "\(error) — is the unit on, and is this host allowed through its firewall?"))
            return r
        }
        r.product = version.product
        r.firmware = version.firmware
        r.checks.append(.init(item: "API", ok: true, detail: "answers on \(link.endpointDescription)"))
        guard let model = version.model else {
            r.checks.append(.init(item: "model", ok: false,
                                  detail: AvalonDeviceError.unknownModel(device: link.endpointDescription,
                                                                         product: version.product,
                                                                         model: version.modelName).description))
            return r
        }
        let profile = model.profile
        r.model = profile.name
        r.settings = profile.settings.map { s in s.approximatePower.map { "\(s.value) \(s.name) ≈ \(formatted($0.value, decimals: 0)) W" } ?? "\(s.value) \(s.name)" }
        r.checks.append(.init(item: "model", ok: true, detail: "\(profile.name), firmware \(version.firmware ?? "unknown")"))
        var hasSoftOff = profile.hasSoftOff ?? false
        do {
            let options = try await link.supportedOptions()
            r.options = options.ordered
            hasSoftOff = options.supports("softoff") && options.supports("softon")
            r.checks.append(.init(item: "options", ok: true, detail: "\(options.ordered.count) ascset options (help)"))
        } catch {
            r.checks.append(.init(item: "options", ok: true,
                                  detail: "no help reply (\(error)); using what is known of this firmware: \(profile.optionsSource)"))
        }
        do {
            let e = try await link.estats(model: model)
            r.chipC = e.hottestChip?.value
            r.inletC = e.inletTemperature?.value
            r.wallW = e.wallPower?.value
            r.hashrateTHs = e.hashrate.map { $0.value / 1e12 }
            r.fanRPM = e.fanSpeeds.first?.value
            let value = profile.heatKnob == .workMode ? e.workMode : e.workLevel
            r.setting = value.flatMap { profile.setting($0) }.map { "\($0.value) \($0.name)" } ?? value.map { "\($0)" }
            let missing = e.missingKeys
            r.checks.append(.init(item: "readings", ok: e.hottestChip != nil,
                                  detail: missing.isEmpty ? "estats has every key Hearth reads"
                                                          : "estats lacks \(missing.joined(separator: ", "))"))
        } catch {
            r.checks.append(.init(item: "readings", ok: false, detail: "\(error)"))
        }
        r.can.append("choose the heat among \(profile.settings.map(\.name).joined(separator: ", ")) (\(profile.heatKnob.rawValue))")
        r.can.append("read chip temperature, fan, hashrate\(profile.wallPowerIndex != nil ? " and wall power" : "")")
        if hasSoftOff {
            r.can.append("switch hashing off and on (softoff/softon)")
        } else if plugConfigured {
            r.can.append("switch the unit off and on through the plug (its firmware has no soft off)")
        } else {
            r.cannot.append("switch it off: its firmware has no soft off and no plug is configured, so the lowest setting is the floor (--plug shelly://… or tasmota://… adds one)")
        }
        r.cannot.append("change chip frequency or voltage directly: the firmware chooses them for each setting, and its own protections stay in charge of the chips")
        r.cannot.append("keep others out: the stock API has no access control; put the unit on a network only the Hearth host reaches")
        return r
    }
}
