// The one place that reaches into simdjson's private parts: the parser's implementation, which holds the token
// index of stage 1. C++ lets an explicit template instantiation name a private member; a friend function
// defined in that instantiation hands the member pointer out. Compiled only when the configure-time probe
// (cmake/probes/simdjson_token_index.cpp, which includes this file) builds against the installed simdjson.
#pragma once

#include <simdjson.h>

#include <memory>

namespace chainatlas::detail {

using ParserImplementation =
    std::unique_ptr<simdjson::internal::dom_parser_implementation> simdjson::ondemand::parser::*;
ParserImplementation parserImplementation();

template <ParserImplementation member>
struct ReachParserImplementation {
    friend ParserImplementation parserImplementation() { return member; }
};
template struct ReachParserImplementation<&simdjson::ondemand::parser::implementation>;

// The token index and its length after stage 1, or null.
inline const std::uint32_t* tokenIndex(simdjson::ondemand::parser& parser, std::uint32_t& count) {
    const auto& implementation = parser.*parserImplementation();
    if (!implementation || !implementation->structural_indexes) return nullptr;
    count = implementation->n_structural_indexes;
    return implementation->structural_indexes.get();
}

}  // namespace chainatlas::detail
