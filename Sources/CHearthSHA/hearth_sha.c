#include "hearth_sha.h"

// Placeholder until the accelerated path lands: reports "not available".
int hearth_sha_ni_available(void) { return 0; }
void hearth_sha256_compress_ni(uint32_t state[8], const uint8_t block[64]) { (void)state; (void)block; }
