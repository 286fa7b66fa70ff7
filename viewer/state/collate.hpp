// Sort keys for names in the interface language: Chinese names by pinyin (ICU's "zh" collation, the
// standard order of Chinese dictionaries and government lists), English names case-insensitively.
// Comparing two keys with std::string's operator< gives the collator's order; no ImGui here.
#pragma once

#include <string>
#include <vector>

#include "chainatlas/model/model.hpp"

namespace viewer {

// One key per string; an empty key when ICU cannot open the collator (the caller then keeps its order).
std::vector<std::string> collationKeys(const std::vector<std::string>& texts, chainatlas::Lang lang);

}  // namespace viewer
