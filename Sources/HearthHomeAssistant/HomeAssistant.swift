/// Home Assistant over MQTT (issue 13). Placeholder until the bridge lands.
public enum HomeAssistant {}
