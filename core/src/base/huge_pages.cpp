#include "chainatlas/base/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace chainatlas {

void startWithHugePages(char** argv) {
    // Sanitizer builds replace malloc: the tunable would change nothing there.
#if defined(__SANITIZE_ADDRESS__)
    static_cast<void>(argv);
    return;
#else
    const char* current = std::getenv("GLIBC_TUNABLES");
    std::string tunables = current ? current : "";
    // Set already (by us a moment ago, or by the user, who may also set it to 0 to turn this off).
    if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;
    if (!tunables.empty()) tunables += ':';
    tunables += "glibc.malloc.hugetlb=1";
    if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Not started again (no /proc, say): run as is, without the tunable in the environment of children.
    if (current) setenv("GLIBC_TUNABLES", current, 1);
    else unsetenv("GLIBC_TUNABLES");
#endif
}

}  // namespace chainatlas
