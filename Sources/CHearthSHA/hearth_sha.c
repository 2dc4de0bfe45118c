#include "hearth_sha.h"

// SHA-256 compression with the x86 SHA extensions, written from Intel's documented
// semantics of SHA256RNDS2 / SHA256MSG1 / SHA256MSG2. The functions carry their own
// target attribute so the package builds without a global -msha; Swift only calls
// them after hearth_sha_ni_available() said yes.

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int hearth_sha_ni_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    // __get_cpuid_count checks the maximum leaf, so old CPUs without leaf 7 answer 0.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

static const uint32_t hearth_k[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define HEARTH_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// 64 rounds on message words m0..m3 (W0..W15, one word per 32-bit lane, lane 0 first).
// SHA256RNDS2 wants the state split as ABEF and CDGH (A in the top lane); two rounds
// turn ABEF into the next CDGH, so the two registers swap roles every call.
static inline HEARTH_SHA_TARGET void hearth_rounds(uint32_t state[8], __m128i m0, __m128i m1, __m128i m2,
                                                   __m128i m3) {
    const __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0x1B); // D C B A
    const __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // H G F E
    __m128i abef = _mm_unpackhi_epi64(efgh, abcd); // lanes F E B A
    __m128i cdgh = _mm_unpacklo_epi64(efgh, abcd); // lanes H G D C
    const __m128i abef_in = abef, cdgh_in = cdgh;
    __m128i m[4] = {m0, m1, m2, m3};
    for (int i = 0; i < 16; i++) {
        __m128i wk = _mm_add_epi32(m[i & 3], _mm_load_si128((const __m128i *)&hearth_k[4 * i]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk); // rounds 4i, 4i+1: cdgh now holds ABEF
        wk = _mm_shuffle_epi32(wk, 0x0E);               // lanes 2,3 down for the next two rounds
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);   // rounds 4i+2, 4i+3: roles swap back
        if (i < 12) {
            // W[t] for the group four ahead: MSG1 adds σ0(W[t-15]) to W[t-16], we add W[t-7]
            // (an alignr of the two middle groups), and MSG2 adds σ1(W[t-2]).
            __m128i t = _mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]);
            t = _mm_add_epi32(t, _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4));
            m[i & 3] = _mm_sha256msg2_epu32(t, m[(i + 3) & 3]);
        }
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
    _mm_storeu_si128((__m128i *)&state[0], _mm_shuffle_epi32(_mm_unpackhi_epi64(cdgh, abef), 0x1B));
    _mm_storeu_si128((__m128i *)&state[4], _mm_shuffle_epi32(_mm_unpacklo_epi64(cdgh, abef), 0x1B));
}

HEARTH_SHA_TARGET void hearth_sha256_compress_ni(uint32_t state[8], const uint8_t block[64]) {
    // Big-endian message words → host order, per 32-bit lane.
    const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    hearth_rounds(state, _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 0)), swap),
                  _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16)), swap),
                  _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 32)), swap),
                  _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 48)), swap));
}

HEARTH_SHA_TARGET void hearth_sha256_compress_words_ni(uint32_t state[8], const uint32_t words[16]) {
    hearth_rounds(state, _mm_loadu_si128((const __m128i *)(words + 0)), _mm_loadu_si128((const __m128i *)(words + 4)),
                  _mm_loadu_si128((const __m128i *)(words + 8)), _mm_loadu_si128((const __m128i *)(words + 12)));
}

#else

int hearth_sha_ni_available(void) { return 0; }
void hearth_sha256_compress_ni(uint32_t state[8], const uint8_t block[64]) { (void)state; (void)block; }
void hearth_sha256_compress_words_ni(uint32_t state[8], const uint32_t words[16]) { (void)state; (void)words; }

#endif
