// JSON text appended straight to a string, without a DOM: the same bytes nlohmann's dump(indent) gives for the
// same values in the same key order (numbers through nlohmann's own float formatting), so a writer built on it
// can be checked byte for byte against the DOM it replaces. Keys are written in the order given: the caller
// keeps nlohmann::json's sorted order where the output must match it.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/pieces.hpp"

namespace chainatlas {

class JsonWriter {
public:
    // indent < 0: compact (dump()); else pretty-printed with that many spaces a level (dump(indent)).
    // With a sink, the text leaves a piece at a time (Pieces); finish() hands on the rest. Without one, `out`
    // holds the whole text once the outermost value is written.
    JsonWriter(std::string& out, int indent, TextSink sink = {})
        : out_(out), indent_(indent), pieces_(out, std::move(sink)) {}
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;
    void finish() {
        drain();
        pieces_.finish();
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view name) {
        separate();
        quoted(name);
        put(indent_ >= 0 ? std::string_view(": ") : std::string_view(":"));
        afterKey_ = true;
    }
    void string(std::string_view text) {
        beforeValue();
        quoted(text);
        drainAtTop();
    }
    void integer(long long value) {
        beforeValue();
        room(24);
        used_ = static_cast<std::size_t>(std::to_chars(buffer_ + used_, buffer_ + kBuffer, value).ptr - buffer_);
        drainAtTop();
    }
    void number(double value) {
        beforeValue();
        if (!std::isfinite(value)) {
            put("null");  // as dump() writes NaN and infinities
        } else {
            room(64);
            used_ = static_cast<std::size_t>(nlohmann::detail::to_chars(buffer_ + used_, buffer_ + kBuffer, value) -
                                             buffer_);
        }
        drainAtTop();
    }
    void boolean(bool value) {
        beforeValue();
        put(value ? std::string_view("true") : std::string_view("false"));
        drainAtTop();
    }
    // Shorthands for a key and its value.
    void field(std::string_view name, std::string_view text) { key(name), string(text); }
    void field(std::string_view name, const char* text) { key(name), string(text); }
    void field(std::string_view name, const std::string& text) { key(name), string(text); }
    void field(std::string_view name, double value) { key(name), number(value); }
    void field(std::string_view name, int value) { key(name), integer(value); }
    void field(std::string_view name, bool value) { key(name), boolean(value); }

private:
    // The small pieces (brackets, commas, line breaks and indents, quotes, numbers, short strings) collect in
    // a buffer of the writer's own and reach `out` a few hundred bytes at a time: a std::string's push_back is
    // a call of its own, and a national result made 7.7 million of them (a quarter of the writer's work).
    static constexpr std::size_t kBuffer = 512;
    void drain() {
        out_.append(buffer_, used_);
        used_ = 0;
    }
    void drainAtTop() {
        if (counts_.empty()) drain();  // the outermost value is complete: `out` holds all of it
    }
    void room(std::size_t bytes) {
        if (kBuffer - used_ < bytes) drain();
    }
    void put(char c) {
        room(1);
        buffer_[used_++] = c;
    }
    void put(std::string_view text) {  // a few bytes: ": ", "null", "true"
        room(text.size());
        std::memcpy(buffer_ + used_, text.data(), text.size());
        used_ += text.size();
    }
    void beforeValue() {
        if (afterKey_) afterKey_ = false;
        else separate();
    }
    // A new element of the open container: the comma and, pretty-printed, the line break and indent.
    void separate() {
        pieces_.flushIfFull();  // `out` may lag the text by the buffer: a piece is still about a megabyte
        if (counts_.empty()) return;
        if (counts_.back()++ > 0) put(',');
        newline(counts_.size());
    }
    void newline(std::size_t depth) {
        if (indent_ < 0) return;
        std::size_t spaces = depth * static_cast<std::size_t>(indent_);
        if (spaces + 1 > kBuffer / 4) {
            put('\n');
            drain();
            out_.append(spaces, ' ');
            return;
        }
        room(spaces + 1);
        buffer_[used_++] = '\n';
        std::memset(buffer_ + used_, ' ', spaces);
        used_ += spaces;
    }
    void open(char bracket) {
        beforeValue();
        put(bracket);
        counts_.push_back(0);
    }
    void close(char bracket) {
        int count = counts_.back();
        counts_.pop_back();
        if (count > 0) newline(counts_.size());  // an empty container stays "{}" or "[]"
        put(bracket);
        drainAtTop();
    }
    // dump()'s escaping with ensure_ascii off: quote, backslash and control characters; UTF-8 as it is.
    // Eight bytes are tested at once (none below 0x20, none a quote or a backslash: the usual case), and only
    // a word that may hold one is looked at byte by byte.
    static bool plainByte(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; }
    static bool mayNeedEscape(std::uint64_t word) {
        constexpr std::uint64_t kOnes = ~std::uint64_t{0} / 255, kHigh = kOnes * 0x80;
        auto zeroByte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };  // some byte of x is 0
        return (((word - kOnes * 0x20) & ~word & kHigh) | zeroByte(word ^ (kOnes * '"')) |
                zeroByte(word ^ (kOnes * '\\'))) != 0;
    }
    // The escape of a byte that is not plain, written at `to`; returns the end.
    static char* escaped(unsigned char c, char* to) {
        static constexpr char kHex[] = "0123456789abcdef";
        *to++ = '\\';
        switch (c) {
            case '"': *to++ = '"'; break;
            case '\\': *to++ = '\\'; break;
            case '\b': *to++ = 'b'; break;
            case '\f': *to++ = 'f'; break;
            case '\n': *to++ = 'n'; break;
            case '\r': *to++ = 'r'; break;
            case '\t': *to++ = 't'; break;
            default: to = std::copy_n("u00", 3, to), *to++ = kHex[c >> 4], *to++ = kHex[c & 15];
        }
        return to;
    }
    static constexpr std::size_t kLongestEscape = 6;  // \u00XX
    // The text in pieces of at most 64 bytes, each escaped straight into the buffer after one check for room
    // (a piece grows at most sixfold): ids and keys are one piece.
    void quoted(std::string_view text) {
        constexpr std::size_t kPiece = kBuffer / 8;
        put('"');
        for (std::size_t i = 0; i < text.size();) {
            std::size_t end = std::min(text.size(), i + kPiece);
            room((end - i) * kLongestEscape);
            char* to = buffer_ + used_;
            while (i < end) {
                if (end - i >= 8) {
                    std::uint64_t word;
                    std::memcpy(&word, text.data() + i, 8);
                    if (!mayNeedEscape(word)) {
                        std::memcpy(to, &word, 8);
                        to += 8, i += 8;
                        continue;
                    }
                }
                auto c = static_cast<unsigned char>(text[i++]);
                if (plainByte(c)) *to++ = static_cast<char>(c);
                else to = escaped(c, to);
            }
            used_ = static_cast<std::size_t>(to - buffer_);
        }
        put('"');
    }

    std::string& out_;
    int indent_;
    Pieces pieces_;
    std::vector<int> counts_;  // elements written so far in each open container
    bool afterKey_ = false;
    std::size_t used_ = 0;
    char buffer_[kBuffer];
};

}  // namespace chainatlas
