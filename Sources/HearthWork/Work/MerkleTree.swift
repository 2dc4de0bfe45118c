/// Merkle roots the Bitcoin way: nodes are sha256d(left ‖ right) of 32-byte hashes in
/// internal byte order, and an odd level pairs its last hash with itself.
public enum MerkleTree {
    /// The root over transaction hashes (internal order: txids as displayed, reversed).
    /// Throws for an empty list or a hash that is not 32 bytes.
    public static func root(of hashes: [[UInt8]]) throws(WorkError) -> [UInt8] {
        guard !hashes.isEmpty else { throw .badLength(field: "merkle leaf list", expected: 1, actual: 0) }
        try checkLengths(hashes, field: "merkle leaf")
        var level = hashes
        while level.count > 1 {
            var next = [[UInt8]]()
            next.reserveCapacity((level.count + 1) / 2)
            for i in stride(from: 0, to: level.count, by: 2) {
                let right = i + 1 < level.count ? level[i + 1] : level[i]
                next.append(SHA256d.hash(level[i] + right))
            }
            level = next
        }
        return level[0]
    }

    /// Stratum's branch for the coinbase (leaf 0): the sibling at each level, given the other
    /// transactions' hashes in block order (what a pool puts in `merkle_branch`).
    public static func coinbaseBranch(otherHashes: [[UInt8]]) throws(WorkError) -> [[UInt8]] {
        try checkLengths(otherHashes, field: "merkle leaf")
        // Leaf 0 is unknown (the coinbase changes with the extranonce): carry a placeholder and
        // record its sibling at each level; the placeholder's own hash never matters.
        var level = [[UInt8]](repeating: [], count: 1) + otherHashes
        var branch = [[UInt8]]()
        while level.count > 1 {
            branch.append(level[1])
            var next: [[UInt8]] = [[]]
            for i in stride(from: 2, to: level.count, by: 2) {
                let right = i + 1 < level.count ? level[i + 1] : level[i]
                next.append(SHA256d.hash(level[i] + right))
            }
            level = next
        }
        return branch
    }

    /// The root from the coinbase transaction and the branch: fold sha256d(root ‖ branch_i).
    public static func root(coinbase: [UInt8], branch: [[UInt8]]) throws(WorkError) -> [UInt8] {
        try root(coinbaseHash: SHA256d.hash(coinbase), branch: branch)
    }

    /// The same fold starting from the coinbase's hash (its txid in internal order).
    public static func root(coinbaseHash: [UInt8], branch: [[UInt8]]) throws(WorkError) -> [UInt8] {
        guard coinbaseHash.count == 32 else {
            throw .badLength(field: "coinbase hash", expected: 32, actual: coinbaseHash.count)
        }
        try checkLengths(branch, field: "merkle branch entry")
        var root = coinbaseHash
        for sibling in branch { root = SHA256d.hash(root + sibling) }
        return root
    }

    private static func checkLengths(_ hashes: [[UInt8]], field: String) throws(WorkError) {
        if let bad = hashes.first(where: { $0.count != 32 }) {
            throw .badLength(field: field, expected: 32, actual: bad.count)
        }
    }
}
