// Lays out maps on one worker thread (Graphviz is not thread-safe), so the window never waits for it.
// The UI posts the newest request; older waiting requests are dropped; the UI polls for results.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "chainatlas/map/layout.hpp"
#include "workers/worker_mailbox.hpp"

namespace viewer {

struct LayoutRequest {
    int generation = 0;
    std::shared_ptr<const chainatlas::Chain> chain;
    std::shared_ptr<const chainatlas::Analysis> analysis;  // shared with the state, read only
    chainatlas::LayoutOptions options;
};

struct LayoutResult {
    int generation = 0;
    std::shared_ptr<const chainatlas::Chain> chain;  // the chain the geometry belongs to
    chainatlas::Result<chainatlas::MapGeometry> geometry = chainatlas::MapGeometry{};
    double seconds = 0;
    bool reused = false;  // the engine had this map laid out already (layOutEarly)
};

// Shutdown never waits for a layout: a worker still busy when destroyed is left to finish on its own
// (its state is shared with the thread, so nothing it touches is freed) and its result is dropped.
class LayoutWorker {
public:
    LayoutWorker();
    ~LayoutWorker();
    LayoutWorker(const LayoutWorker&) = delete;
    LayoutWorker& operator=(const LayoutWorker&) = delete;

    void request(LayoutRequest request);
    // A layout the UI will ask for soon (a map of segments from analyzeSegmentsOf while the targets are
    // ranked), posted from any thread by the function returned: run when no request of the UI waits, its
    // result kept by the engine, which gives it at once to the UI's request with the same graph (layout.hpp)
    // and is never shown itself. A newer one replaces one that has not started.
    std::function<void(LayoutRequest)> layOutEarly() const;
    std::optional<LayoutResult> poll();  // a finished layout, once
    // The same, waiting up to `patience` for it: a layout the engine had ready (layOutEarly) takes 2-5 ms
    // on the worker, and waiting that long shows it in this frame instead of the next.
    std::optional<LayoutResult> pollWithin(std::chrono::microseconds patience);
    bool busy() const;  // a request (the UI's or an early one) is waiting or running

private:
    struct Shared : Mailbox<LayoutRequest, LayoutResult> {
        std::optional<LayoutRequest> early;
    };
    static void run(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::thread thread_;
};

}  // namespace viewer
