// Measurement aids of the window's loop, kept out of main.cpp: frame times for the status bar and the
// --screenshot statistics, the scripted --interact steps, and the --probe file written after each frame.
// None of them changes what a planner sees; they let tests and bench/ read what the loop did.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace viewer {

struct App;

using Clock = std::chrono::steady_clock;

// Analysed and laid out: nothing in flight that would change the picture.
bool settled(const App& app);

// --interact: what a planner does, one step each time the previous one has settled (analysed and laid out),
// so that the longest frame meanwhile shows whether the window ever waited for the analysis; each step's
// time from the change to the settled map is printed (to the frame: settling is checked once a frame).
// --interact-memory: ten region changes, then five what-ifs, with the resident memory printed once each step
// has settled, so that memory growing with region changes shows (bench/run.sh reads the lines).
struct Interaction {
    enum class Step { Region, WhatIf, Undo };
    std::vector<Step> script;
    std::size_t step = 0;
    bool reportMemory = false;
    bool finished = false;         // every step taken and the last one reported
    Clock::time_point stepTaken;   // when the newest step changed the state
    static Interaction planner();  // region change, what-if, undo, undo
    static Interaction memory();   // ten region changes, five what-ifs
    bool active() const { return !script.empty(); }
    bool done() const { return step >= script.size(); }
    void next(App& app);        // also reports the memory after the step before, when asked
    void poll(App& app);        // the next step once the window has settled (one call more reports the last step)
    std::string label() const;  // the script's steps, for the statistics line
};

// The process's resident memory in MB (/proc/self/statm), and the anonymous part of it (/proc/self/status:
// the heap and other private memory, without the mapped libraries and fonts, which a tiny chain needs too).
double residentMb();
double anonymousMb();

// Frame times for the status bar and the --screenshot statistics (without the first three frames, which build
// fonts and textures). `processStart`: the first frame and the first map are timed from there.
struct FrameStats {
    explicit FrameStats(Clock::time_point processStart) : processStart(processStart) {}
    Clock::time_point processStart;
    int frames = 0;
    double longest = 0, total = 0, longestInteracting = 0;  // ms
    double longestBuildInteracting = 0;     // ms of the longest frame's panels alone, without drawing the pixels
    double firstFrame = -1, firstMap = -1;  // seconds since the process started
    double longestStep = 0;  // ms of the longest loop step: adopting a finished open, the font atlas, the frame
    int adoptedFrame = -1;   // the last frame that adopted a finished open (a file or a session), and its step
    double adoptedMs = 0, adoptingMs = 0;  // the step, and adopting alone

    struct Frame {
        double ms = 0, stepMs = 0, buildMs = 0;  // the frame, the whole loop step, building the panels
        bool layoutRunning = false, analysing = false, interacting = false;
    };
    void adopted(double stepMs, double adoptMs);
    void record(App& app, const Frame& frame);
    void print(const App& app, const Interaction& interaction) const;
};

// Rewrites the probe file after every frame, with the frame's number first, so the end-to-end test can wait
// for frames to pass instead of guessing with sleeps (a loaded machine draws a frame in 40 or 400 ms).
void writeProbe(const App& app, const std::string& path, int frame);

}  // namespace viewer
