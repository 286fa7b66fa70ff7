// The layout worker thread: owns the LayoutEngine, so every Graphviz call happens on this one thread.
#include "layout_worker.hpp"

#include <chrono>

namespace viewer {

LayoutWorker::LayoutWorker() : thread_([this] { run(); }) {}

LayoutWorker::~LayoutWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void LayoutWorker::request(LayoutRequest request) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = std::move(request);  // replaces an older request that has not started
    }
    wake_.notify_all();
}

std::optional<LayoutResult> LayoutWorker::poll() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<LayoutResult> result = std::move(done_);
    done_.reset();
    return result;
}

bool LayoutWorker::busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return running_ || pending_.has_value();
}

void LayoutWorker::run() {
    chainatlas::LayoutEngine engine;
    for (;;) {
        LayoutRequest job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
            if (stopping_) return;
            job = std::move(*pending_);
            pending_.reset();
            running_ = true;
        }
        auto start = std::chrono::steady_clock::now();
        LayoutResult result;
        result.generation = job.generation;
        result.chain = job.chain;
        result.geometry = engine.layout(*job.chain, job.analysis, job.options);
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = std::move(result);
        running_ = false;
    }
}

}  // namespace viewer
