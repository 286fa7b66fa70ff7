// The one CSV grammar (RFC 4180 as docs/data.md states it), for the validating reader (csv.cpp) and the fast
// path (fast/csv_fast.cpp): fields separated by commas; a field that starts with a quote runs to the closing
// quote, "" inside it being one quote, and may hold commas and line breaks; text after the closing quote
// belongs to the field; LF, CRLF and a lone CR end a record; records of one empty field are skipped.
// Fields are views into the text, or into the reader's own store when they needed unescaping.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/base/text.hpp"

namespace chainatlas::csv {

class Records {
public:
    explicit Records(std::string_view text) : text_(text) {}

    // The next non-blank record's fields; false at the end. A quote never closed takes the rest of the text
    // into its field; unclosedAt() then says where it opened.
    bool next(std::vector<std::string_view>& fields) {
        starts_.clear();
        while (i_ < text_.size()) {
            fields.clear();
            starts_.clear();
            recordStart_ = i_;
            bool endOfRecord = false;
            while (!endOfRecord) {
                starts_.push_back(i_);
                fields.push_back(field());
                if (i_ >= text_.size()) {
                    endOfRecord = true;
                } else if (text_[i_] == ',') {
                    ++i_;
                } else {
                    if (text_[i_] == '\r') ++i_;
                    if (i_ < text_.size() && text_[i_] == '\n') ++i_;
                    endOfRecord = true;
                }
            }
            if (fields.size() != 1 || !fields[0].empty()) return true;
        }
        return false;
    }

    // Byte offsets in the text: where the last record and each of its fields start (for line:column).
    std::size_t recordStart() const { return recordStart_; }
    const std::vector<std::size_t>& fieldStarts() const { return starts_; }
    // The offset of a quote never closed, or npos.
    std::size_t unclosedAt() const { return unclosed_; }

private:
    std::string_view text_;
    std::size_t i_ = 0, recordStart_ = 0, unclosed_ = std::string_view::npos;
    std::vector<std::size_t> starts_;
    std::deque<std::string> unescaped_;  // a deque: fields already handed out keep their place

    // A plain loop: find_first_of with a set of three calls memchr on the set for every byte (13% of a load).
    std::size_t plainEnd(std::size_t from) const {
        const char* p = text_.data() + from;
        const char* end = text_.data() + text_.size();
        while (p != end && *p != ',' && *p != '\r' && *p != '\n') ++p;
        return static_cast<std::size_t>(p - text_.data());
    }
    // The closing quote from `from` on; a quote never closed ends at the end of the text.
    std::size_t closing(std::size_t from, std::size_t open) {
        std::size_t close = text_.find('"', from);
        if (close != std::string_view::npos) return close;
        if (unclosed_ == std::string_view::npos) unclosed_ = open - 1;
        return text_.size();
    }
    bool doubledAt(std::size_t close) const { return close + 1 < text_.size() && text_[close + 1] == '"'; }

    std::string_view field() {
        if (i_ >= text_.size() || text_[i_] != '"') {
            std::size_t end = plainEnd(i_);
            std::string_view plain = text_.substr(i_, end - i_);
            i_ = end;
            return plain;
        }
        std::size_t open = ++i_;
        std::size_t close = closing(open, open);
        bool doubled = doubledAt(close);
        if (close == text_.size() || (!doubled && plainEnd(close + 1) == close + 1)) {  // nothing to unescape
            i_ = std::min(close + 1, text_.size());
            return text_.substr(open, close - open);
        }
        std::string& out = unescaped_.emplace_back(text_.substr(open, close - open));
        while (doubled) {
            out.push_back('"');
            std::size_t from = close + 2;
            close = closing(from, open);
            out.append(text_.substr(from, close - from));
            doubled = doubledAt(close);
        }
        std::size_t end = close >= text_.size() ? close : plainEnd(close + 1);
        if (end > close + 1) out.append(text_.substr(close + 1, end - close - 1));
        i_ = end;
        return out;
    }
};

}  // namespace chainatlas::csv
