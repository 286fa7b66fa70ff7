#include "tools/frame_stats.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>

#include "app.hpp"

namespace viewer {

bool settled(const App& app) {
    if (app.opening()) return false;
    if (!app.state.hasAnalysis()) return true;
    // The newest layout shown, not only finished (a finished one waits for the next frame to be polled).
    bool shown = app.shownGeneration == app.state.layoutGeneration() || !app.layoutError.empty();
    // Old results freed too (the analysis worker frees them after handing over the new ones), so that the
    // memory reported is what the window keeps, not what it is letting go of.
    return app.geometry && shown && !app.worker.busy() && !app.analysing() && !app.analysisWorker.freeing();
}

double residentMb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double anonymousMb() {
    std::ifstream status("/proc/self/status");
    std::string key;
    double kb = 0;
    while (status >> key) {
        if (key == "RssAnon:") {
            status >> kb;
            break;
        }
        status.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    return kb / 1024.0;
}

Interaction Interaction::planner() {
    Interaction i;
    i.script = {Step::Region, Step::WhatIf, Step::Undo, Step::Undo};  // the undos: the what-if, then the region
    return i;
}

Interaction Interaction::memory() {
    Interaction i;
    i.script.assign(10, Step::Region);
    i.script.insert(i.script.end(), 5, Step::WhatIf);
    i.reportMemory = true;
    return i;
}

namespace {

// The best target not assumed yet in the focal region.
void assumeNextTarget(ViewerState& state) {
    for (const chainatlas::Target& t : state.analysis().targets) {
        if (isAssumed(state, t.firm)) continue;
        assume(state, {t.firm, state.scenario.region, {}});
        return;
    }
}

const char* stepName(Interaction::Step step) {
    switch (step) {
        case Interaction::Step::Region: return "region change";
        case Interaction::Step::WhatIf: return "what-if";
        case Interaction::Step::Undo: return "undo";
    }
    return "";
}

}  // namespace

void Interaction::poll(App& app) {
    if (!active() || finished || !settled(app)) return;
    finished = done();
    next(app);
}

void Interaction::next(App& app) {
    ViewerState& state = app.state;
    if (step > 0)
        std::printf("step %zu (%s): settled after %.3f s\n", step, stepName(script[step - 1]),
                    std::chrono::duration<double>(Clock::now() - stepTaken).count());
    if (reportMemory)
        std::printf("memory after step %zu (%s): %.1f MB resident, %.1f MB anonymous\n", step,
                    step > 0 ? stepName(script[step - 1]) : "open", residentMb(), anonymousMb());
    if (!state.hasAnalysis()) {
        step = script.size();  // nothing to interact with
        return;
    }
    if (done()) return;
    int regions = static_cast<int>(state.chain->regions.size());
    stepTaken = Clock::now();
    switch (script[step++]) {
        case Step::Region: setRegion(state, (state.scenario.region + 1) % regions); break;
        case Step::WhatIf: assumeNextTarget(state); break;
        case Step::Undo: undo(state); break;
    }
}

std::string Interaction::label() const {
    std::string text;
    for (std::size_t i = 0; i < script.size(); ++i) {
        // Repeated steps once, with their count: "region change x10, what-if x5".
        std::size_t run = 1;
        while (i + run < script.size() && script[i + run] == script[i]) ++run;
        if (!text.empty()) text += ", ";
        text += stepName(script[i]);
        if (run > 1) text += " x" + std::to_string(run);
        i += run - 1;
    }
    return text;
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

void FrameStats::print(const App& app, const Interaction& interaction) const {
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
    if (interaction.active())
        std::printf(
            "interaction (%s): %d steps, longest frame %.2f ms, "
            "longest building the panels %.2f ms (the rest draws the pixels)\n",
            interaction.label().c_str(), static_cast<int>(interaction.step), longestInteracting,
            longestBuildInteracting);
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
