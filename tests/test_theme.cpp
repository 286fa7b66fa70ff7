// Theme loading: the shipped theme holds the contract's colours; bad values are reported and replaced.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

#include "chainatlas/map/theme.hpp"

using namespace chainatlas;

TEST_CASE("the shipped theme has the agreed status colours (assets/theme.json)") {
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(defaultThemePath(), problems);
    CHECK(problems.empty());
    CHECK(theme.statusColor(SegmentStatus::Strong) == "#2e7d32");
    CHECK(theme.statusColor(SegmentStatus::Weak) == "#f9a825");
    CHECK(theme.statusColor(SegmentStatus::Gap) == "#c62828");
    CHECK(theme.statusColor(SegmentStatus::Extension) == "#1565c0");
    CHECK(theme.statusColor(SegmentStatus::Absent) == "#9e9e9e");
    CHECK(theme.occupiedBorder == "#6a1b9a");
    CHECK(theme.complementBadge == "#00897b");
}

TEST_CASE("the shipped theme has the agreed advice colours (docs/method.md §5), and a file may change one") {
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(defaultThemePath(), problems);
    CHECK(problems.empty());
    CHECK(theme.adviceColor(Advice::Keep) == "#2e7d32");
    CHECK(theme.adviceColor(Advice::Strengthen) == "#f9a825");
    CHECK(theme.adviceColor(Advice::Fill) == "#c62828");
    CHECK(theme.adviceColor(Advice::Extend) == "#1565c0");
    CHECK(theme.adviceColor(Advice::Complement) == "#00897b");
    CHECK(theme.adviceColor(Advice::Leave) == "#6a1b9a");
    CHECK(theme.adviceColor(Advice::None) == "#9e9e9e");
    std::string path = "theme-advice-test.json";
    std::ofstream(path) << R"({"advice": {"leave": "#010203", "fill": 7}})";
    Theme custom = loadTheme(path, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "/advice/fill");
    CHECK(custom.adviceColor(Advice::Leave) == "#010203");
    CHECK(custom.adviceColor(Advice::Fill) == "#c62828");
    std::remove(path.c_str());
}

TEST_CASE("a malformed colour is reported with its pointer and the default stays") {
    std::string path = "theme-test.json";
    std::ofstream(path) << R"({"status": {"gap": "red"}, "occupied": {"border": "#123456"}})";
    std::vector<Diagnostic> problems;
    Theme theme = loadTheme(path, problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "/status/gap");
    CHECK(theme.statusColor(SegmentStatus::Gap) == "#c62828");
    CHECK(theme.occupiedBorder == "#123456");
    std::remove(path.c_str());
}

TEST_CASE("colour parsing") {
    int r, g, b;
    CHECK(parseColor("#00897b", r, g, b));
    CHECK(r == 0);
    CHECK(g == 0x89);
    CHECK(b == 0x7b);
    CHECK_FALSE(parseColor("00897b", r, g, b));
    CHECK_FALSE(parseColor("#0089zz", r, g, b));
}
