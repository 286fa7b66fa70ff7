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
    // Blocks up to 32 MB (glibc's largest threshold) come from the heap, not each from a mapping of its own:
    // a mapping rarely starts on a 2 MB boundary, so the kernel backs only its whole 2 MB pieces with huge
    // pages and faults the rest in 4 KB at a time, and a block freed is zeroed again when mapped anew. The
    // heap grows in huge pages, and reuses what was freed (docs/performance.md). The viewer sets its own
    // threshold at start (mallopt), which takes precedence.
    if (tunables.find("glibc.malloc.mmap_threshold") == std::string::npos)
        tunables += ":glibc.malloc.mmap_threshold=33554432";
    if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Not started again (no /proc, say): run as is, without the tunable in the environment of children.
    if (current) setenv("GLIBC_TUNABLES", current, 1);
    else unsetenv("GLIBC_TUNABLES");
#endif
}

}  // namespace chainatlas
