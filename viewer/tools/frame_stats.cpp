#include "tools/frame_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "app.hpp"

namespace viewer {

bool settled(const App& app) {
    if (app.opening()) return false;
    if (!app.state.hasAnalysis()) return true;
    // The newest layout shown, not only finished (a finished one waits for the next frame to be polled).
    bool shown = app.shownGeneration == app.state.layoutGeneration() || !app.layoutError.empty();
    return app.geometry && shown && !app.worker.busy() && !app.analysing();
}

void Interaction::next(App& app) {
    ViewerState& state = app.state;
    if (!state.hasAnalysis()) {
        step = kSteps;  // nothing to interact with
        return;
    }
    int regions = static_cast<int>(state.chain->regions.size());
    switch (step++) {
        case 0: setRegion(state, (state.scenario.region + 1) % regions); break;
        case 1:
            if (!state.analysis.targets.empty()) {
                firm = state.analysis.targets.front().firm;
                assume(state, {firm, state.scenario.region, {}});
            }
            break;
        default: undo(state); break;  // step 2 takes the what-if back, step 3 the region of step 0
    }
}

void FrameStats::adopted(double stepMs, double adoptMs) {
    adoptedFrame = frames - 1;
    adoptedMs = stepMs;
    adoptingMs = adoptMs;
}

void FrameStats::record(App& app, const Frame& f) {
    app.frameMs.push_back(static_cast<float>(f.ms));
    if (app.frameMs.size() > 120) app.frameMs.pop_front();
    if (frames > 2) {
        longestStep = std::max(longestStep, f.stepMs);
        longest = std::max(longest, f.ms);
        total += f.ms;
        if (f.layoutRunning) app.longestFrameMsWhileLayout = std::max(app.longestFrameMsWhileLayout, f.ms);
        if (f.analysing) app.longestFrameMsWhileAnalysing = std::max(app.longestFrameMsWhileAnalysing, f.ms);
        if (f.interacting) longestInteracting = std::max(longestInteracting, f.ms);
        if (f.interacting) longestBuildInteracting = std::max(longestBuildInteracting, f.buildMs);
    }
    ++frames;
    double sinceStart = std::chrono::duration<double>(Clock::now() - processStart).count();
    if (firstFrame < 0) firstFrame = sinceStart;
    if (firstMap < 0 && app.geometry) firstMap = sinceStart;
}

void FrameStats::print(const App& app, bool interact, int interactionSteps) const {
    std::printf(
        "frames %d, mean %.2f ms, longest %.2f ms, longest while laying out %.2f ms, layout %.3f s, "
        "first frame %.3f s, first map %.3f s\n",
        frames, frames > 3 ? total / (frames - 3) : 0.0, longest, app.longestFrameMsWhileLayout, app.lastLayoutSeconds,
        firstFrame, firstMap);
    std::printf("longest while analysing %.2f ms, analysis %.3f s\n", app.longestFrameMsWhileAnalysing,
                app.lastAnalysisSeconds);
    std::printf(
        "longest step with opening and fonts %.2f ms (a finished open adopted, the atlas rebuilt, "
        "the frame); open adopted in frame %d, that step %.2f ms (adopting %.2f ms)\n",
        longestStep, adoptedFrame, adoptedMs, adoptingMs);
    if (interact)
        std::printf(
            "interaction (region change, what-if, undo, region back): %d steps, longest frame %.2f ms, "
            "longest building the panels %.2f ms (the rest draws the pixels)\n",
            interactionSteps, longestInteracting, longestBuildInteracting);
}

// Written to a temporary file and renamed, so a reader never sees half of it; no fsync (a test aid, per frame).
void writeProbe(const App& app, const std::string& path, int frame) {
    std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << "frame " << frame << "\n" << app.probeReport();
        if (!out) return;
    }
    std::rename(temporary.c_str(), path.c_str());
}

}  // namespace viewer
