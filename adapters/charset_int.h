/* charset_int.h: what the charset tests may see of charset.c; not public. */
#ifndef IFGW_ADAPTERS_CHARSET_INT_H
#define IFGW_ADAPTERS_CHARSET_INT_H

#ifndef IFGW_CHARSET_INTERNAL
#error "charset_int.h is private to adapters/charset.c and its tests: use adapters/charset.h"
#endif

#include <stddef.h>

/* How many threads' iconv caches are alive now (made and not yet released
 * by ifgw_charset_cache_clear() or the thread-exit destructor). */
size_t ifgw_charset_live_caches(void);

/* The i-th charset written without reading back (glibc reads every
 * character of it back as itself), NULL after the last. */
const char *ifgw_charset_exact(size_t i);

#endif
