// ICU collation keys (libicu, Debian's libicu-dev): computed once per name, so sorting thousands of rows
// is a byte comparison rather than a collator call per pair.
#include "state/collate.hpp"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>

namespace viewer {

std::vector<std::string> collationKeys(const std::vector<std::string>& texts, chainatlas::Lang lang) {
    std::vector<std::string> keys(texts.size());
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCollator, void (*)(UCollator*)> collator(ucol_open(lang == chainatlas::Lang::Zh ? "zh" : "en",
                                                                        &status),
                                                              ucol_close);
    if (U_FAILURE(status) || !collator) return keys;
    std::vector<UChar> utf16;
    std::vector<uint8_t> key;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        status = U_ZERO_ERROR;
        int32_t length = 0;
        utf16.resize(texts[i].size() + 1);
        u_strFromUTF8Lenient(utf16.data(), static_cast<int32_t>(utf16.size()), &length, texts[i].data(),
                             static_cast<int32_t>(texts[i].size()), &status);
        if (U_FAILURE(status)) continue;
        key.resize(64);
        int32_t needed = ucol_getSortKey(collator.get(), utf16.data(), length, key.data(),
                                         static_cast<int32_t>(key.size()));
        if (needed > static_cast<int32_t>(key.size())) {
            key.resize(needed);
            needed = ucol_getSortKey(collator.get(), utf16.data(), length, key.data(), needed);
        }
        keys[i].assign(key.begin(), key.begin() + std::max(0, needed - 1));  // without the closing zero byte
    }
    return keys;
}

}  // namespace viewer
