// Background threads run at a lower priority than the window's: on two cores the analysis and the layout
// otherwise take CPU time the frame needs (Mesa's software renderer draws on the same cores), and a frame
// waits. Linux gives each thread its own nice value; elsewhere this does nothing.
#pragma once

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace viewer {

// Nice 5: about a quarter of a core's time against the window's threads when both want it, all of it when
// the window is idle. Called by the worker thread itself.
inline void yieldToInterface() {
#if defined(__linux__)
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
}

}  // namespace viewer
