// One error vocabulary for the whole project: a Diagnostic (a located problem with its kind) and Result<T>
// (a value or a one-line reason). Problems in input files are located by JSON pointer or line:column and
// reported all at once; the command line's exit status comes from their kind (docs/architecture.md).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chainatlas {

// A note says how the input was read (a GB18030 CSV file), with nothing wrong in it.
enum class Severity { Error, Warning, Note };

// What went wrong, which decides the exit status: invalid input data (2) — a chain, a session (also one
// written for another chain) or a weights file — or a wrong call — an unknown region, a bad option — or a
// file that cannot be read or written (1).
enum class ProblemKind { Data, Usage, Io };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;      // as the user named it
    std::string location;  // "/firms/3/sites/0/region" or "12:7"; empty when the whole file is meant
    std::string message;
    ProblemKind kind = ProblemKind::Data;
};

// "nev.json: /firms/3/sites/0/region: unknown region ..." or "nev.json:12:7: ..."
std::string formatDiagnostic(const Diagnostic& d);
bool hasErrors(const std::vector<Diagnostic>& diagnostics);

inline constexpr int kExitOk = 0, kExitFailure = 1, kExitInvalidData = 2;
// The exit status for these problems: 2 when any error is invalid data, 1 for other errors, 0 for none.
int exitStatusFor(const std::vector<Diagnostic>& diagnostics);

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

}  // namespace chainatlas
