/// Hearth's own version: the one string `hearth --version`, the daemon's status, the
/// Home Assistant device record and the cgminer API's `VERSION` reply all show.
public enum HearthVersion {
    public static let current = "0.13.0"
}
