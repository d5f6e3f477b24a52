/* Version macros, the runtime version and the build agree. */
#include "check.h"

int main(void)
{
    CHECK(strcmp(sanitize_version(), SANITIZE_VERSION_STRING) == 0);
    CHECK(sanitize_version_number() == SANITIZE_VERSION_NUMBER);
    CHECK(strcmp(SANITIZE_VERSION_STRING, EXPECTED_VERSION) == 0);
    char built[32];
    snprintf(built, sizeof built, "%d.%d.%d", SANITIZE_VERSION_MAJOR, SANITIZE_VERSION_MINOR,
             SANITIZE_VERSION_PATCH);
    CHECK(strcmp(built, SANITIZE_VERSION_STRING) == 0);
    return check_summary();
}
