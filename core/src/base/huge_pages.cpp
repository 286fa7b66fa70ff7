#include "chainatlas/base/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace chainatlas {

namespace {

std::uintmax_t bytesAt(const std::string& path, std::uintmax_t enough) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error) return 0;
    if (fs::is_regular_file(status)) {
        std::uintmax_t size = fs::file_size(path, error);
        return error ? 0 : size;
    }
    if (!fs::is_directory(status)) return 0;
    std::uintmax_t total = 0;
    int entries = 0;
    for (fs::directory_iterator it(path, error), end; !error && it != end && entries < 1000; it.increment(error)) {
        ++entries;
        std::error_code fileError;
        if (!it->is_regular_file(fileError) || fileError) continue;
        std::uintmax_t size = it->file_size(fileError);
        if (!fileError) total += size;
        if (total >= enough) break;
    }
    return total;
}

}  // namespace

bool namesInputOf(char** argv, std::uintmax_t bytes) {
    if (!argv || !argv[0]) return false;
    for (char** arg = argv + 1; *arg; ++arg) {
        std::string text = *arg;
        if (text.empty()) continue;
        if (text.rfind("--", 0) == 0) {
            std::size_t equals = text.find('=');
            if (equals == std::string::npos) continue;
            text = text.substr(equals + 1);
        }
        if (bytesAt(text, bytes) >= bytes) return true;
    }
    return false;
}

void startWithHugePages(char** argv, std::uintmax_t inputsFrom) {
    // Sanitizer builds replace malloc: the tunable would change nothing there.
#if defined(__SANITIZE_ADDRESS__)
    static_cast<void>(argv), static_cast<void>(inputsFrom);
    return;
#else
    if (inputsFrom > 0 && !namesInputOf(argv, inputsFrom)) return;
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
