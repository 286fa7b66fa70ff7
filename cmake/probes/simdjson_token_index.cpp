// Configure-time probe (core/CMakeLists.txt): does the installed simdjson still have the private members that
// load/fast/simdjson_reach.hpp reaches? If this does not compile, the fast loader keeps the whole token index.
#include "load/fast/simdjson_reach.hpp"

int main() {
    simdjson::ondemand::parser parser;
    simdjson::padded_string text("[1]", 3);
    auto document = parser.iterate(text);
    std::uint32_t count = 0;
    return chainatlas::detail::tokenIndex(parser, count) != nullptr && count > 0 ? 0 : 1;
}
