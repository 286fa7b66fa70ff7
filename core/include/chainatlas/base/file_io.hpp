// Reading whole files (bounded, regular files only) and writing files atomically.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "chainatlas/base/diagnostics.hpp"

namespace chainatlas {

// Files larger than this are refused (a chain file is megabytes; a mistaken path can be a disk image).
inline constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;

// A regular file's bytes, or "-" for standard input. Named pipes, devices and folders are refused at
// once (never blocks, never reads /dev/zero forever); a symbolic link loop is named as such. Error codes:
// NotFound ("no such file"), NotRegular, TooLarge, Io.
Result<std::string> readWholeFile(const std::string& path);

// A whole file's bytes with at least `padding` readable zero bytes after them (for parsers that read in
// blocks past the end). A regular file is mapped read-only: its pages come from the page cache, neither
// copied nor zeroed, so a 56 MB chain costs no fresh memory; standard input (and a file the kernel will not
// map) is read into a buffer instead. A mapped file must not be truncated while the text is alive (reading
// past its new end would fault); the project's own writers replace files by rename, which never does that.
class FileText {
public:
    FileText() = default;
    FileText(FileText&& other) noexcept;
    FileText& operator=(FileText&& other) noexcept;
    FileText(const FileText&) = delete;
    FileText& operator=(const FileText&) = delete;
    ~FileText();
    std::string_view view() const {
        return mapping_ ? std::string_view(static_cast<const char*>(mapping_), size_)
                        : std::string_view(copy_.data(), size_);
    }
    bool mapped() const { return mapping_ != nullptr; }
    // Bytes readable from view().data() on: the text, the padding, and the rest of the last page if mapped.
    std::size_t readable() const { return mapping_ ? mappedBytes_ : copy_.size(); }

private:
    friend Result<FileText> readFileText(const std::string& path, std::size_t padding);
    void* mapping_ = nullptr;  // the file's pages, then zero pages for the padding
    std::size_t mappedBytes_ = 0;
    std::size_t size_ = 0;
    std::string copy_;  // when not mapped: the bytes, then the padding
};
// The same checks and messages as readWholeFile.
Result<FileText> readFileText(const std::string& path, std::size_t padding);
// Writes `content` to `path` through a temporary file and a rename, so a failure never leaves half a
// file; the folder is synced after the rename. A symbolic link stays and its target is replaced; a device,
// named pipe or socket is written to in place. Temporaries of killed runs (".NAME.tmp-chainatlas-PID-N",
// only made where O_TMPFILE is not supported) are removed. A failure says "cannot write PATH: reason" (code
// Io), or that the folder does not exist (NotFound) or the path is a folder (NotRegular).
Status writeFileAtomically(const std::string& path, std::string_view content);

// Where a writer puts its text, a piece at a time.
using TextSink = std::function<void(std::string_view)>;
// The same, for text made a piece at a time: `produce` hands each piece to the sink it is given, so a
// 40 MB result never sits in memory whole. A failed write ends `produce` (the sink throws) and nothing of
// the file is left; an exception of `produce` itself removes the temporary file and goes on.
Status writeFileAtomically(const std::string& path, const std::function<void(const TextSink&)>& produce);

}  // namespace chainatlas
