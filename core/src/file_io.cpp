// Whole-file reads and atomic writes.
#include "chainatlas/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace chainatlas {

Result<std::string> readWholeFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Result<std::string>::failure("no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<std::string>::failure(std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Result<std::string>::failure("read error");
    return buffer.str();
}

std::string writeFileAtomically(const std::string& path, std::string_view content) {
    namespace fs = std::filesystem;
    fs::path target(path);
    fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return "folder " + folder.string() + " does not exist";
    std::random_device random;
    std::string name = target.filename().string();
    name.insert(0, 1, '.');
    name.append(".tmp").append(std::to_string(random() % 1000000));  // appends: GCC 12 -Wrestrict false positive
    fs::path temporary = folder / name;
    {
        std::FILE* file = std::fopen(temporary.c_str(), "wb");
        if (!file) return "cannot write " + path + ": " + std::strerror(errno);
        bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
        written = std::fflush(file) == 0 && written;
        written = ::fsync(fileno(file)) == 0 && written;
        int savedErrno = errno;
        written = std::fclose(file) == 0 && written;
        if (!written) {
            fs::remove(temporary, ec);
            return "cannot write " + path + ": " + std::strerror(savedErrno);
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::string reason = std::strerror(errno);
        fs::remove(temporary, ec);
        return "cannot write " + path + ": " + reason;
    }
    return {};
}

}  // namespace chainatlas
