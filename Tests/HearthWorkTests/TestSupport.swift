import HearthWork

/// Hex of a hash as explorers display it → bytes in internal order.
func internalBytes(displayHex: String) throws -> [UInt8] {
    try [UInt8](hex: displayHex).reversed()
}

/// Real mainnet blocks (fields as explorers display them).
enum Blocks {
    static let genesisID = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"

    static func genesisHeader() throws -> [UInt8] {
        try BlockHeader.make(
            version: 1, previousHash: [UInt8](repeating: 0, count: 32),
            merkleRoot: internalBytes(displayHex: "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"),
            ntime: 1_231_006_505, nbits: 0x1D00_FFFF, nonce: 2_083_236_893)
    }

    static let block125552ID = "00000000000000001e8d6829a8a21adc5d38d0a473b144b6765798e61f98bd1d"

    static func block125552Header() throws -> [UInt8] {
        try BlockHeader.make(
            version: 1,
            previousHash: internalBytes(displayHex: "00000000000008a3a41b85b8b29ad444def299fee21793cd8b9e567eab02cd81"),
            merkleRoot: internalBytes(displayHex: "2b12fcf1b09288fcaff797d71e950e71ae42b91e8bdb2304758dfcffc2b620e3"),
            ntime: 1_305_998_791, nbits: 0x1A44_B9F2, nonce: 2_504_433_986)
    }

    /// The genesis coinbase transaction (its txid is the genesis merkle root).
    static let genesisCoinbaseHex =
        "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104"
        + "455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365"
        + "636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1"
        + "a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b"
        + "6bf11d5fac00000000"
}
