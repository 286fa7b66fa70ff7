// JSON text appended straight to a string, without a DOM: the same bytes nlohmann's dump(indent) gives for the
// same values in the same key order (numbers through nlohmann's own float formatting), so a writer built on it
// can be checked byte for byte against the DOM it replaces. Keys are written in the order given: the caller
// keeps nlohmann::json's sorted order where the output must match it.
#pragma once

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/pieces.hpp"

namespace chainatlas {

class JsonWriter {
public:
    // indent < 0: compact (dump()); else pretty-printed with that many spaces a level (dump(indent)).
    // With a sink, the text leaves a piece at a time (Pieces); finish() hands on the rest.
    JsonWriter(std::string& out, int indent, TextSink sink = {})
        : out_(out), indent_(indent), pieces_(out, std::move(sink)) {}
    void finish() { pieces_.finish(); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view name) {
        separate();
        quoted(name);
        out_.append(indent_ >= 0 ? ": " : ":");
        afterKey_ = true;
    }
    void string(std::string_view text) {
        beforeValue();
        quoted(text);
    }
    void integer(long long value) {
        beforeValue();
        char buffer[24];
        auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
        out_.append(buffer, end);
    }
    void number(double value) {
        beforeValue();
        if (!std::isfinite(value)) {
            out_.append("null");  // as dump() writes NaN and infinities
            return;
        }
        char buffer[64];
        char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
        out_.append(buffer, end);
    }
    void boolean(bool value) {
        beforeValue();
        out_.append(value ? "true" : "false");
    }
    // Shorthands for a key and its value.
    void field(std::string_view name, std::string_view text) { key(name), string(text); }
    void field(std::string_view name, const char* text) { key(name), string(text); }
    void field(std::string_view name, const std::string& text) { key(name), string(text); }
    void field(std::string_view name, double value) { key(name), number(value); }
    void field(std::string_view name, int value) { key(name), integer(value); }
    void field(std::string_view name, bool value) { key(name), boolean(value); }

private:
    void beforeValue() {
        if (afterKey_) afterKey_ = false;
        else separate();
    }
    // A new element of the open container: the comma and, pretty-printed, the line break and indent.
    void separate() {
        pieces_.flushIfFull();
        if (counts_.empty()) return;
        if (counts_.back()++ > 0) out_.push_back(',');
        newline(counts_.size());
    }
    void newline(std::size_t depth) {
        if (indent_ < 0) return;
        out_.push_back('\n');
        out_.append(depth * static_cast<std::size_t>(indent_), ' ');
    }
    void open(char bracket) {
        beforeValue();
        out_.push_back(bracket);
        counts_.push_back(0);
    }
    void close(char bracket) {
        int count = counts_.back();
        counts_.pop_back();
        if (count > 0) newline(counts_.size());  // an empty container stays "{}" or "[]"
        out_.push_back(bracket);
    }
    // dump()'s escaping with ensure_ascii off: quote, backslash and control characters; UTF-8 as it is.
    void quoted(std::string_view text) {
        out_.push_back('"');
        std::size_t plain = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(text.substr(plain, i - plain));
            plain = i + 1;
            switch (c) {
                case '"': out_.append("\\\""); break;
                case '\\': out_.append("\\\\"); break;
                case '\b': out_.append("\\b"); break;
                case '\f': out_.append("\\f"); break;
                case '\n': out_.append("\\n"); break;
                case '\r': out_.append("\\r"); break;
                case '\t': out_.append("\\t"); break;
                default: {
                    static constexpr char kHex[] = "0123456789abcdef";
                    out_.append("\\u00");
                    out_.push_back(kHex[c >> 4]);
                    out_.push_back(kHex[c & 15]);
                }
            }
        }
        out_.append(text.substr(plain));
        out_.push_back('"');
    }

    std::string& out_;
    int indent_;
    Pieces pieces_;
    std::vector<int> counts_;  // elements written so far in each open container
    bool afterKey_ = false;
};

}  // namespace chainatlas
