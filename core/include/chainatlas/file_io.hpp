// Reading whole files and writing files atomically (temporary file in the same folder, then rename).
#pragma once

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

Result<std::string> readWholeFile(const std::string& path);
// Writes `content` to `path` through a temporary file and a rename, so a failure never leaves half a file.
// Returns an empty string on success, else the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace chainatlas
