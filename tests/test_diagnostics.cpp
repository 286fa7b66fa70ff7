// Result<T> and Status: a failure is never a value, a reason never passes as a value, and the functions
// moved to them keep their messages (the cases of each function are in its own module's suite).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <variant>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/convert/convert.hpp"
#include "chainatlas/documents/document.hpp"
#include "chainatlas/session/session.hpp"

using namespace chainatlas;
namespace fs = std::filesystem;

// Text never converts to a Result whose value text would also make, nor to a Status: "no such file" must not
// compile as a successful read (the defect of the old Result<std::string>).
static_assert(!std::is_constructible_v<Result<std::string>, std::string>);
static_assert(!std::is_constructible_v<Result<std::string>, const char*>);
static_assert(!std::is_convertible_v<std::string, Result<std::string>>);
static_assert(!std::is_convertible_v<const char*, Result<std::string>>);
static_assert(!std::is_constructible_v<Result<fs::path>, std::string>);
static_assert(!std::is_constructible_v<Result<nlohmann::json>, const char*>);
static_assert(!std::is_constructible_v<Status, std::string>);
static_assert(!std::is_constructible_v<Status, const char*>);
static_assert(!std::is_convertible_v<std::string, Error>);
// No "{}" for success either: the old "" meant success; Status::success() says it.
static_assert(!std::is_default_constructible_v<Status>);
// A value that text cannot make converts as it did, and an Error is a failure of any Result.
static_assert(std::is_convertible_v<int, Result<int>>);
static_assert(std::is_convertible_v<Error, Result<std::string>>);
static_assert(std::is_convertible_v<Error, Status>);

namespace {

Result<double> half(const Result<int>& whole) {
    if (!whole) return whole.error();  // a failure passes on with its code
    return *whole / 2.0;
}

}  // namespace

TEST_CASE("Result: a value or an error with a code, and a failure is not a value") {
    Result<int> three = 3;
    REQUIRE(three);
    CHECK(*three == 3);
    CHECK_THROWS_AS((void)three.error(), std::bad_variant_access);

    Result<int> missing = Error{ErrorCode::NotFound, "no such file"};
    CHECK_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(missing.error().message == "no such file");
    CHECK_THROWS_AS((void)*missing, std::bad_variant_access);

    CHECK(*half(three) == 1.5);
    CHECK(half(missing).error() == Error{ErrorCode::NotFound, "no such file"});
    CHECK(Result<int>::failure(ErrorCode::Io, "read error").error() == Error{ErrorCode::Io, "read error"});
}

TEST_CASE("Result<std::string>: a text value only through success(), a reason only as an Error") {
    auto text = Result<std::string>::success("no such file");  // a file that holds these words
    REQUIRE(text);
    CHECK(*text == "no such file");
    Result<std::string> failed = Error{ErrorCode::NotFound, "no such file"};
    CHECK_FALSE(failed);
    CHECK(failed.error().message == "no such file");
}

TEST_CASE("Status: done, or an error") {
    Status done = Status::success();
    CHECK(done);
    CHECK_THROWS_AS((void)done.error(), std::bad_optional_access);
    Status failed = Status::failure(ErrorCode::Mismatch, "for another chain");
    CHECK_FALSE(failed);
    CHECK(failed.error() == Error{ErrorCode::Mismatch, "for another chain"});
    done = failed;
    CHECK_FALSE(done);
}

TEST_CASE("writers moved to Status keep their messages: a missing folder, a folder in the way") {
    fs::path scratch = fs::temp_directory_path() / ("chainatlas-diagnostics-" + std::to_string(::getpid()));
    fs::remove_all(scratch);
    fs::create_directories(scratch / "taken.xlsx");
    std::string missing = (scratch / "none").string();
    std::string gone = "folder " + missing + " does not exist";

    Status session = saveSessionFile(Session{}, missing + "/s.json");
    REQUIRE_FALSE(session);
    CHECK(session.error() == Error{ErrorCode::NotFound, gone});

    Document document;
    document.title = "t";
    document.overviewSheet = "overview";
    Status pdf = writePdf(document, missing + "/r.pdf");
    REQUIRE_FALSE(pdf);
    CHECK(pdf.error() == Error{ErrorCode::NotFound, gone});
    std::string taken = (scratch / "taken.xlsx").string();
    Status xlsx = writeXlsx(document, taken);
    REQUIRE_FALSE(xlsx);
    CHECK(xlsx.error() == Error{ErrorCode::NotRegular, "cannot write " + taken + ": it is a folder"});

    std::ofstream(scratch / "file") << "x";
    Status folderOverFile = writeTemplate((scratch / "file").string() + "/", ChainForm::Folder);
    REQUIRE_FALSE(folderOverFile);
    CHECK(folderOverFile.error().code == ErrorCode::NotRegular);
    CHECK(folderOverFile.error().message.find("it is a file, not a folder") != std::string::npos);
    fs::remove_all(scratch);
}
