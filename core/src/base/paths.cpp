// Data folders relative to the executable (see paths.hpp).
#include "chainatlas/base/paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace chainatlas {

namespace {
std::string shareDir(const char* environment, const char* leaf) {
    if (const char* overridden = std::getenv(environment); overridden && *overridden) return overridden;
    std::string exe = executableDir();
    if (exe.empty()) return leaf;  // last resort: relative to the working folder
    return (std::filesystem::path(exe) / ".." / "share" / "chainatlas" / leaf).lexically_normal().string();
}
}  // namespace

std::string executableDir() {
    std::error_code error;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string() : exe.parent_path().string();
}

std::string assetsDir() { return shareDir("CHAINATLAS_ASSETS", "assets"); }

std::string chainsDir() { return shareDir("CHAINATLAS_CHAINS", "chains"); }

}  // namespace chainatlas
