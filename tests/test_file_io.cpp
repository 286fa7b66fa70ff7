// Reads and atomic writes under odd files: named pipes, devices, symbolic links, litter of killed runs.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/huge_pages.hpp"

using namespace chainatlas;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test case, removed at the end.
struct Scratch {
    fs::path folder;
    Scratch() {
        folder = fs::temp_directory_path() /
                 ("chainatlas-fileio-" + std::to_string(::getpid()) + "-" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(folder);
    }
    ~Scratch() { fs::remove_all(folder); }
    std::string operator/(const std::string& name) const { return (folder / name).string(); }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), {})); }
};

}  // namespace

TEST_CASE("read: regular file, missing file, folder, FIFO (never blocks), /dev/zero, symlink loop, too large") {
    Scratch s;
    std::ofstream(s / "a.json") << "{}";
    auto ok = readWholeFile(s / "a.json");
    REQUIRE(ok);
    CHECK(*ok == "{}");
    CHECK(readWholeFile(s / "none.json").error() == Error{ErrorCode::NotFound, "no such file"});
    CHECK(readWholeFile(s.folder.string()).error().message.find("a folder") != std::string::npos);
    CHECK(readWholeFile(s.folder.string()).error().code == ErrorCode::NotRegular);
    REQUIRE(::mkfifo((s / "pipe").c_str(), 0600) == 0);
    // Refused from its type before any read: a blocking open would hang here until CTest's timeout.
    CHECK(readWholeFile(s / "pipe").error().message.find("named pipe") != std::string::npos);
    CHECK(readWholeFile("/dev/zero").error().message.find("character device") != std::string::npos);
    fs::create_symlink(s / "loop2", s / "loop1");
    fs::create_symlink(s / "loop1", s / "loop2");
    CHECK(readWholeFile(s / "loop1").error().message.find("symbolic link loop") != std::string::npos);
    // A sparse file one byte past the limit: refused from its size, nothing is read.
    { std::ofstream(s / "huge.json"); }
    fs::resize_file(s / "huge.json", kMaxReadBytes + 1);
    CHECK(readWholeFile(s / "huge.json").error().message.find("too large") != std::string::npos);
    CHECK(readWholeFile(s / "huge.json").error().code == ErrorCode::TooLarge);
}

TEST_CASE("write: replaces a file atomically and leaves no temporary behind") {
    Scratch s;
    CHECK(writeFileAtomically(s / "out.svg", "one"));
    CHECK(writeFileAtomically(s / "out.svg", "two"));
    CHECK(*readWholeFile(s / "out.svg") == "two");
    CHECK(s.entries() == 1);
    Status missing = writeFileAtomically(s / "missing/out.svg", "x");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(missing.error().message == "folder " + (s.folder / "missing").string() + " does not exist");
    Status folder = writeFileAtomically(s.folder.string(), "x");
    REQUIRE_FALSE(folder);
    CHECK(folder.error() == Error{ErrorCode::NotRegular, "cannot write " + s.folder.string() + ": it is a folder"});
}

TEST_CASE("write: keeps the permissions of the file it replaces") {
    Scratch s;
    std::ofstream(s / "out.csv") << "old";
    fs::permissions(s / "out.csv", fs::perms::owner_read | fs::perms::owner_write);
    CHECK(writeFileAtomically(s / "out.csv", "new"));
    CHECK(fs::status(s / "out.csv").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("write: through a symbolic link (chains too), the link stays and its target is replaced") {
    Scratch s;
    std::ofstream(s / "real.svg") << "old";
    fs::create_symlink("real.svg", s / "link.svg");  // relative to the link's folder
    fs::create_symlink(s / "link.svg", s / "link2.svg");
    CHECK(writeFileAtomically(s / "link2.svg", "new"));
    CHECK(fs::is_symlink(s / "link.svg"));
    CHECK(fs::is_symlink(s / "link2.svg"));
    CHECK(*readWholeFile(s / "real.svg") == "new");
    fs::create_symlink(s / "dangling-target.svg", s / "dangling.svg");  // a link to a file not there yet
    CHECK(writeFileAtomically(s / "dangling.svg", "made"));
    CHECK(*readWholeFile(s / "dangling-target.svg") == "made");
    fs::create_symlink(s / "l2", s / "l1");
    fs::create_symlink(s / "l1", s / "l2");
    CHECK(writeFileAtomically(s / "l1", "x").error().message.find("symbolic link loop") != std::string::npos);
}

TEST_CASE("write: /dev/null and a FIFO are written through, never replaced by a file") {
    CHECK(writeFileAtomically("/dev/null", "nothing"));
    CHECK(fs::is_character_file("/dev/null"));
    Scratch s;
    REQUIRE(::mkfifo((s / "pipe").c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(s / "pipe");
        received.assign(std::istreambuf_iterator<char>(in), {});
    });
    CHECK(writeFileAtomically(s / "pipe", "through the pipe"));
    reader.join();
    CHECK(received == "through the pipe");
    CHECK(fs::is_fifo(s / "pipe"));
}

TEST_CASE("write: temporaries left by killed runs are removed, those of running ones are not") {
    Scratch s;
    // Our naming: ".NAME.tmp-chainatlas-PID-N". PID 2147483646 is above any pid_max, so it is not running.
    std::ofstream(s / ".map.svg.tmp-chainatlas-2147483646-17") << "23 MB of a killed run";
    std::string live = ".map.svg.tmp-chainatlas-" + std::to_string(::getppid()) + "-5";
    std::ofstream(s / live) << "a run still writing";
    std::ofstream(s / ".other.svg.tmp-chainatlas-2147483646-1") << "another output's";
    CHECK(writeFileAtomically(s / "map.svg", "<svg/>"));
    CHECK_FALSE(fs::exists(s / ".map.svg.tmp-chainatlas-2147483646-17"));
    CHECK(fs::exists(s / live));
    CHECK(fs::exists(s / ".other.svg.tmp-chainatlas-2147483646-1"));
}

TEST_CASE("write a piece at a time: the pieces make the file, and a failing producer or a full disk leave nothing") {
    Scratch s;
    CHECK(writeFileAtomically(s / "out.json", [](const TextSink& sink) {
        sink("one, ");
        sink("");
        sink("two");
    }));
    CHECK(*readWholeFile(s / "out.json") == "one, two");
    // A producer that fails half way: the old file stays whole, no temporary is left, the exception goes on.
    CHECK_THROWS_AS((void)writeFileAtomically(s / "out.json",
                                              [](const TextSink& sink) {
                                                  sink("half of a new ");
                                                  throw std::runtime_error("analysis failed");
                                              }),
                    std::runtime_error);
    CHECK(*readWholeFile(s / "out.json") == "one, two");
    CHECK(s.entries() == 1);
    // /dev/full is written through (a device) and every write fails: the producer is stopped at its first piece.
    int calls = 0;
    Status full = writeFileAtomically("/dev/full", [&](const TextSink& sink) {
        for (int i = 0; i < 5; ++i) ++calls, sink(std::string(4096, 'x'));
    });
    REQUIRE_FALSE(full);
    CHECK(full.error().code == ErrorCode::Io);
    CHECK(full.error().message.find("cannot write /dev/full") == 0);
    CHECK(full.error().message.find("No space") != std::string::npos);
    CHECK(calls == 1);
}

// readFileText maps a regular file with zero bytes readable after it (the fast JSON path reads in blocks past
// the end). The sizes straddle the page: the zero tail of the file's last page suffices, falls short of the
// padding by one byte, or is empty (the file ends on a page boundary), and the empty file is read, not mapped.
TEST_CASE("readFileText: the bytes, then the padding as zeros, at every size around a page boundary") {
    Scratch s;
    constexpr std::size_t padding = 64;
    auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    for (std::size_t size :
         {std::size_t{0}, std::size_t{1}, page - padding, page - padding + 1, page - 1, page, page + 1, 3 * page}) {
        CAPTURE(size);
        std::string bytes(size, 'x');
        for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + i % 26);
        std::ofstream(s / "f.json", std::ios::binary) << bytes;
        auto text = readFileText(s / "f.json", padding);
        REQUIRE(text);
        CHECK(text->view() == bytes);
        CHECK(text->mapped() == (size > 0));
        CHECK(text->readable() >= size + padding);  // the padding lies in the text's own mapping or buffer
        const char* end = text->view().data() + size;
        CHECK(std::all_of(end, end + padding, [](char c) { return c == '\0'; }));  // readable, and zero
        FileText moved = std::move(*text);  // the mapping moves with it and is unmapped once
        CHECK(moved.view() == bytes);
    }
}

TEST_CASE("readFileText: refuses what readWholeFile refuses, with the same reasons") {
    Scratch s;
    CHECK(readFileText(s / "none.json", 64).error() == Error{ErrorCode::NotFound, "no such file"});
    CHECK(readFileText(s.folder.string(), 64).error().message.find("a folder") != std::string::npos);
    REQUIRE(::mkfifo((s / "pipe").c_str(), 0600) == 0);
    CHECK(readFileText(s / "pipe", 64).error().message.find("named pipe") != std::string::npos);
    CHECK(readFileText("/dev/zero", 64).error().message.find("character device") != std::string::npos);
    { std::ofstream(s / "huge.json"); }
    fs::resize_file(s / "huge.json", kMaxReadBytes + 1);
    CHECK(readFileText(s / "huge.json", 64).error().message.find("too large") != std::string::npos);
    CHECK(readFileText(s / "huge.json", 64).error().code == ErrorCode::TooLarge);
}

TEST_CASE("a command line names a large input: a file, an --option=value, or a folder whose files add up") {
    Scratch s;
    std::ofstream(s / "small.json") << "{}";
    std::ofstream(s / "large.json") << std::string(3000, 'x');
    fs::create_directories(s / "csv");
    std::ofstream(s / "csv/firms.csv") << std::string(1500, 'y');
    std::ofstream(s / "csv/sites.csv") << std::string(1500, 'z');
    std::string program = "chainatlas", analyze = "analyze", small = s / "small.json", large = s / "large.json",
                csv = s / "csv", option = "--chain=" + large, missing = s / "none.json", flag = "--format";
    auto names = [](const std::vector<std::string*>& words, std::uintmax_t bytes) {
        std::vector<char*> argv;
        argv.reserve(words.size() + 1);
        for (std::string* word : words) argv.push_back(word->data());
        argv.push_back(nullptr);
        return namesInputOf(argv.data(), bytes);
    };
    CHECK(names({&program, &analyze, &large}, 3000));
    CHECK_FALSE(names({&program, &analyze, &large}, 3001));  // 3,000 bytes: not 3,001
    CHECK_FALSE(names({&program, &analyze, &small, &missing, &flag}, 100));
    CHECK(names({&program, &option}, 3000));  // after the '='
    CHECK(names({&program, &csv}, 3000));     // 1,500 + 1,500
    CHECK_FALSE(names({&program, &csv}, 3001));
    CHECK_FALSE(names({&large}, 1));  // argv[0] is the program, not an input
}
