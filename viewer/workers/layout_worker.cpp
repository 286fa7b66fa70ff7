// The layout worker thread: owns the LayoutEngine, so every Graphviz call happens on this one thread.
#include "workers/layout_worker.hpp"

#include <chrono>

#include "workers/worker_priority.hpp"

namespace viewer {

LayoutWorker::LayoutWorker() : thread_([shared = shared_] { run(shared); }) {}

LayoutWorker::~LayoutWorker() { stopWorker(*shared_, thread_); }

void LayoutWorker::request(LayoutRequest request) { shared_->post(std::move(request)); }

std::optional<LayoutResult> LayoutWorker::poll() { return shared_->poll(); }

bool LayoutWorker::busy() const { return shared_->busy(); }

void LayoutWorker::run(const std::shared_ptr<Shared>& shared) {
    yieldToInterface();
    chainatlas::LayoutEngine engine;
    for (;;) {
        LayoutRequest job;
        {
            std::unique_lock<std::mutex> lock(shared->mutex);
            shared->wake.wait(lock, [&] { return shared->stopping || shared->pending.has_value(); });
            if (shared->stopping) return;
            job = shared->take();
        }
        auto start = std::chrono::steady_clock::now();
        LayoutResult result;
        result.generation = job.generation;
        result.chain = job.chain;
        result.geometry = engine.layout(*job.chain, *job.analysis, job.options);
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        shared->finish(std::move(result));
    }
}

}  // namespace viewer
