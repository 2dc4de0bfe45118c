/// Turns a pool job plus this miner's extranonce into a `WorkUnit` for a hash board.
public enum WorkBuilder {
    /// coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2. Throws when extranonce2 is not the size
    /// the pool asked for (the pool would reject every share).
    public static func coinbase(job: MiningJob, extranonce: ExtranonceSettings,
                                extranonce2: [UInt8]) throws(WorkError) -> [UInt8] {
        guard extranonce2.count == extranonce.extranonce2Size else {
            throw .badLength(field: "extranonce2", expected: extranonce.extranonce2Size, actual: extranonce2.count)
        }
        return job.coinbase1 + extranonce.extranonce1 + extranonce2 + job.coinbase2
    }

    /// The header (nonce 0, the job's version) and everything a board and the engine need to
    /// check and submit its shares. `versionMask` is the negotiated BIP 310 mask (0: no rolling).
    public static func makeWork(id: UInt64, job: MiningJob, extranonce: ExtranonceSettings, extranonce2: [UInt8],
                                versionMask: UInt32, difficulty: Double) throws(WorkError) -> WorkUnit {
        guard difficulty.isFinite, difficulty > 0 else { throw .badDifficulty(difficulty) }
        let coinbase = try coinbase(job: job, extranonce: extranonce, extranonce2: extranonce2)
        let root = try MerkleTree.root(coinbase: coinbase, branch: job.merkleBranch)
        let header = try BlockHeader.make(job: job, merkleRoot: root)
        return WorkUnit(id: id, jobID: job.jobID, extranonce2: extranonce2, header: header,
                        versionMask: versionMask, shareDifficulty: difficulty, ntime: job.ntime)
    }
}
