// Opens chain files and sessions on a worker thread, so the window shows at once and stays live while 100k
// firms load (about a second: reading, checking, percentiles, the first analysis, the characters the font
// needs and the map's description). Like the other workers: the newest request wins, the UI polls; a result
// for a request since replaced (by a file or a session) is dropped by the App (requests carry an id).
#pragma once

#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "chainatlas/map/scene.hpp"
#include "chainatlas/map/theme.hpp"
#include "state/state.hpp"
#include "workers/worker_mailbox.hpp"

namespace viewer {

// What is opened: a chain file, a session (File > Session > Load, --session) or the last session, restored
// at start (its what-ifs are in no file saved by name: they count as unsaved work).
enum class OpenKind { File, Session, LastSession };

struct OpenRequest {
    int id = 0;
    std::string path;                             // of the chain file or of the session
    StartingScenario start;                       // a file's; empty: the first region
    std::optional<chainatlas::Theme> sceneTheme;  // describe the first map too, for this theme, level, language
    chainatlas::MapLevel sceneLevel = chainatlas::MapLevel::Segment;
    Lang sceneLang = Lang::Zh;  // a session's map is described in the session's language
    OpenKind kind = OpenKind::File;
};

struct OpenOutcome {
    int id = 0;
    OpenKind kind = OpenKind::File;
    std::string path;                  // as requested
    OpenedSession loaded;              // a session; a file is loaded.opened alone
    std::vector<char32_t> codePoints;  // codePointsToDraw of the chain (fonts.hpp)
    std::optional<chainatlas::MapScene> scene;
    chainatlas::MapLevel sceneLevel = chainatlas::MapLevel::Segment;
    Lang sceneLang = Lang::Zh;
};

// What the worker does with a request (the app runs it at once too when it opens without the worker).
OpenOutcome openOnWorker(const OpenRequest& request);

// Shutdown never waits for a file being opened: the worker is left to finish and its outcome is dropped.
class OpenWorker {
public:
    OpenWorker();
    ~OpenWorker();
    OpenWorker(const OpenWorker&) = delete;
    OpenWorker& operator=(const OpenWorker&) = delete;

    void request(OpenRequest request);
    std::optional<OpenOutcome> poll();  // a finished open, once
    bool busy() const;                  // a request is waiting or running

private:
    using Shared = Mailbox<OpenRequest, OpenOutcome>;
    static void run(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::thread thread_;
};

}  // namespace viewer
