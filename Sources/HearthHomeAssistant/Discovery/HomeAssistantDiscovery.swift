import HearthCore
import HearthSupport

/// The discovery configs Home Assistant reads (MQTT discovery, one config topic per
/// entity): a climate entity, sensors, a binary sensor for a latched trip and a button
/// to clear it. Every entity reads the one retained state topic through a template,
/// shares the availability topic (the bridge's last will) and the device block.
public struct HomeAssistantDiscovery: Sendable {
    public let topics: HomeAssistantTopics
    public let identity: HomeAssistantIdentity
    /// For the unit of the net cost sensor (`EUR/kWh`).
    public let currency: String

    public init(topics: HomeAssistantTopics, identity: HomeAssistantIdentity, currency: String = "EUR") {
        self.topics = topics
        self.identity = identity
        self.currency = currency
    }

    /// One retained config message.
    public struct Message: Sendable, Hashable {
        public var component: String
        public var objectID: String
        public var topic: String
        public var payload: JSONValue
    }

    /// A sensor read from one key of the state payload. Classes and units are the ones
    /// HA defines; where it defines none (hashrate, fan, shares) only the unit is given.
    struct SensorSpec {
        var objectID: String
        var name: String
        var key: String
        var deviceClass: String?
        var stateClass: String
        var unit: String?
        var icon: String?
        var precision: Int
    }

    var sensors: [SensorSpec] {
        [
            SensorSpec(objectID: "room_temperature", name: "Room temperature", key: "room_c", deviceClass: "temperature",
                       stateClass: "measurement", unit: "°C", icon: nil, precision: 1),
            SensorSpec(objectID: "chip_temperature", name: "Chip temperature", key: "chip_c", deviceClass: "temperature",
                       stateClass: "measurement", unit: "°C", icon: nil, precision: 1),
            SensorSpec(objectID: "power", name: "Power", key: "power_w", deviceClass: "power",
                       stateClass: "measurement", unit: "W", icon: nil, precision: 0),
            SensorSpec(objectID: "hashrate", name: "Hashrate", key: "hashrate_ths", deviceClass: nil,
                       stateClass: "measurement", unit: "TH/s", icon: "mdi:pound", precision: 2),
            SensorSpec(objectID: "fan", name: "Fan", key: "fan_pct", deviceClass: nil,
                       stateClass: "measurement", unit: "%", icon: "mdi:fan", precision: 0),
            SensorSpec(objectID: "shares_accepted", name: "Shares accepted", key: "shares_accepted", deviceClass: nil,
                       stateClass: "total_increasing", unit: nil, icon: "mdi:check-decagram", precision: 0),
            SensorSpec(objectID: "net_cost_of_heat", name: "Net cost of heat", key: "net_cost_per_kwh_heat", deviceClass: nil,
                       stateClass: "measurement", unit: "\(currency)/kWh", icon: "mdi:cash", precision: 3),
        ]
    }

    /// Every config, climate first.
    public var messages: [Message] {
        var out = [climate]
        for s in sensors { out.append(sensor(s)) }
        out.append(tripSensor)
        out.append(clearButton)
        return out
    }

    func message(_ component: String, _ objectID: String, _ fields: [(String, JSONValue)]) -> Message {
        let common: [(String, JSONValue)] = [
            ("unique_id", .string("\(identity.stem)_\(objectID)")),
            ("availability_topic", .string(topics.availability)),
            ("payload_available", .string(HomeAssistantBridge.online)),
            ("payload_not_available", .string(HomeAssistantBridge.offline)),
            ("device", device),
            ("origin", origin),
        ]
        return Message(component: component, objectID: objectID,
                       topic: topics.discovery(component: component, objectID: objectID),
                       payload: .object(fields + common))
    }

    var climate: Message {
        let range = TargetTemperature.range
        return message("climate", "thermostat", [
            ("name", .string("Thermostat")),
            ("modes", .array([.string("off"), .string("heat")])),
            ("preset_modes", .array(HomeAssistantPreset.allCases.map { .string($0.rawValue) })),
            ("mode_command_topic", .string(topics.command(.mode))),
            ("mode_state_topic", .string(topics.state)),
            ("mode_state_template", .string("{{ value_json.mode }}")),
            ("preset_mode_command_topic", .string(topics.command(.preset))),
            ("preset_mode_state_topic", .string(topics.state)),
            ("preset_mode_value_template", .string("{{ value_json.preset }}")),
            ("temperature_command_topic", .string(topics.command(.target))),
            ("temperature_state_topic", .string(topics.state)),
            ("temperature_state_template", .string("{{ value_json.target_c }}")),
            ("current_temperature_topic", .string(topics.state)),
            ("current_temperature_template", .string("{{ value_json.room_c }}")),
            ("action_topic", .string(topics.state)),
            ("action_template", .string("{{ value_json.action }}")),
            ("min_temp", .number(range.lowerBound.value)),
            ("max_temp", .number(range.upperBound.value)),
            ("temp_step", .double(0.5)),
            ("precision", .double(0.1)),
            ("temperature_unit", .string("C")),
            ("qos", .integer(1)),
            ("retain", .bool(false)),
        ])
    }

    func sensor(_ s: SensorSpec) -> Message {
        var fields: [(String, JSONValue)] = [
            ("name", .string(s.name)),
            ("state_topic", .string(topics.state)),
            ("value_template", .string("{{ value_json.\(s.key) }}")),
            ("state_class", .string(s.stateClass)),
            ("suggested_display_precision", .integer(Int64(s.precision))),
        ]
        if let c = s.deviceClass { fields.append(("device_class", .string(c))) }
        if let u = s.unit { fields.append(("unit_of_measurement", .string(u))) }
        if let i = s.icon { fields.append(("icon", .string(i))) }
        return message("sensor", s.objectID, fields)
    }

    var tripSensor: Message {
        message("binary_sensor", "trip", [
            ("name", .string("Safety trip")),
            ("device_class", .string("problem")),
            ("state_topic", .string(topics.state)),
            ("value_template", .string("{{ value_json.trip }}")),
            ("payload_on", .string("ON")),
            ("payload_off", .string("OFF")),
            ("json_attributes_topic", .string(topics.state)),
            ("json_attributes_template", .string("{{ {'reason': value_json.trip_reason} | tojson }}")),
        ])
    }

    var clearButton: Message {
        message("button", "clear_trip", [
            ("name", .string("Clear trip")),
            ("command_topic", .string(topics.command(.clearTrip))),
            ("payload_press", .string(HomeAssistantCommand.pressPayload)),
            ("icon", .string("mdi:restart-alert")),
            ("qos", .integer(1)),
            ("retain", .bool(false)),
        ])
    }

    var device: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("identifiers", .array([.string(identity.stem)])),
            ("name", .string("Hearth \(identity.boardName)")),
            ("manufacturer", .string(identity.manufacturer)),
            ("model", .string(identity.boardName)),
            ("model_id", .string(identity.boardID)),
            ("sw_version", .string(identity.softwareVersion)),
        ]
        if let url = identity.configurationURL { fields.append(("configuration_url", .string(url))) }
        return .object(fields)
    }

    var origin: JSONValue {
        .object([("name", .string("Hearth")), ("sw_version", .string(identity.softwareVersion))])
    }
}
