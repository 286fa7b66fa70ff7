// One error vocabulary for the whole project, in two shapes for two jobs:
// - Diagnostic / a list of them (LoadResult, sessions, settings): every located problem of an input file
//   (JSON pointer or line:column), reported all at once; the command line's exit status comes from their kind.
// - Result<T> (a value or an Error) and Status (done, or an Error): one operation that either worked or did
//   not, such as a read, a write or a lookup. An Error has a code for callers that must tell failures apart
//   and a one-line message for people; no caller ever matches the message text. Both types are
//   [[nodiscard]], and a reason can never pass as a value (docs/architecture.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
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

// What a caller may need to tell apart when an operation fails.
enum class ErrorCode {
    NotFound,    // no such file (a CSV folder's optional table is simply absent)
    NotRegular,  // a folder, named pipe, device or socket where a regular file was wanted
    TooLarge,    // a file over the read limit (file_io.hpp)
    Io,          // reading or writing failed: permissions, a full disk, a link loop, a missing folder
    Format,      // the content is not what its format asks for: weights, an SVG, an assumption's syntax
    UnknownId,   // an id the chain does not have (the message suggests the nearest one)
    Mismatch,    // a session written for another chain
    Internal,    // a library the core calls failed (Graphviz, cairo, libxlsxwriter)
};

struct Error {
    Error() = default;
    Error(ErrorCode code, std::string message, std::string where = {})
        : code(code), message(std::move(message)), where(std::move(where)) {}
    ErrorCode code = ErrorCode::Io;
    std::string message;  // one line: "no such file", "unknown region \"suzho\" (did you mean \"suzhou\"?)"
    // The place in the input the message is about, as a JSON pointer ("/hub"; "/" the whole document), when it
    // is about one place; empty otherwise. Kept apart so a caller can put it under its own pointer.
    std::string where;
    bool operator==(const Error&) const = default;
};

namespace detail {
// A type that text converts to: a value of it could be a reason passed by mistake.
template <typename T>
inline constexpr bool kTextLike = std::is_constructible_v<T, std::string> || std::is_constructible_v<T, const char*>;
}  // namespace detail

// A value or an Error; the small stand-in for std::expected (C++23). A value converts to a Result by
// itself, except where text converts to the value too (std::string, a path, JSON): those are made with
// Result<T>::success, so `return "no such file";` does not compile instead of passing as a value.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value)  // NOLINT(google-explicit-constructor): `return value;` as with std::expected
        requires(!detail::kTextLike<T>)
        : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error)  // NOLINT(google-explicit-constructor): `return error;` cannot be taken for a value
        : state_(std::in_place_index<1>, std::move(error)) {}
    static Result success(T value) { return Result(std::in_place_index<0>, std::move(value)); }
    static Result failure(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

    explicit operator bool() const { return state_.index() == 0; }
    // The value of a success; asked of a failure, they throw std::bad_variant_access (never undefined).
    T& operator*() { return std::get<0>(state_); }
    const T& operator*() const { return std::get<0>(state_); }
    T* operator->() { return &std::get<0>(state_); }
    const T* operator->() const { return &std::get<0>(state_); }
    // The error of a failure; asked of a success, it throws std::bad_variant_access.
    const Error& error() const { return std::get<1>(state_); }

private:
    template <std::size_t I, typename V>
    Result(std::in_place_index_t<I> index, V&& held) : state_(index, std::forward<V>(held)) {}
    std::variant<T, Error> state_;
};

// Done, or an Error: the Result of an operation without a value (a write, a check).
class [[nodiscard]] Status {
public:
    Status(Error error)  // NOLINT(google-explicit-constructor): `return error;`
        : error_(std::move(error)) {}
    static Status success() { return Status(); }
    static Status failure(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

    explicit operator bool() const { return !error_.has_value(); }
    // The error of a failure; asked of a success, it throws std::bad_optional_access.
    const Error& error() const { return error_.value(); }

private:
    Status() = default;
    std::optional<Error> error_;
};

}  // namespace chainatlas
