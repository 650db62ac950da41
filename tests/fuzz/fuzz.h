/* fuzz.h: the one function every fuzz target defines (libFuzzer's). */
#ifndef IFGW_FUZZ_H
#define IFGW_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
