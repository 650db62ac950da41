/* standalone_runner.c: run a fuzz target over files without libFuzzer.
 *
 *   fuzz_NAME [FILE|DIR]...
 *
 * With no arguments it runs over $top_srcdir/tests/fuzz/corpus/NAME/, so
 * that `make check` replays every corpus (xmlsec's standalone_fuzz_runner.c).
 * Passing means: no crash, no sanitizer report, no leak; the target itself
 * aborts on a broken invariant. */
#include "config.h"

#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "gateway/node/global.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_MAX_INPUT (64u << 20)

static int run_file(const char *path, unsigned *count)
{
	struct ifgw_buf b;

	ifgw_buf_init(&b, FUZZ_MAX_INPUT);
	if (ifgw_file_read(&b, path) != IFGW_OK) {
		fprintf(stderr, "fuzz runner: %s\n", ifgw_error_last());
		ifgw_buf_free(&b);
		return 1;
	}
	ifgw_error_clear();
	LLVMFuzzerTestOneInput((const uint8_t *)(b.ptr ? b.ptr : ""), b.len);
	ifgw_error_clear();
	ifgw_buf_free(&b);
	(*count)++;
	return 0;
}

static int run_path(const char *path, unsigned *count)
{
	struct stat st;
	struct dirent **names;
	char child[4096];
	int n, i, bad = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "fuzz runner: %s: not found\n", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, count);
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "fuzz runner: %s: cannot list\n", path);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(child, sizeof(child), "%s/%s", path, names[i]->d_name);
			bad |= run_path(child, count);
		}
		free(names[i]);
	}
	free(names);
	return bad;
}

int main(int argc, char **argv)
{
	char corpus[4096];
	char *self = strdup(argv[0]);
	const char *name = basename(self);
	const char *top = getenv("top_srcdir");
	unsigned count = 0;
	int bad = 0, i;

	if (strncmp(name, "fuzz_", 5) == 0)
		name += 5;
	/* as the program does: libraries and schemas ready before the first input */
	if (ifgw_global_init() != 0) {
		fprintf(stderr, "fuzz runner: start-up failed\n");
		free(self);
		return 1;
	}
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			bad |= run_path(argv[i], &count);
	} else {
		snprintf(corpus, sizeof(corpus), "%s/tests/fuzz/corpus/%s", top ? top : ".", name);
		bad = run_path(corpus, &count);
	}
	printf("%s: %u inputs run\n", name, count);
	ifgw_global_cleanup();
	free(self);
	if (count == 0) {
		fprintf(stderr, "fuzz runner: no inputs: the corpus is empty\n");
		return 1;
	}
	return bad;
}
