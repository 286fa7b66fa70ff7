// Runs the `chainatlas` command for tests: exit status, stdout and stderr.
#pragma once

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <string>

#include "chainatlas/base/file_io.hpp"

namespace test {

struct Run {
    int status = -1;
    std::string out, err;
};

inline std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline Run run(const std::string& arguments) {
    std::string errPath = std::filesystem::temp_directory_path() /
                          ("chainatlas-cli-" + std::to_string(::getpid()) + ".err");
    std::string command = quote(CHAINATLAS_CLI_PATH) + " " + arguments + " 2>" + quote(errPath);
    Run result;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
    int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    auto err = chainatlas::readWholeFile(errPath);
    if (err) result.err = *err;
    std::filesystem::remove(errPath);
    return result;
}

}  // namespace test
