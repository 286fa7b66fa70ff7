// The layout worker thread: owns the LayoutEngine, so every Graphviz call happens on this one thread.
#include "workers/layout_worker.hpp"

#include <chrono>

#include "workers/worker_priority.hpp"

namespace viewer {

LayoutWorker::LayoutWorker() : thread_([shared = shared_] { run(shared); }) {}

LayoutWorker::~LayoutWorker() { stopWorker(*shared_, thread_); }

void LayoutWorker::request(LayoutRequest request) { shared_->post(std::move(request)); }

std::optional<LayoutResult> LayoutWorker::poll() { return shared_->poll(); }

std::optional<LayoutResult> LayoutWorker::pollWithin(std::chrono::microseconds patience) {
    return shared_->pollWithin(patience);
}

bool LayoutWorker::busy() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->running || shared_->pending || shared_->early;
}

std::function<void(LayoutRequest)> LayoutWorker::layOutEarly() const {
    return [shared = shared_](LayoutRequest request) {
        std::optional<LayoutRequest> replaced;  // freed outside the lock
        {
            std::lock_guard<std::mutex> lock(shared->mutex);
            replaced = std::move(shared->early);
            shared->early = std::move(request);
        }
        shared->wake.notify_all();
    };
}

void LayoutWorker::run(const std::shared_ptr<Shared>& shared) {
    yieldToInterface();
    chainatlas::LayoutEngine engine;
    // The window lays out maps for hours: dot runs in a helper process, which takes what it leaves behind.
    engine.layOutInHelper({"/proc/self/exe", std::string(chainatlas::kLayoutHelperFlag)});
    for (;;) {
        LayoutRequest job;
        bool early = false;
        {
            std::unique_lock<std::mutex> lock(shared->mutex);
            shared->wake.wait(lock, [&] { return shared->stopping || shared->pending || shared->early; });
            if (shared->stopping) return;
            early = !shared->pending;  // the UI's requests come first
            if (early) {
                job = std::move(*shared->early);
                shared->early.reset();
                shared->running = true;
            } else {
                job = shared->take();
            }
        }
        auto start = std::chrono::steady_clock::now();
        LayoutResult result;
        result.generation = job.generation;
        result.chain = job.chain;
        result.geometry = engine.layout(*job.chain, *job.analysis, job.options);
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.reused = engine.reusedLast();
        if (!early) {
            shared->finish(std::move(result));
            continue;
        }
        std::lock_guard<std::mutex> lock(shared->mutex);  // kept by the engine; nothing for the UI to poll
        shared->running = false;
    }
}

}  // namespace viewer
