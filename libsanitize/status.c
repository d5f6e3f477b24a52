/* Version, status strings and the library's free function. */
#include <stdlib.h>

#include "alloc.h"
#include "libsanitize.h"

const char *sanitize_version(void)
{
    return SANITIZE_VERSION_STRING;
}

unsigned sanitize_version_number(void)
{
    return SANITIZE_VERSION_NUMBER;
}

const char *sanitize_status_str(sanitize_status status)
{
    switch (status) {
    case SANITIZE_OK: return "ok";
    case SANITIZE_ERR_NOMEM: return "out of memory";
    case SANITIZE_ERR_INVALID_ARGUMENT: return "invalid argument";
    case SANITIZE_ERR_POLICY_FROZEN: return "policy is frozen";
    case SANITIZE_ERR_BAD_REGEX: return "invalid regular expression";
    case SANITIZE_ERR_UNKNOWN_ELEMENT: return "unknown element name";
    case SANITIZE_ERR_UNSAFE_ELEMENT: return "element can never be allowed";
    case SANITIZE_ERR_INPUT_TOO_LARGE: return "input too large";
    case SANITIZE_ERR_DEADLINE: return "CPU time limit exceeded";
    case SANITIZE_ERR_MEMORY_BUDGET: return "memory budget exceeded";
    case SANITIZE_ERR_ROUNDTRIP: return "output does not re-parse to the sanitized tree";
    case SANITIZE_ERR_PARSER: return "input triggers a parser defect";
    case SANITIZE_ERR_CONFLICT: return "conflicting policy rule";
    case SANITIZE_ERR_BUFFER_TOO_SMALL: return "output does not fit in the buffer";
    }
    return "unknown status";
}

void sanitize_free(void *buffer)
{
    sz_free(buffer);
}
