// Whole-file reads (regular files only, bounded) and atomic writes (temporary file, rename, folder sync).
#include "chainatlas/base/file_io.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX kill(), which <csignal> need not declare
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <utility>

namespace chainatlas {

namespace {

std::string reasonOf(int error) { return std::strerror(error); }

const char* fileKind(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// Reads an open descriptor to its end, refusing more than kMaxReadBytes.
Result<std::string> readDescriptor(int fd, std::size_t expected) {
    std::string text;
    // + 64: room for the fast JSON path's padding (fast_load.cpp), which then needs no copy of the text.
    text.reserve(std::min<std::size_t>(expected, kMaxReadBytes) + 64);
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{ErrorCode::Io, "read error: " + reasonOf(errno)};
        if (n == 0) return Result<std::string>::success(std::move(text));
        if (text.size() + static_cast<std::size_t>(n) > kMaxReadBytes)
            return Error{ErrorCode::TooLarge, "too large: more than " + std::to_string(kMaxReadBytes >> 20) + " MB"};
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

Error openFailure(int error) {
    if (error == ENOENT) return {ErrorCode::NotFound, "no such file"};
    if (error == ELOOP) return {ErrorCode::Io, "symbolic link loop (too many levels of symbolic links)"};
    return {ErrorCode::Io, "cannot open: " + reasonOf(error)};
}

}  // namespace

namespace {

// Opens a regular file for reading (never blocks on a named pipe) and checks its size: the descriptor and
// the size, or the reason (the messages readWholeFile documents).
Result<std::pair<int, std::size_t>> openRegularFile(const std::string& path) {
    using Opened = Result<std::pair<int, std::size_t>>;
    // O_NONBLOCK: opening a named pipe must never wait for a writer; it is refused below anyway.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return openFailure(errno);
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        std::string kind = fileKind(info.st_mode);
        ::close(fd);
        return Opened::failure(ErrorCode::NotRegular,
                               "not a regular file (" + kind + "); give a file, or - for standard input");
    }
    if (static_cast<std::uintmax_t>(info.st_size) > kMaxReadBytes) {
        ::close(fd);
        return Opened::failure(ErrorCode::TooLarge, "too large: " + std::to_string(info.st_size >> 20) +
                                                        " MB, more than " + std::to_string(kMaxReadBytes >> 20) +
                                                        " MB");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return std::pair<int, std::size_t>{fd, static_cast<std::size_t>(info.st_size)};
}

std::size_t roundUp(std::size_t bytes, std::size_t page) { return (bytes + page - 1) / page * page; }

// The file's pages, read-only and private, followed by zero pages up to `padding` bytes past its end: the
// part of the last page beyond the end of the file reads as zeros, and where that is short of the padding,
// an anonymous page (the kernel's shared zero page: no fresh memory) is reserved after it. Nothing when the
// kernel will not map the file (the caller reads it instead).
void* mapPadded(int fd, std::size_t size, std::size_t padding, std::size_t& mappedBytes) {
    long pageSize = ::sysconf(_SC_PAGESIZE);
    std::size_t page = pageSize > 0 ? static_cast<std::size_t>(pageSize) : 4096;
    std::size_t fileBytes = roundUp(size, page);
    mappedBytes = roundUp(size + padding, page);
    void* base = ::mmap(nullptr, mappedBytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) return nullptr;
    // MAP_POPULATE: the page-cache pages are entered in one call instead of one fault per 16 pages.
    void* file = ::mmap(base, fileBytes, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0);
    if (file == MAP_FAILED) {
        ::munmap(base, mappedBytes);
        return nullptr;
    }
    ::madvise(base, fileBytes, MADV_SEQUENTIAL);  // read ahead, and drop pages behind a cold-cache reader
    return base;
}

}  // namespace

Result<std::string> readWholeFile(const std::string& path) {
    if (path == "-") return readDescriptor(STDIN_FILENO, 0);
    auto opened = openRegularFile(path);
    if (!opened) return opened.error();
    auto [fd, size] = *opened;
    Result<std::string> text = readDescriptor(fd, size);
    ::close(fd);
    return text;
}

FileText::FileText(FileText&& other) noexcept { *this = std::move(other); }

FileText& FileText::operator=(FileText&& other) noexcept {
    if (this == &other) return *this;
    if (mapping_) ::munmap(mapping_, mappedBytes_);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mappedBytes_ = std::exchange(other.mappedBytes_, 0);
    size_ = std::exchange(other.size_, 0);
    copy_ = std::move(other.copy_);
    return *this;
}

FileText::~FileText() {
    if (mapping_) ::munmap(mapping_, mappedBytes_);
}

Result<FileText> readFileText(const std::string& path, std::size_t padding) {
    FileText text;
    auto keepCopy = [&](Result<std::string> bytes) -> Result<FileText> {
        if (!bytes) return bytes.error();
        text.size_ = bytes->size();
        text.copy_ = std::move(*bytes);
        text.copy_.append(padding, '\0');  // readDescriptor reserved room for the fast path's padding
        return std::move(text);
    };
    if (path == "-") return keepCopy(readDescriptor(STDIN_FILENO, 0));
    auto opened = openRegularFile(path);
    if (!opened) return opened.error();
    auto [fd, size] = *opened;
    if (size > 0) text.mapping_ = mapPadded(fd, size, padding, text.mappedBytes_);
    if (!text.mapping_) {
        Result<std::string> bytes = readDescriptor(fd, size);
        ::close(fd);
        return keepCopy(std::move(bytes));
    }
    ::close(fd);  // the mapping keeps the file
    text.size_ = size;
    return text;
}

namespace {

namespace fs = std::filesystem;

bool writeAll(int fd, std::string_view content) {
    while (!content.empty()) {
        ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

using Producer = std::function<void(const TextSink&)>;

// Thrown by the sink of a file when a write fails; carries errno.
struct WriteFailed {
    int error;
};

// Runs `produce` into the file `fd`; 0, or the errno of the write that failed.
int produceInto(int fd, const Producer& produce) {
    try {
        produce([fd](std::string_view piece) {
            if (!writeAll(fd, piece)) throw WriteFailed{errno};
        });
    } catch (const WriteFailed& failed) {
        return failed.error != 0 ? failed.error : EIO;
    }
    return 0;
}

Error writeFailure(const std::string& path, int error) {
    return {error == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, "cannot write " + path + ": " + reasonOf(error)};
}

// A device, a named pipe or a socket is written to in place: replacing it would turn /dev/null into a file.
Status writeThrough(const std::string& path, const Producer& produce) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return writeFailure(path, errno);
    int error = 0;
    try {
        error = produceInto(fd, produce);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0 && error == 0) error = errno;
    return error == 0 ? Status::success() : writeFailure(path, error);
}

// The file a chain of symbolic links ends at, so that the link stays and its target is replaced.
Result<fs::path> resolveLinks(fs::path path) {
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(path, ec))) return Result<fs::path>::success(path);
        fs::path next = fs::read_symlink(path, ec);
        if (ec) return Result<fs::path>::failure(ErrorCode::Io, ec.message());
        path = next.is_absolute() ? next : path.parent_path() / next;
    }
    return Result<fs::path>::failure(ErrorCode::Io, "symbolic link loop (too many levels of symbolic links)");
}

const std::string kTempMark = ".tmp-chainatlas-";

// ".map.svg.tmp-chainatlas-PID-RANDOM": the writer's process id lets a later run remove what a killed
// run left behind, and never what a running one is still writing.
// (Appended piece by piece: GCC 12 warns, wrongly, of an overlapping copy in "." + string.)
std::string temporaryPrefix(const fs::path& target) {
    std::string prefix(1, '.');
    prefix.append(target.filename().string()).append(kTempMark);
    return prefix;
}

std::string temporaryName(const fs::path& target) {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return temporaryPrefix(target)
        .append(std::to_string(::getpid()))
        .append(1, '-')
        .append(std::to_string(random() % 1000000000));
}

void removeStaleTemporaries(const fs::path& folder, const fs::path& target) {
    std::string prefix = temporaryPrefix(target);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            fs::remove(entry.path(), ec);
    }
}

// An unnamed file in `folder` (O_TMPFILE: a crash leaves nothing), else a named temporary one.
int openTemporary(const fs::path& folder, const fs::path& target, fs::path& named, mode_t mode) {
#ifdef O_TMPFILE
    int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    if (fd >= 0) return fd;
#endif
    named = folder / temporaryName(target);
    return ::open(named.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
}

// Gives an unnamed temporary file a name next to the target (linkat through /proc).
bool nameTemporary(int fd, const fs::path& folder, const fs::path& target, fs::path& named) {
    named = folder / temporaryName(target);
    std::string procPath = "/proc/self/fd/" + std::to_string(fd);
    return ::linkat(AT_FDCWD, procPath.c_str(), AT_FDCWD, named.c_str(), AT_SYMLINK_FOLLOW) == 0;
}

void syncFolder(const fs::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);  // makes the rename durable; a failure here cannot be undone, so it is not reported
    ::close(fd);
}

Status replaceAtomically(const fs::path& target, const Producer& produce) {
    fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Status::failure(ErrorCode::NotFound, "folder " + folder.string() + " does not exist");
    removeStaleTemporaries(folder, target);
    struct stat existing {};
    mode_t mode = ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0666;
    fs::path named;
    int fd = openTemporary(folder, target, named, mode);
    auto fail = [&](int error) {
        if (fd >= 0) ::close(fd);
        if (!named.empty()) fs::remove(named, ec);
        return writeFailure(target.string(), error);
    };
    if (fd < 0) return fail(errno);
    if (existing.st_mode != 0) ::fchmod(fd, mode);  // keep the permissions of the file replaced (not the umask's)
    int error = 0;
    try {
        error = produceInto(fd, produce);
    } catch (...) {
        (void)fail(0);  // the exception says what went wrong; this only removes the temporary file
        throw;
    }
    if (error != 0) return fail(error);
    if (::fsync(fd) != 0) return fail(errno);
    if (named.empty() && !nameTemporary(fd, folder, target, named)) return fail(errno);
    int closed = ::close(fd);
    fd = -1;
    if (closed != 0 || std::rename(named.c_str(), target.c_str()) != 0) return fail(errno);
    syncFolder(folder);
    return Status::success();
}

}  // namespace

Status writeFileAtomically(const std::string& path, const std::function<void(const TextSink&)>& produce) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return Status::failure(ErrorCode::NotRegular, "cannot write " + path + ": it is a folder");
        if (!S_ISREG(info.st_mode)) return writeThrough(path, produce);
    }
    auto target = resolveLinks(path);
    if (!target) return Status::failure(target.error().code, "cannot write " + path + ": " + target.error().message);
    return replaceAtomically(*target, produce);
}

Status writeFileAtomically(const std::string& path, std::string_view content) {
    return writeFileAtomically(path, [content](const TextSink& sink) { sink(content); });
}

}  // namespace chainatlas
