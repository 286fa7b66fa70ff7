// Analyses scenarios on one worker thread, so a region change or a what-if at 100k firms never stalls the
// window. Like the layout worker: the UI posts the newest request (an older one still waiting is dropped)
// and polls; each outcome carries the file generation and request version it was computed for, and
// applyOutcome (state.hpp) drops it if the file was replaced or a newer request was made meanwhile.
// The worker also frees what the UI hands back (an old drawn chain of 100k firms takes ~0.1 s to free).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "chainatlas/map/scene.hpp"
#include "chainatlas/map/theme.hpp"
#include "state/state.hpp"
#include "workers/worker_mailbox.hpp"

namespace viewer {

struct AnalysisRequest {
    int chainGeneration = 0;
    int version = 0;
    std::shared_ptr<const chainatlas::Chain> chain;
    Scenario scenario;
    std::shared_ptr<const chainatlas::Analysis> plain;  // reused when only the what-ifs differ
    // The map's description for the new analysis, made on the worker too (at 100k firms it takes longer
    // than the analysis): the theme, level and language it is for.
    std::optional<chainatlas::Theme> sceneTheme;
    chainatlas::MapLevel sceneLevel = chainatlas::MapLevel::Segment;
    Lang sceneLang = Lang::Zh;
    // Given the chain and the analysis's segments alone (analyzeSegmentsOf) before the targets are ranked:
    // the app lays out a map of segments from them meanwhile (LayoutWorker::layOutEarly). Empty: not wanted.
    std::function<void(std::shared_ptr<const chainatlas::Chain>, std::shared_ptr<const chainatlas::Analysis>)>
        segmentsFirst;
};

// The outcome of a request with what the map's description needs.
struct WorkerOutcome {
    AnalysisOutcome outcome;
    std::optional<chainatlas::MapScene> scene;
    chainatlas::MapLevel sceneLevel = chainatlas::MapLevel::Segment;
    Lang sceneLang = Lang::Zh;
};

// A request for the scenario the state holds now (the caller posts it when state.analysing()).
AnalysisRequest analysisRequest(const ViewerState& state);

// Shutdown never waits for an analysis: a worker still busy when destroyed is left to finish on its own
// (its state is shared with the thread) and its outcome is dropped.
class AnalysisWorker {
public:
    AnalysisWorker();
    ~AnalysisWorker();
    AnalysisWorker(const AnalysisWorker&) = delete;
    AnalysisWorker& operator=(const AnalysisWorker&) = delete;

    void request(AnalysisRequest request);
    std::optional<WorkerOutcome> poll();  // a finished analysis, once
    bool busy() const;                    // a request is waiting or running
    bool freeing() const;                 // memory handed to discard() is not freed yet
    // Memory to free on the worker thread instead of the UI's.
    void discard(std::shared_ptr<const void> garbage);
    void discard(AnalysisOutcome&& replaced);

private:
    struct Shared : Mailbox<AnalysisRequest, WorkerOutcome> {
        std::vector<std::shared_ptr<const void>> garbage;  // freed on the worker thread
        bool freeing = false;                              // taken from `garbage` and being freed
    };
    static void run(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::thread thread_;
};

}  // namespace viewer
