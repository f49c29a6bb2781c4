/* The sim link's shared SRAM: one file per instance for the window [base, end), mapped shared. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nf_posix.h"

/* Creates a zero-filled file of length bytes atomically: a full-size temp file linked into place,
 * so a peer that opens it at the same moment sees no file or the finished one. */
static int create_zero_filled(const char *path, uint32_t length, char *error, size_t error_size)
{
    char temp[4096];
    snprintf(temp, sizeof(temp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(temp, O_CREAT | O_EXCL | O_WRONLY, 0644);
    if (fd < 0) {
        snprintf(error, error_size, "shared-memory file %s cannot be created: %s", path, strerror(errno));
        return -1;
    }
    int rc = ftruncate(fd, (off_t)length);
    close(fd);
    if (rc != 0) {
        snprintf(error, error_size, "shared-memory file %s cannot be sized to %u bytes: %s", path, (unsigned)length, strerror(errno));
        unlink(temp);
        return -1;
    }
    rc = link(temp, path); /* fails with EEXIST when the peer won the race: then use its file */
    int saved = errno;
    unlink(temp);
    if (rc != 0 && saved != EEXIST) {
        snprintf(error, error_size, "shared-memory file %s cannot be created: %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

int nf_mapped_file_open(struct nf_mapped_file *file, const char *path, uint32_t length, char *error, size_t error_size)
{
    file->base = NULL;
    file->fd = -1;
    file->length = length;
    if (access(path, F_OK) != 0 && create_zero_filled(path, length, error, error_size) != 0) {
        return -1;
    }
    int fd = open(path, O_RDWR);
    if (fd < 0) {
        snprintf(error, error_size, "shared-memory file %s cannot be opened for reading and writing: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != length) {
        snprintf(error, error_size,
                 "shared-memory file %s has %lld bytes, but this instance's window needs exactly %u: the file belongs to "
                 "another board or instance (start both sides from a fresh file)",
                 path, (long long)st.st_size, (unsigned)length);
        close(fd);
        return -1;
    }
    void *map = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        snprintf(error, error_size, "shared-memory file %s cannot be mapped: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    file->base = map;
    file->fd = fd;
    return 0;
}

void nf_mapped_file_close(struct nf_mapped_file *file)
{
    if (file->base != NULL) {
        munmap(file->base, file->length);
        file->base = NULL;
    }
    if (file->fd >= 0) {
        close(file->fd);
        file->fd = -1;
    }
}

void nf_mapped_file_shm(struct nf_mapped_file *file, uint32_t base_address, struct nf_shm *out)
{
    out->ops = &nf_shm_direct_ops;
    out->ctx = file->base;
    out->base = base_address;
    out->length = file->length;
    out->direct = file->base;
}
