// A map's Graphviz graph and dot's layout of it as bytes, and the helper process that lays graphs out from
// them. Graphviz 2.42's dot does not free the virtual nodes and edges it makes for links between clusters
// (docs/performance.md: about 0.4 MB a layout of a 300-segment chain), so a program that lays out maps for
// hours (the viewer) has a helper process do it and starts a new one when the old one has grown.
#pragma once

#include <graphviz/gvc.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainatlas::detail {

// Graph object ids in creation order, not from memory addresses (layout.cpp explains why).
Agdisc_t* sequentialDiscipline();

// The Graphviz graph of one map: a cluster per stage, a box per segment, an edge per routed link (null for
// a link dot does not route). Owned by the caller, who closes it.
struct GraphParts {
    Agraph_t* graph = nullptr;
    std::vector<Agraph_t*> clusters;
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;
};

// What dot worked out and the map needs (layout.cpp's geometryOf turns it into map geometry).
struct RawLayout {
    struct Place {
        pointf centre{};
        double width = 0, height = 0;  // inches
    };
    struct Curve {
        std::vector<pointf> points;  // the first Bézier of the edge's spline; empty: none
        bool arrow = false;
        pointf tip{};
    };
    boxf bb{};
    std::vector<std::optional<boxf>> clusters;  // per cluster; none for a cluster without nodes
    std::vector<Place> nodes;
    std::vector<Curve> edges;  // per GraphParts::edges
};
RawLayout rawLayoutOf(const GraphParts& parts);

// The graph as bytes: its attributes, clusters, nodes (names, owners, attributes) and edges in the order they
// were made, so that the graph made again from them is made by the same calls in the same order, gets the
// same ids, and dot lays it out the same (a test compares the two).
std::string graphBytes(const GraphParts& parts);
std::optional<GraphParts> graphFromBytes(std::string_view bytes);
std::string rawLayoutBytes(const RawLayout& layout);
std::optional<RawLayout> rawLayoutFromBytes(std::string_view bytes);

// A helper process started from `command` (the program itself with a flag that makes it call
// serveLayouts), over a socket on its standard input.
class LayoutHelper {
public:
    LayoutHelper(std::vector<std::string> command, std::size_t mostHeapBytes)
        : command_(std::move(command)), mostHeapBytes_(mostHeapBytes) {}
    ~LayoutHelper();  // ends the helper at once, even in the middle of a layout nobody waits for
    LayoutHelper(const LayoutHelper&) = delete;
    LayoutHelper& operator=(const LayoutHelper&) = delete;

    struct Outcome {
        enum class Ended {
            Unavailable,  // no helper could be started: lay out in this process
            Done,
            Failed,  // dot failed, or the helper stopped (a crash of dot): `why`
        };
        Ended ended = Ended::Unavailable;
        RawLayout layout;
        std::string why;
    };
    Outcome layOut(const GraphParts& parts, const std::string& bytes);  // bytes: graphBytes(parts)
    int started() const { return started_; }  // helpers started so far (one more each time one is replaced)

private:
    std::vector<std::string> command_;
    std::size_t mostHeapBytes_;  // a helper whose heap has grown past this is replaced before the next layout
    pid_t pid_ = -1;
    int socket_ = -1;
    bool unavailable_ = false;  // starting failed once: not tried again
    int started_ = 0;
    bool start();
    int stop();                // the helper's wait status (0 when there was none)
    std::string stopAndSay();  // stops a helper that broke off, and says how it ended
};

// The helper's side: reads graphs from `socket` until it closes, lays each out, writes each result back.
int serveLayouts(int socket, GVC_t* gvc);

}  // namespace chainatlas::detail
