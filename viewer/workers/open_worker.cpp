// The open worker thread: loadForViewer or loadSessionForViewer (state.cpp) and what the first frame needs.
#include "workers/open_worker.hpp"

#include "platform/fonts.hpp"

namespace viewer {

OpenOutcome openOnWorker(const OpenRequest& request) {
    OpenOutcome done;
    done.id = request.id;
    done.kind = request.kind;
    done.path = request.path;
    Lang lang = request.sceneLang;
    if (request.kind == OpenKind::File) {
        done.loaded.opened = loadForViewer(request.path, request.start);
    } else {
        done.loaded = loadSessionForViewer(request.path);
        if (done.loaded.langGiven) lang = done.loaded.lang;
    }
    const OpenedChain& opened = done.loaded.opened;
    if (!opened.chain || !done.loaded.problem.empty()) return done;
    done.codePoints = codePointsToDraw(opened.chain.get());
    if (request.sceneTheme && opened.scenario.region >= 0) {
        done.scene = chainatlas::describeMap(*opened.first.drawn, *opened.first.analysis, *request.sceneTheme,
                                             request.sceneLevel, {lang, 10, ""});
        done.sceneLevel = request.sceneLevel;
        done.sceneLang = lang;
    }
    return done;
}

OpenWorker::OpenWorker() : thread_([shared = shared_] { run(shared); }) {}

OpenWorker::~OpenWorker() { stopWorker(*shared_, thread_); }

void OpenWorker::request(OpenRequest request) { shared_->post(std::move(request)); }

std::optional<OpenOutcome> OpenWorker::poll() { return shared_->poll(); }

bool OpenWorker::busy() const { return shared_->busy(); }

void OpenWorker::run(const std::shared_ptr<Shared>& shared) {
    for (;;) {
        OpenRequest job;
        {
            std::unique_lock<std::mutex> lock(shared->mutex);
            shared->wake.wait(lock, [&] { return shared->stopping || shared->pending.has_value(); });
            if (shared->stopping) return;
            job = shared->take();
        }
        shared->finish(openOnWorker(job));
    }
}

}  // namespace viewer
