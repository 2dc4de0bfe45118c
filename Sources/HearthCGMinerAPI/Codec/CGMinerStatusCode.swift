/// The STATUS codes Hearth reads or writes, with the numbers of the stock Avalon
/// firmware's `api.c` (Canaan-Creative/Avalon_Nano3s, cgminer API 3.7).
public enum CGMinerStatusCode {
    public static let pools = 7
    public static let noPools = 8
    public static let devices = 9
    public static let summary = 11
    public static let invalidCommand = 14
    public static let version = 22
    public static let invalidJSON = 23
    public static let missingCommand = 24
    public static let config = 33
    public static let accessDenied = 45
    public static let deviceDetails = 69
    public static let stats = 70
    public static let check = 72
    public static let coin = 78
    public static let missingAscOption = 116
    public static let ascsetNotSupported = 117
    /// `ascset` did something and has something to say (`help`, `get`, `softoff` on the Q).
    public static let ascsetInfo = 118
    public static let ascsetOK = 119
    public static let ascsetFailed = 120
    public static let lcd = 125
}
