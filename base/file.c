/* file.c: capped reads and atomic writes (see file.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"

int ifgw_file_read(struct ifgw_buf *out, const char *path)
{
	struct ifgw_error kept;
	char eb[IFGW_STRERROR_SIZE];
	char chunk[65536];
	int fd;
	int rc = IFGW_OK;
	ssize_t n;

	fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ifgw_error_set(IFGW_EIO, "%s: cannot open: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = ifgw_error_set(IFGW_EIO, "%s: read failed: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
			break;
		}
		if (n == 0)
			break;
		ifgw_error_save(&kept); /* the buffer's own message is replaced by one that names the file */
		rc = ifgw_buf_add(out, chunk, (size_t)n);
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK) {
			rc = ifgw_error_set(rc, "%s: larger than the %zu-byte limit", path, out->max);
			break;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int ifgw_file_write_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
	char eb[IFGW_STRERROR_SIZE];
	struct ifgw_buf tmp;
	char *dircopy = NULL;
	int fd = -1, dfd;
	int rc;

	ifgw_buf_init(&tmp, 4096);
	if ((rc = ifgw_buf_addf(&tmp, "%s.tmp.XXXXXX", path)) != IFGW_OK)
		goto out;
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot create temporary file: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot write temporary file: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot write temporary file: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	fd = -1;
	if (rename(tmp.ptr, path) != 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot replace: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	/* Make the rename itself durable. */
	dircopy = strdup(path);
	if (dircopy && (dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	rc = IFGW_OK;
out:
	if (fd >= 0)
		close(fd);
	if (rc != IFGW_OK && tmp.ptr)
		(void)unlink(tmp.ptr);
	free(dircopy);
	ifgw_buf_free(&tmp);
	return rc;
}

#define MKDIR_PATH_MAX 4096

/* One component: made, or already a directory. */
static int mkdir_one(const char *dir, unsigned mode)
{
	char eb[IFGW_STRERROR_SIZE];
	struct stat st;
	int e;

	if (mkdir(dir, (mode_t)mode) == 0)
		return IFGW_OK;
	e = errno;
	if (e == EEXIST) {
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return IFGW_OK;
		return ifgw_error_set(IFGW_EIO, "%s: cannot create directory: exists and is not a directory", dir);
	}
	return ifgw_error_set(IFGW_EIO, "%s: cannot create directory: %s", dir, ifgw_strerror(e, eb, sizeof(eb)));
}

int ifgw_file_mkdir_p(const char *dir, unsigned mode)
{
	char p[MKDIR_PATH_MAX];
	size_t len, i;
	int rc = IFGW_OK;

	IFGW_ASSERT_ARG(dir);
	len = strlen(dir);
	if (len >= sizeof(p))
		return ifgw_error_set(IFGW_EINVAL, "%.64s...: path too long", dir);
	memcpy(p, dir, len + 1);
	while (len > 1 && p[len - 1] == '/') /* "a/b/" is "a/b" */
		p[--len] = '\0';
	/* each prefix ending before a '/', then the whole path */
	for (i = 1; i <= len && rc == IFGW_OK; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		if (p[i - 1] == '/') /* "a//b" */
			continue;
		p[i] = '\0';
		rc = mkdir_one(p, mode);
		if (i < len)
			p[i] = '/';
	}
	return rc;
}

int ifgw_file_mkdir_parent(const char *path, unsigned mode)
{
	char p[MKDIR_PATH_MAX];
	size_t len;

	IFGW_ASSERT_ARG(path);
	len = strlen(path);
	if (len >= sizeof(p))
		return ifgw_error_set(IFGW_EINVAL, "%.64s...: path too long", path);
	memcpy(p, path, len + 1);
	while (len > 0 && p[len - 1] != '/')
		len--;
	while (len > 1 && p[len - 1] == '/')
		len--;
	if (len == 0 || (len == 1 && p[0] == '/')) /* "file" or "/file" */
		return IFGW_OK;
	p[len] = '\0';
	return ifgw_file_mkdir_p(p, mode);
}
