// Reading whole files (bounded, regular files only) and writing files atomically.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "chainatlas/diagnostics.hpp"

namespace chainatlas {

// Files larger than this are refused (a chain file is megabytes; a mistaken path can be a disk image).
inline constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;

// A regular file's bytes, or "-" for standard input. Named pipes, devices and folders are refused at
// once (never blocks, never reads /dev/zero forever); a symbolic link loop is named as such.
Result<std::string> readWholeFile(const std::string& path);
// Writes `content` to `path` through a temporary file and a rename, so a failure never leaves half a
// file; the folder is synced after the rename. A symbolic link stays and its target is replaced; a device,
// named pipe or socket is written to in place. Temporaries of killed runs (".NAME.tmp-chainatlas-PID-N",
// only made where O_TMPFILE is not supported) are removed. Returns an empty string on success, else the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content);

// Where a writer puts its text, a piece at a time.
using TextSink = std::function<void(std::string_view)>;
// The same, for text made a piece at a time: `produce` hands each piece to the sink it is given, so a
// 40 MB result never sits in memory whole. A failed write ends `produce` (the sink throws) and nothing of
// the file is left; an exception of `produce` itself removes the temporary file and goes on.
std::string writeFileAtomically(const std::string& path, const std::function<void(const TextSink&)>& produce);

}  // namespace chainatlas
