// Large files are read into memory that is touched once, page by page: at 100k firms a run took 78,000
// page faults, a third of its time. glibc backs its large blocks with transparent huge pages (2 MB) when the
// `glibc.malloc.hugetlb=1` tunable is set, which cut those to 6,000 and the CPU time of `validate` by a
// third; in the viewer it cut a region change's time by a third and its longest frame from 88 to 48 ms
// (docs/performance.md). Blocks up to 32 MB are taken from the heap (`glibc.malloc.mmap_threshold`), whose
// huge pages they then reuse: page faults at 100k firms from 7,400 to 2,700, `analyze` 9% faster, the same
// peak. Tunables are read when the process starts, so a program sets it and starts itself
// again, once, before it has read anything. Used by `chainatlas` and `chainatlas-viewer`.
//
// A second start costs about 25 ms on this machine (the 59 shared libraries of `chainatlas` loaded and
// relocated again): `analyze` of the bundled NEV chain took 60 ms, 30 of them the second start, and gains
// nothing from huge pages. So `chainatlas` starts again only when its command line names a large input.
#pragma once

#include <cstdint>

namespace chainatlas {

// Returns only when the tunable is already set, when `inputsFrom` is not 0 and no argument names a file (or a
// folder whose files together are) of at least that many bytes, or when the process cannot be started again
// (then it runs as is).
void startWithHugePages(char** argv, std::uintmax_t inputsFrom = 0);

// Whether an argument after argv[0] (or the part of `--option=value` after the '=') names a regular file of at
// least `bytes`, or a folder whose regular files add up to that (a CSV folder; the first 1,000 entries).
bool namesInputOf(char** argv, std::uintmax_t bytes);

}  // namespace chainatlas
