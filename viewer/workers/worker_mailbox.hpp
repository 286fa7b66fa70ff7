// What a worker thread and the UI share (the layout and the analysis workers): the newest request waiting
// (posting replaces an older one that has not started), the last result not yet polled, and whether the
// worker is busy or told to stop. Held by shared_ptr, so a worker left running at shutdown never touches
// freed memory.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace viewer {

// Called by a worker when it has a result, from the worker's thread: the window waits for input while a worker
// runs (up to 125 ms between frames, main.cpp) and this wakes it, so the result is shown at once instead of
// after the wait. Set by main.cpp while the window exists (glfwPostEmptyEvent); null in tests.
inline std::atomic<void (*)()> wakeWindow{nullptr};

template <typename Request, typename Result>
struct Mailbox {
    mutable std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable ready;  // a result is done
    std::optional<Request> pending;
    std::optional<Result> done;
    bool running = false, stopping = false;

    void post(Request request) {
        std::optional<Request> replaced;  // freed outside the lock
        {
            std::lock_guard<std::mutex> lock(mutex);
            replaced = std::move(pending);
            pending = std::move(request);
        }
        wake.notify_all();
    }
    std::optional<Result> poll() {  // a finished result, once
        std::lock_guard<std::mutex> lock(mutex);
        std::optional<Result> result = std::move(done);
        done.reset();
        return result;
    }
    // The same, waiting up to `patience` for the running or waiting job to finish.
    std::optional<Result> pollWithin(std::chrono::microseconds patience) {
        std::unique_lock<std::mutex> lock(mutex);
        ready.wait_for(lock, patience, [&] { return done.has_value() || (!running && !pending); });
        std::optional<Result> result = std::move(done);
        done.reset();
        return result;
    }
    bool busy() const {  // a request is waiting or running
        std::lock_guard<std::mutex> lock(mutex);
        return running || pending.has_value();
    }
    // The worker, under the lock: takes the waiting request and marks itself running.
    Request take() {
        Request job = std::move(*pending);
        pending.reset();
        running = true;
        return job;
    }
    // The worker, with a job's result: kept for poll() unless the UI is gone. A result the UI never polled
    // is freed here, outside the lock.
    void finish(Result result) {
        std::optional<Result> unread;
        bool wanted = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            wanted = !stopping;
            if (wanted) {
                unread = std::move(done);
                done = std::move(result);
            }
            running = false;
        }
        ready.notify_all();
        if (auto wake = wakeWindow.load(); wake && wanted) wake();
    }
};

// Stops the worker: joined when idle; one still running (Graphviz cannot be interrupted, an analysis of
// 100k firms takes a while) is left to finish on its own and its result is dropped. Shutdown never waits.
template <typename Shared>
void stopWorker(Shared& shared, std::thread& thread) {
    bool running = false;
    {
        std::lock_guard<std::mutex> lock(shared.mutex);
        shared.stopping = true;
        shared.pending.reset();
        running = shared.running;
    }
    shared.wake.notify_all();
    if (running) thread.detach();
    else thread.join();
}

}  // namespace viewer
