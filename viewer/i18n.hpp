// Interface strings in Chinese and English.
#pragma once

#include "chainatlas/model/model.hpp"

namespace viewer {

// tr(lang, "中文", "English"): the string for the current language, kept side by side at the call site.
inline const char* tr(chainatlas::Lang lang, const char* zh, const char* en) {
    return lang == chainatlas::Lang::Zh ? zh : en;
}

const char* statusName(chainatlas::Lang lang, int status);  // by SegmentStatus
const char* termName(chainatlas::Lang lang, int term);      // by Term
const char* metricName(chainatlas::Lang lang, int metric);  // by Metric

// Every interface string in both languages, so the font holds all their glyphs.
const char* allInterfaceText();

}  // namespace viewer
