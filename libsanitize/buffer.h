/* A growable byte buffer for building output. Appends never fail loudly:
 * an allocation failure sets `failed`, later appends become no-ops, and the
 * caller checks once at the end. That keeps the hot serializer free of error
 * branches. */
#ifndef SZ_BUFFER_H
#define SZ_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct sz_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} sz_buf;

void sz_buf_init(sz_buf *buf);
/* Makes room for `extra` more bytes; false (and `failed`) when it cannot. */
bool sz_buf_reserve(sz_buf *buf, size_t extra);
void sz_buf_free(sz_buf *buf);
/* Hands the NUL-terminated contents to the caller and empties the buffer.
 * NULL when the buffer failed (it is then freed). */
char *sz_buf_take(sz_buf *buf, size_t *len);

static inline void sz_buf_append(sz_buf *buf, const char *s, size_t n)
{
    if (n == 0 || (buf->cap - buf->len < n + 1 && !sz_buf_reserve(buf, n + 1)))
        return;
    memcpy(buf->data + buf->len, s, n);
    buf->len += n;
}

static inline void sz_buf_putc(sz_buf *buf, char c)
{
    if (buf->cap - buf->len < 2 && !sz_buf_reserve(buf, 2))
        return;
    buf->data[buf->len++] = c;
}

static inline void sz_buf_puts(sz_buf *buf, const char *s)
{
    sz_buf_append(buf, s, strlen(s));
}

#endif
