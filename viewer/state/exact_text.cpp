// Stand-ins for the characters a 16-bit text field cannot hold (see exact_text.hpp).
#include "state/exact_text.hpp"

#include "chainatlas/base/text.hpp"

namespace viewer {

char32_t StandIns::standInFor(char32_t c) {
    if (auto it = standIn_.find(c); it != standIn_.end()) return it->second;
    if (real_.size() > kLast - kFirst) return 0xFFFD;
    char32_t standIn = kFirst + static_cast<char32_t>(real_.size());
    real_.push_back(c);
    standIn_[c] = standIn;
    return standIn;
}

std::string StandIns::toField(std::string_view text) {
    bool any = false;
    for (char32_t c : chainatlas::decodeUtf8(text)) any = any || needsStandIn(c);
    if (!any) return std::string(text);  // the common case: the text as it is, no copy per character
    std::string out;
    for (char32_t c : chainatlas::decodeUtf8(text)) out += chainatlas::encodeUtf8(needsStandIn(c) ? standInFor(c) : c);
    return out;
}

std::string StandIns::fromField(std::string_view text) const {
    std::string out;
    for (char32_t c : chainatlas::decodeUtf8(text)) {
        bool standIn = c >= kFirst && c < kFirst + real_.size();
        out += chainatlas::encodeUtf8(standIn ? real_[c - kFirst] : c);
    }
    return out;
}

}  // namespace viewer
