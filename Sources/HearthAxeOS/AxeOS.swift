/// Stock Bitaxe-class boards over AxeOS (issue 14). Placeholder until the device lands.
public enum AxeOS {}
