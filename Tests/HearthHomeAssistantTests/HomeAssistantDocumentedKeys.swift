/// The configuration keys Home Assistant documents for MQTT discovery (home-assistant.io,
/// integrations climate.mqtt, sensor.mqtt, binary_sensor.mqtt, button.mqtt; "MQTT
/// discovery" for the device and origin blocks), typed in from the docs, not from our code.
enum HomeAssistantDocumentedKeys {
    static let availability: Set<String> = [
        "availability", "availability_mode", "availability_template", "availability_topic",
        "payload_available", "payload_not_available",
    ]
    static let entity: Set<String> = availability.union([
        "device", "origin", "enabled_by_default", "encoding", "entity_category", "entity_picture", "icon",
        "json_attributes_template", "json_attributes_topic", "name", "object_id", "default_entity_id",
        "qos", "unique_id", "platform", "group",
    ])
    static let climate: Set<String> = entity.union([
        "action_template", "action_topic", "current_humidity_template", "current_humidity_topic",
        "current_temperature_template", "current_temperature_topic", "fan_mode_command_template",
        "fan_mode_command_topic", "fan_mode_state_template", "fan_mode_state_topic", "fan_modes", "initial",
        "max_humidity", "max_temp", "min_humidity", "min_temp", "mode_command_template", "mode_command_topic",
        "mode_state_template", "mode_state_topic", "modes", "optimistic", "payload_off", "payload_on",
        "power_command_template", "power_command_topic", "precision", "preset_mode_command_template",
        "preset_mode_command_topic", "preset_mode_state_topic", "preset_mode_value_template", "preset_modes",
        "retain", "swing_mode_command_template", "swing_mode_command_topic", "swing_mode_state_template",
        "swing_mode_state_topic", "swing_modes", "target_humidity_command_template", "target_humidity_command_topic",
        "target_humidity_state_template", "target_humidity_state_topic", "temperature_command_template",
        "temperature_command_topic", "temperature_high_command_template", "temperature_high_command_topic",
        "temperature_high_state_template", "temperature_high_state_topic", "temperature_low_command_template",
        "temperature_low_command_topic", "temperature_low_state_template", "temperature_low_state_topic",
        "temperature_state_template", "temperature_state_topic", "temperature_unit", "temp_step", "value_template",
    ])
    static let sensor: Set<String> = entity.union([
        "device_class", "expire_after", "force_update", "last_reset_value_template", "options", "state_class",
        "state_topic", "suggested_display_precision", "unit_of_measurement", "value_template",
    ])
    static let binarySensor: Set<String> = entity.union([
        "device_class", "expire_after", "force_update", "off_delay", "payload_off", "payload_on", "state_topic",
        "value_template",
    ])
    static let button: Set<String> = entity.union([
        "command_template", "command_topic", "device_class", "payload_press", "retain",
    ])
    static let device: Set<String> = [
        "configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model", "model_id",
        "name", "serial_number", "suggested_area", "sw_version", "via_device",
    ]
    static let origin: Set<String> = ["name", "sw_version", "support_url"]
    /// HA's `hvac_action` values.
    static let hvacActions: Set<String> = ["off", "heating", "cooling", "drying", "idle", "fan", "preheating", "defrosting"]
    static let stateClasses: Set<String> = ["measurement", "total", "total_increasing"]

    static func keys(for component: String) -> Set<String> {
        switch component {
        case "climate": climate
        case "sensor": sensor
        case "binary_sensor": binarySensor
        case "button": button
        default: []
        }
    }
}
