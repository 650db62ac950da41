/* datadir.c: locate shipped data files (see datadir.h). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/datadir.h"

#define DATADIR_DIRS 4
#define DATADIR_PATH_MAX (4 * PATH_MAX)

/* The next component of a path, "." skipped; length 0 at the end. */
static const char *datadir_next(const char *p, size_t *len)
{
	for (;;) {
		while (*p == '/')
			p++;
		*len = strcspn(p, "/");
		if (*len != 1 || p[0] != '.')
			break;
		p++;
	}
	return p;
}

static int datadir_has_dotdot(const char *p)
{
	size_t len;
	int found = 0;

	for (p = datadir_next(p, &len); len && !found; p = datadir_next(p + len, &len))
		found = len == 2 && p[0] == '.' && p[1] == '.';
	return found;
}

int ifgw_datadir_relative(struct ifgw_buf *out, const char *from, const char *to)
{
	const char *a, *b, *sep = "";
	size_t la, lb;
	int rc = IFGW_OK;

	ifgw_buf_reset(out);
	if (from[0] != '/' || to[0] != '/' || datadir_has_dotdot(from) || datadir_has_dotdot(to)) {
		rc = ifgw_error_set(IFGW_EINVAL, "no relative path from %s to %s: both must be absolute, without ..",
				    from, to);
		goto out;
	}
	a = datadir_next(from, &la);
	b = datadir_next(to, &lb);
	while (la && la == lb && memcmp(a, b, la) == 0) {
		a = datadir_next(a + la, &la);
		b = datadir_next(b + lb, &lb);
	}
	for (; la && rc == IFGW_OK; a = datadir_next(a + la, &la)) {
		rc = ifgw_buf_addstr(out, "../");
		sep = "";
	}
	for (; lb && rc == IFGW_OK; b = datadir_next(b + lb, &lb)) {
		if ((rc = ifgw_buf_addstr(out, sep)) == IFGW_OK)
			rc = ifgw_buf_add(out, b, lb);
		sep = "/";
	}
	/* "../../" leads to the common folder itself: drop the last slash */
	if (rc == IFGW_OK && out->len && out->ptr[out->len - 1] == '/')
		out->ptr[--out->len] = '\0';
out:
	return rc;
}

/* The folder of the running program, or "" where the system does not say
 * (/proc/self/exe is Linux's; elsewhere the other places remain). */
static int datadir_exe_folder(struct ifgw_buf *out)
{
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;
	int rc = IFGW_OK;

	ifgw_buf_reset(out);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		goto out;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL || slash == exe)
		goto out;
	rc = ifgw_buf_add(out, exe, (size_t)(slash - exe));
out:
	return rc;
}

/* Whether `path` (resolved) lies in the folder `dir` (resolved here). */
static int datadir_is_under(const char *path, const char *dir)
{
	char *real = realpath(dir, NULL);
	size_t len;
	int under = 0;

	if (real) {
		len = strlen(real);
		under = strncmp(path, real, len) == 0 && (path[len] == '/' || path[len] == '\0');
		free(real);
	}
	return under;
}

static int datadir_add(struct ifgw_buf *dirs, size_t *n, const char *dir)
{
	size_t i;

	if (!dir || !*dir)
		return IFGW_OK;
	for (i = 0; i < *n; i++)
		if (strcmp(dirs[i].ptr, dir) == 0)
			return IFGW_OK;
	return ifgw_buf_addstr(&dirs[(*n)++], dir);
}

/* The folders to look in, in order (datadir.h says why). */
static int datadir_folders(struct ifgw_buf *dirs, size_t *n)
{
	struct ifgw_buf exe, rel;
	struct ifgw_error kept;
	int rc;

	ifgw_buf_init(&exe, DATADIR_PATH_MAX);
	ifgw_buf_init(&rel, DATADIR_PATH_MAX);
	*n = 0;
	if ((rc = datadir_add(dirs, n, getenv("IFGW_DATADIR"))) != IFGW_OK ||
	    (rc = datadir_exe_folder(&exe)) != IFGW_OK)
		goto out;
	if (exe.len && datadir_is_under(exe.ptr, IFGW_BUILDDIR)) {
		/* a program of the build tree: the tree's data, never an older install's */
		rc = datadir_add(dirs, n, IFGW_SRCDIR);
		goto out;
	}
	if (exe.len) {
		/* installed, perhaps moved with its data since: bin/../share/ifgw */
		/* configured folders with ".." in them: this place is skipped, not an error */
		ifgw_error_save(&kept);
		rc = ifgw_datadir_relative(&rel, IFGW_BINDIR, IFGW_PKGDATADIR);
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK) {
			rc = IFGW_OK;
		} else if ((rc = ifgw_buf_addf(&exe, "%s%s", rel.len ? "/" : "", ifgw_buf_cstr(&rel))) != IFGW_OK ||
			   (rc = datadir_add(dirs, n, exe.ptr)) != IFGW_OK) {
			goto out;
		}
	}
	if ((rc = datadir_add(dirs, n, IFGW_PKGDATADIR)) != IFGW_OK)
		goto out;
	/* where the running program cannot be known, the tree it was built from, last */
	if (!exe.len)
		rc = datadir_add(dirs, n, IFGW_SRCDIR);
out:
	ifgw_buf_free(&exe);
	ifgw_buf_free(&rel);
	return rc;
}

int ifgw_datadir_find(struct ifgw_buf *out, const char *relpath)
{
	struct ifgw_buf dirs[DATADIR_DIRS], tried;
	size_t i, n = 0;
	int rc;

	for (i = 0; i < DATADIR_DIRS; i++)
		ifgw_buf_init(&dirs[i], DATADIR_PATH_MAX);
	ifgw_buf_init(&tried, DATADIR_DIRS * (DATADIR_PATH_MAX + 2));
	if ((rc = datadir_folders(dirs, &n)) != IFGW_OK)
		goto out;
	for (i = 0; i < n; i++) {
		ifgw_buf_reset(out);
		if ((rc = ifgw_buf_addf(out, "%s/%s", dirs[i].ptr, relpath)) != IFGW_OK)
			goto out;
		if (access(out->ptr, R_OK) == 0)
			goto out;
		if ((rc = ifgw_buf_addf(&tried, "%s%s", i ? ", " : "", dirs[i].ptr)) != IFGW_OK)
			goto out;
	}
	ifgw_buf_reset(out);
	rc = ifgw_error_set(IFGW_ENOTFOUND, "data file %s not found in %s (IFGW_DATADIR %s)", relpath,
			    ifgw_buf_cstr(&tried),
			    getenv("IFGW_DATADIR") ? "is looked in first" : "names a folder to look in first");
out:
	for (i = 0; i < DATADIR_DIRS; i++)
		ifgw_buf_free(&dirs[i]);
	ifgw_buf_free(&tried);
	return rc;
}
