// The analysis worker thread: computeOutcome (state.cpp) away from the UI, and the freeing of old results.
#include "workers/analysis_worker.hpp"

#include <chrono>

#include "chainatlas/analysis/scenario.hpp"
#include "workers/worker_priority.hpp"

namespace viewer {

AnalysisRequest analysisRequest(const ViewerState& state) {
    AnalysisRequest request;
    request.chainGeneration = state.chainGeneration();
    request.version = state.analysisWanted();
    request.chain = state.chain;
    request.scenario = state.scenario;
    request.plain = state.plainAnalysis();
    return request;
}

AnalysisWorker::AnalysisWorker() : thread_([shared = shared_] { run(shared); }) {}

AnalysisWorker::~AnalysisWorker() { stopWorker(*shared_, thread_); }

void AnalysisWorker::request(AnalysisRequest request) { shared_->post(std::move(request)); }

std::optional<WorkerOutcome> AnalysisWorker::poll() { return shared_->poll(); }

bool AnalysisWorker::busy() const { return shared_->busy(); }

bool AnalysisWorker::freeing() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->freeing || !shared_->garbage.empty();
}

void AnalysisWorker::discard(std::shared_ptr<const void> garbage) {
    if (!garbage) return;
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->garbage.push_back(std::move(garbage));
    }
    shared_->wake.notify_all();
}

void AnalysisWorker::discard(AnalysisOutcome&& replaced) {
    discard(std::make_shared<const AnalysisOutcome>(std::move(replaced)));  // moves: no copy of the analysis
}

void AnalysisWorker::run(const std::shared_ptr<Shared>& shared) {
    yieldToInterface();
    auto freeGarbage = [&](std::vector<std::shared_ptr<const void>>& garbage) {
        if (garbage.empty()) return;
        garbage.clear();
        std::lock_guard<std::mutex> lock(shared->mutex);
        shared->freeing = false;
    };
    for (;;) {
        AnalysisRequest job;
        std::vector<std::shared_ptr<const void>> garbage;
        {
            std::unique_lock<std::mutex> lock(shared->mutex);
            shared->wake.wait(lock, [&] {
                return shared->stopping || shared->pending.has_value() || !shared->garbage.empty();
            });
            if (shared->stopping) return;
            garbage.swap(shared->garbage);
            shared->freeing = !garbage.empty();
            if (!shared->pending) {
                lock.unlock();
                freeGarbage(garbage);
                continue;
            }
            job = shared->take();
        }
        freeGarbage(garbage);
        auto start = std::chrono::steady_clock::now();
        WorkerOutcome done;
        AnalysisOutcome& outcome = done.outcome;
        // The segments handed to the layout first are the analysis's own first step: taken, not made again.
        std::shared_ptr<const chainatlas::Analysis> segments;
        if (job.segmentsFirst) {
            segments = std::make_shared<const chainatlas::Analysis>(
                chainatlas::analyzeSegmentsOf(*job.chain, analysisOptions(job.scenario)));
            job.segmentsFirst(job.chain, segments);
        }
        outcome = computeOutcome(job.chain, job.scenario, job.plain, segments.get());
        outcome.chainGeneration = job.chainGeneration;
        outcome.version = job.version;
        outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (job.sceneTheme) {
            done.scene = chainatlas::describeMap(*outcome.drawn, *outcome.analysis, *job.sceneTheme, job.sceneLevel,
                                                 {job.sceneLang, 10, ""});
            done.sceneLevel = job.sceneLevel;
            done.sceneLang = job.sceneLang;
        }
        shared->finish(std::move(done));
    }
}

}  // namespace viewer
