/// What a pool session asks of a pool, and the Stratum method each is sent as; a pending
/// request remembers its kind so the reply (or its timeout) is read for what was asked.
enum PoolRequestKind {
    case configure, subscribe(resuming: Bool), extranonceSubscribe, authorize, suggestDifficulty
    case submit(ShareSubmission)

    var method: String {
        switch self {
        case .configure: "mining.configure"
        case .subscribe: "mining.subscribe"
        case .extranonceSubscribe: "mining.extranonce.subscribe"
        case .authorize: "mining.authorize"
        case .suggestDifficulty: "mining.suggest_difficulty"
        case .submit: "mining.submit"
        }
    }
}
