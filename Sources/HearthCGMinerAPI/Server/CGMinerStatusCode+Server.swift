/// The STATUS codes only a server writes: privileges and pool management, with the
/// numbers of cgminer's `api.c`.
extension CGMinerStatusCode {
    public static let missingID = 15
    public static let missingPoolID = 25
    public static let invalidPoolID = 26
    public static let switchPool = 27
    public static let privilegedOK = 46
    public static let enablePool = 47
    public static let disablePool = 48
    public static let poolAlreadyEnabled = 49
    public static let poolAlreadyDisabled = 50
    public static let invalidPoolDetails = 53
    public static let tooManyPools = 54
    public static let addPool = 55
    public static let cannotDisableLastPool = 56
    public static let cannotRemoveActivePool = 67
    public static let removePool = 68
    public static let minerConfig = 33
}
