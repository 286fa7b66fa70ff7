// Text appended to one string that, when a sink is given, leaves a megabyte at a time (a national result is
// 40 MB, issue 14: it never sits in memory whole). Shared by the JSON and CSV result writers.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "chainatlas/base/file_io.hpp"  // TextSink

namespace chainatlas {

class Pieces {
public:
    static constexpr std::size_t kPiece = std::size_t{1} << 20;
    // Without a sink the text stays whole in `out`; with one, `out` only ever holds about a piece.
    explicit Pieces(std::string& out, TextSink sink = {}) : out_(out), sink_(std::move(sink)) {
        if (sink_) out_.reserve(kPiece + 64 * 1024);
    }
    // Hands `out` on once it holds a piece; any byte may end a piece.
    void flushIfFull() {
        if (sink_ && out_.size() >= kPiece) sink_(out_), out_.clear();
    }
    // Hands on the rest (call once, at the end).
    void finish() {
        if (sink_ && !out_.empty()) sink_(out_), out_.clear();
    }

private:
    std::string& out_;
    TextSink sink_;
};

}  // namespace chainatlas
