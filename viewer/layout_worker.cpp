// The layout worker thread: owns the LayoutEngine, so every Graphviz call happens on this one thread.
#include "layout_worker.hpp"

#include <chrono>

namespace viewer {

LayoutWorker::LayoutWorker() : thread_([shared = shared_] { run(shared); }) {}

LayoutWorker::~LayoutWorker() {
    bool running = false;
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->stopping = true;
        shared_->pending.reset();
        running = shared_->running;
    }
    shared_->wake.notify_all();
    // Graphviz cannot be interrupted: a layout in progress finishes (or the process ends) without us.
    if (running) thread_.detach();
    else thread_.join();
}

void LayoutWorker::request(LayoutRequest request) {
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->pending = std::move(request);  // replaces an older request that has not started
    }
    shared_->wake.notify_all();
}

std::optional<LayoutResult> LayoutWorker::poll() {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    std::optional<LayoutResult> result = std::move(shared_->done);
    shared_->done.reset();
    return result;
}

bool LayoutWorker::busy() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->running || shared_->pending.has_value();
}

void LayoutWorker::run(const std::shared_ptr<Shared>& shared) {
    chainatlas::LayoutEngine engine;
    for (;;) {
        LayoutRequest job;
        {
            std::unique_lock<std::mutex> lock(shared->mutex);
            shared->wake.wait(lock, [&] { return shared->stopping || shared->pending.has_value(); });
            if (shared->stopping) return;
            job = std::move(*shared->pending);
            shared->pending.reset();
            shared->running = true;
        }
        auto start = std::chrono::steady_clock::now();
        LayoutResult result;
        result.generation = job.generation;
        result.chain = job.chain;
        result.geometry = engine.layout(*job.chain, job.analysis, job.options);
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::lock_guard<std::mutex> lock(shared->mutex);
        if (!shared->stopping) shared->done = std::move(result);
        shared->running = false;
    }
}

}  // namespace viewer
