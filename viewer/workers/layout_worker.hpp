// Lays out maps on one worker thread (Graphviz is not thread-safe), so the window never waits for it.
// The UI posts the newest request; older waiting requests are dropped; the UI polls for results.
#pragma once

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
    std::optional<LayoutResult> poll();  // a finished layout, once
    bool busy() const;                   // a request is waiting or running

private:
    using Shared = Mailbox<LayoutRequest, LayoutResult>;
    static void run(const std::shared_ptr<Shared>& shared);

    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::thread thread_;
};

}  // namespace viewer
