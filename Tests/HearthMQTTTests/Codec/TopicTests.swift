import HearthMQTT
import Testing

@Suite struct TopicTests {
    // MQTT 3.1.1 §4.7.1 and §4.7.2 examples, plus the edges of empty levels.
    @Test(arguments: [
        ("sport/tennis/player1/#", "sport/tennis/player1", true),
        ("sport/tennis/player1/#", "sport/tennis/player1/ranking", true),
        ("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true),
        ("sport/#", "sport", true),
        ("#", "sport/tennis", true),
        ("sport/tennis/+", "sport/tennis/player1", true),
        ("sport/tennis/+", "sport/tennis/player1/ranking", false),
        ("sport/+", "sport", false),
        ("sport/+", "sport/", true),
        ("+/+", "/finance", true),
        ("/+", "/finance", true),
        ("+", "/finance", false),
        ("a/b", "a/b", true),
        ("a/b", "a/b/c", false),
        ("a/b/c", "a/b", false),
        ("zigbee2mqtt/+", "zigbee2mqtt/room", true),
        // Wildcards at the start don't reach $-topics; an explicit $ level does.
        ("#", "$SYS/broker/uptime", false),
        ("+/monitor/Clients", "$SYS/monitor/Clients", false),
        ("$SYS/#", "$SYS/broker/uptime", true),
        ("$SYS/monitor/+", "$SYS/monitor/Clients", true),
    ])
    func filterMatching(filter: String, topic: String, expected: Bool) throws {
        try MQTTTopic.validateFilter(filter)
        try MQTTTopic.validateName(topic)
        #expect(MQTTTopic.matches(filter: filter, topic: topic) == expected)
    }

    @Test(arguments: ["sport/tennis#", "sport/tennis/#/ranking", "sport+", "a/+b/c", "##", ""])
    func invalidFilters(_ filter: String) {
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateFilter(filter) }
    }

    @Test(arguments: ["#", "+", "+/tennis/#", "sport/+/player1", "/", "a//b", "$SYS/#"])
    func validFilters(_ filter: String) throws {
        try MQTTTopic.validateFilter(filter)
    }

    @Test func topicNames() throws {
        try MQTTTopic.validateName("homeassistant/climate/hearth/config")
        try MQTTTopic.validateName("/")
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateName("a/+/b") }
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateName("a/#") }
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateName("") }
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateName("a\u{0}") }
        #expect(throws: MQTTTopic.Invalid.self) { try MQTTTopic.validateName(String(repeating: "x", count: 65_536)) }
        do {
            try MQTTTopic.validateName("room/+")
        } catch {
            #expect(error.description == "invalid topic 'room/+': wildcards '+' and '#' are only allowed in subscriptions")
        }
    }
}
