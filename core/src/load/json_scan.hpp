// Walking a JSON text outside its string literals, without parsing it: the one nesting rule of the validating
// path's precheck (load.cpp) and of the fast path's kept values (fast/fast_load.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace chainatlas::detail {

// The first offset outside JSON string literals (and not an opening quote) for which `hit` is true, or npos.
template <typename Hit>
std::size_t firstOutsideStrings(std::string_view text, Hit hit) {
    bool inString = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (hit(i)) {
            return i;
        }
    }
    return std::string_view::npos;
}

// The offset of the first bracket that opens a level deeper than `levels`, or npos.
inline std::size_t firstBeyondDepth(std::string_view text, int levels) {
    int depth = 0;
    return firstOutsideStrings(text, [&](std::size_t i) {
        char c = text[i];
        if (c == '[' || c == '{') return ++depth > levels;
        if (c == ']' || c == '}') --depth;
        return false;
    });
}

}  // namespace chainatlas::detail
