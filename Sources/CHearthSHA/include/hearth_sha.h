#ifndef HEARTH_SHA_H
#define HEARTH_SHA_H
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (and SSE4.1) and the accelerated path is usable.
int hearth_sha_ni_available(void);

/// One SHA-256 compression of a 64-byte block into state[8] with the SHA extensions.
/// Only call when hearth_sha_ni_available() returned 1.
void hearth_sha256_compress_ni(uint32_t state[8], const uint8_t block[64]);

/// The same compression for a block already loaded as 16 host-order message words
/// (saves the byte swap when the caller builds the block from words, as the nonce loop does).
/// Only call when hearth_sha_ni_available() returned 1.
void hearth_sha256_compress_words_ni(uint32_t state[8], const uint32_t words[16]);

#endif
