/// Portable SHA-256 compression (FIPS 180-4 §6.2.2), written for speed in plain Swift.
///
/// The 64 rounds are unrolled with the constants inline and the eight working
/// variables rotated through argument positions instead of shuffled, so the
/// optimiser keeps everything in registers; the message schedule is a 16-word
/// window updated in place. Nothing here allocates.
enum PortableSHA256 {
    @inline(__always)
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], with W[t-16] the slot being overwritten.
    @inline(__always)
    static func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
        return w16 &+ s0 &+ w7 &+ s1
    }

    /// One round: only d and h change (the caller rotates the names).
    @inline(__always)
    static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                      _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d &+= t1
        h = t1 &+ t2
    }

    /// Compresses one block given as 16 host-order words. Always inlined so callers that pass
    /// constants (padding words, zeros) get them folded into the rounds.
    @inline(__always)
    static func compress(_ state: inout SHA256State,
                         _ w0In: UInt32, _ w1: UInt32, _ w2: UInt32, _ w3: UInt32, _ w4: UInt32, _ w5: UInt32, _ w6: UInt32, _ w7: UInt32,
                         _ w8: UInt32, _ w9: UInt32, _ w10: UInt32, _ w11: UInt32, _ w12: UInt32, _ w13: UInt32, _ w14: UInt32, _ w15: UInt32) {
        var w0 = w0In
        var (w1, w2, w3, w4, w5, w6, w7) = (w1, w2, w3, w4, w5, w6, w7)
        var (w8, w9, w10, w11, w12, w13, w14, w15) = (w8, w9, w10, w11, w12, w13, w14, w15)
        var (a, b, c, d, e, f, g, h) = state.words
        round(a, b, c, &d, e, f, g, &h, 0x428a_2f98 &+ w0)
        round(h, a, b, &c, d, e, f, &g, 0x7137_4491 &+ w1)
        round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf &+ w2)
        round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5 &+ w3)
        round(e, f, g, &h, a, b, c, &d, 0x3956_c25b &+ w4)
        round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1 &+ w5)
        round(c, d, e, &f, g, h, a, &b, 0x923f_82a4 &+ w6)
        round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5 &+ w7)
        round(a, b, c, &d, e, f, g, &h, 0xd807_aa98 &+ w8)
        round(h, a, b, &c, d, e, f, &g, 0x1283_5b01 &+ w9)
        round(g, h, a, &b, c, d, e, &f, 0x2431_85be &+ w10)
        round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3 &+ w11)
        round(e, f, g, &h, a, b, c, &d, 0x72be_5d74 &+ w12)
        round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe &+ w13)
        round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7 &+ w14)
        round(b, c, d, &e, f, g, h, &a, 0xc19b_f174 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        round(h, a, b, &c, d, e, f, &g, 0xefbe_4786 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6 &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        round(b, c, d, &e, f, g, h, &a, 0x76f9_88da &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        round(a, b, c, &d, e, f, g, &h, 0x983e_5152 &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        round(h, a, b, &c, d, e, f, &g, 0xa831_c66d &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        round(g, h, a, &b, c, d, e, &f, 0xb003_27c8 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3 &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147 &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        round(c, d, e, &f, g, h, a, &b, 0x06ca_6351 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        round(b, c, d, &e, f, g, h, &a, 0x1429_2967 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        round(f, g, h, &a, b, c, d, &e, 0x5338_0d13 &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        round(e, f, g, &h, a, b, c, &d, 0x650a_7354 &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        round(d, e, f, &g, h, a, b, &c, 0x766a_0abb &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        round(b, c, d, &e, f, g, h, &a, 0x9272_2c85 &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1 &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        round(h, a, b, &c, d, e, f, &g, 0xa81a_664b &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        round(e, f, g, &h, a, b, c, &d, 0xd192_e819 &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        round(d, e, f, &g, h, a, b, &c, 0xd699_0624 &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        round(c, d, e, &f, g, h, a, &b, 0xf40e_3585 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        round(b, c, d, &e, f, g, h, &a, 0x106a_a070 &+ w15)
        w0 = schedule(w0, w1, w9, w14)
        round(a, b, c, &d, e, f, g, &h, 0x19a4_c116 &+ w0)
        w1 = schedule(w1, w2, w10, w15)
        round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08 &+ w1)
        w2 = schedule(w2, w3, w11, w0)
        round(g, h, a, &b, c, d, e, &f, 0x2748_774c &+ w2)
        w3 = schedule(w3, w4, w12, w1)
        round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5 &+ w3)
        w4 = schedule(w4, w5, w13, w2)
        round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3 &+ w4)
        w5 = schedule(w5, w6, w14, w3)
        round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a &+ w5)
        w6 = schedule(w6, w7, w15, w4)
        round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f &+ w6)
        w7 = schedule(w7, w8, w0, w5)
        round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3 &+ w7)
        w8 = schedule(w8, w9, w1, w6)
        round(a, b, c, &d, e, f, g, &h, 0x748f_82ee &+ w8)
        w9 = schedule(w9, w10, w2, w7)
        round(h, a, b, &c, d, e, f, &g, 0x78a5_636f &+ w9)
        w10 = schedule(w10, w11, w3, w8)
        round(g, h, a, &b, c, d, e, &f, 0x84c8_7814 &+ w10)
        w11 = schedule(w11, w12, w4, w9)
        round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208 &+ w11)
        w12 = schedule(w12, w13, w5, w10)
        round(e, f, g, &h, a, b, c, &d, 0x90be_fffa &+ w12)
        w13 = schedule(w13, w14, w6, w11)
        round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb &+ w13)
        w14 = schedule(w14, w15, w7, w12)
        round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7 &+ w14)
        w15 = schedule(w15, w0, w8, w13)
        round(b, c, d, &e, f, g, h, &a, 0xc671_78f2 &+ w15)
        state.words.0 &+= a
        state.words.1 &+= b
        state.words.2 &+= c
        state.words.3 &+= d
        state.words.4 &+= e
        state.words.5 &+= f
        state.words.6 &+= g
        state.words.7 &+= h
    }

    /// Compresses one 64-byte block read from `block` (big-endian words, any alignment).
    static func compress(_ state: inout SHA256State, block: UnsafeRawPointer) {
        @inline(__always) func word(_ i: Int) -> UInt32 {
            UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
        }
        compress(&state, word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7),
                 word(8), word(9), word(10), word(11), word(12), word(13), word(14), word(15))
    }
}
