// chainatlas-bench-edges: the time of the edge cases the tests check only for their answers — did-you-mean
// against very long ids, thousands of misspelt references in one file, a named pipe refused without blocking.
// Each line gives the case, its time and the bound we hold it to; the exit status is 1 when a bound is passed.
// Run it on a Release build (bench/run.sh builds one); under sanitizers the times are several times longer.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/load.hpp"

using namespace chainatlas;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

bool report(const char* name, double seconds, double bound) {
    bool ok = seconds <= bound;
    std::printf("%-58s %7.3f s  (bound %.1f s)%s\n", name, seconds, bound, ok ? "" : "  TOO SLOW");
    return ok;
}

// 40 misspelt 5,000-character ids against 40 candidates: bounded edit distance gives up early.
bool longIds() {
    std::vector<std::string> ids;
    ids.reserve(40);
    for (int i = 0; i < 40; ++i) ids.push_back(std::string(4999, 'x') + static_cast<char>('a' + i % 26));
    auto start = Clock::now();
    std::size_t suggested = 0;
    for (const auto& id : ids) {
        std::string misspelt = id;
        misspelt[0] = 'y';
        suggested += nearestId(misspelt, ids).size();
    }
    return report("did-you-mean, 40 ids of 5,000 characters", secondsSince(start), 1.0) && suggested == 0;
}

// 5,000 supplies to misspelt firms among 5,000: suggestions stop after the first 20 of a file.
bool manyTypos() {
    std::string firms, supplies;
    for (int i = 0; i < 5000; ++i) {
        std::string id = std::string("firm-").append(std::to_string(10000 + i));
        if (i) firms += ',', supplies += ',';
        firms.append(R"({"id": ")").append(id).append(R"(", "sites": [{"region": "r", "segments": ["a"]}]})");
        supplies.append(R"({"from": ")").append(id).append(R"(", "to": ")").append(id).append("x\"}");
    }
    std::string text = R"({"format": "chainatlas/1", "chain": {"id": "c"}, "segments": [{"id": "a"}], "links": [],
        "regions": [{"id": "r"}], "firms": [)" +
                       firms + "], \"supplies\": [" + supplies + "]}";
    auto start = Clock::now();
    LoadResult result = loadChainText(text, "typos.json");
    return report("5,000 misspelt supply references", secondsSince(start), 2.0) && result.diagnostics.size() == 5000;
}

// A named pipe is refused from its type, never opened for a blocking read.
bool namedPipe() {
    std::string path =
        (std::filesystem::temp_directory_path() / ("chainatlas-edges-" + std::to_string(::getpid()))).string();
    if (::mkfifo(path.c_str(), 0600) != 0) return report("named pipe (could not create one)", 0, 0);
    auto start = Clock::now();
    bool refused = !readWholeFile(path);
    double seconds = secondsSince(start);
    std::filesystem::remove(path);
    return report("named pipe refused", seconds, 0.1) && refused;
}

}  // namespace

int main() {
    bool ok = longIds();
    ok = manyTypos() && ok;
    ok = namedPipe() && ok;
    return ok ? 0 : 1;
}
