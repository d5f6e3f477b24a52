#include "buffer.h"

#include <stdint.h>
#include "alloc.h"

void sz_buf_init(sz_buf *buf)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->failed = false;
}

bool sz_buf_reserve(sz_buf *buf, size_t extra)
{
    if (buf->failed)
        return false;
    if (buf->cap - buf->len >= extra)
        return true;
    if (extra > SIZE_MAX / 2 - buf->len) {
        buf->failed = true;
        return false;
    }
    size_t want = buf->len + extra;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < want)
        cap *= 2; /* geometric growth keeps appends amortized O(1) */
    char *data = sz_realloc(buf->data, cap);
    if (!data) {
        buf->failed = true;
        return false;
    }
    buf->data = data;
    buf->cap = cap;
    return true;
}

void sz_buf_free(sz_buf *buf)
{
    sz_free(buf->data);
    sz_buf_init(buf);
}

char *sz_buf_take(sz_buf *buf, size_t *len)
{
    *len = 0;
    if (buf->failed || !sz_buf_reserve(buf, 1)) {
        sz_buf_free(buf);
        return NULL;
    }
    buf->data[buf->len] = '\0';
    char *out = buf->data;
    *len = buf->len;
    sz_buf_init(buf);
    return out;
}
