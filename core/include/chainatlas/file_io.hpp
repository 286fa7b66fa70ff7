// Reading whole files (bounded, regular files only) and writing files atomically.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chainatlas {

// A value or a one-line reason; the small stand-in for std::expected (C++23).
template <typename T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}
    static Result failure(std::string reason) {  // NOLINT(performance-unnecessary-value-param): moved below
        Result r;
        r.reason_ = std::move(reason);
        return r;
    }
    explicit operator bool() const { return value_.has_value(); }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }
    T* operator->() { return &*value_; }
    const std::string& error() const { return reason_; }

private:
    Result() = default;
    std::optional<T> value_;
    std::string reason_;
};

// Files larger than this are refused (a chain file is megabytes; a mistaken path can be a disk image).
inline constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;

// A regular file's bytes, or "-" for standard input. Named pipes, devices and folders are refused at
// once (never blocks, never reads /dev/zero forever); a symbolic link loop is named as such.
Result<std::string> readWholeFile(const std::string& path);
// Writes `content` to `path` through a temporary file and a rename, so a failure never leaves half a
// file; the folder is synced after the rename. A symbolic link stays and its target is replaced; a device,
// named pipe or socket is written to in place. Temporaries of killed runs (".NAME.tmp-chainatlas-PID-N",
// only made where O_TMPFILE is not supported) are removed. Returns an empty string on success, else the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace chainatlas
