// The map on screen without ImGui: the camera transform (world <-> screen, pan, zoom about a point, fit to
// the map) and what lies under a screen point (segment box, firm cell, resource mark). The map panel asks
// it every frame and the tests check it with hand-computed numbers.
#pragma once

#include <vector>

#include "chainatlas/map/layout.hpp"
#include "chainatlas/map/scene.hpp"
#include "state/state.hpp"

namespace viewer {

// Where the resource layer puts marks on segment boxes (world coordinates), in drawing order; empty while
// the layer is hidden. The map panel draws and hit-tests exactly these.
struct ResourceMarkPlace {
    int look = -1;  // index into MapScene::resources
    chainatlas::Point centre;
};
std::vector<ResourceMarkPlace> resourceMarksOnMap(const ViewerState& state, const chainatlas::MapScene& scene,
                                                  const chainatlas::MapGeometry& geometry);
// The mark under a world point (the topmost, i.e. drawn last), or -1.
int resourceMarkAt(const std::vector<ResourceMarkPlace>& marks, chainatlas::Point world, double radius);

// What lies under a point of the map, each -1 when nothing. A resource mark lies on top of the box it
// serves and a firm cell inside its segment's box: the panel's tooltip and click take the first one set of
// resource, firm, segment.
struct MapHit {
    int segment = -1;
    int firm = -1, firmSegment = -1;  // the firm and the segment lane its cell is drawn in
    int resource = -1;                // index into MapScene::resources
};

// The map panel seen through the camera: screen = (world - camera) * zoom + origin.
struct MapView {
    chainatlas::Point origin;  // the panel's top-left corner on screen
    chainatlas::Point size;    // the panel's width and height in pixels
    Camera camera;

    chainatlas::Point toScreen(chainatlas::Point world) const;
    chainatlas::Point toPanel(chainatlas::Point world) const;  // from the panel's corner: toScreen - origin
    chainatlas::Point toWorld(chainatlas::Point screen) const;
    // Some part of the box is inside the panel (boxes outside are neither drawn nor hit).
    bool visible(const chainatlas::Box& box) const;

    // The camera moved by a mouse drag of `delta` pixels (the map follows the mouse).
    Camera panned(chainatlas::Point delta) const;
    // The camera zoomed by `factor` (kept within 0.02..20) so the world point under `screen` stays there.
    Camera zoomedAbout(chainatlas::Point screen, double factor) const;
    // The camera that shows the whole map between `reservedTop` pixels at the top (stage names) and `reserved`
    // pixels at the bottom (the legend), with a 5% margin.
    Camera fitted(const chainatlas::MapGeometry& geometry, double reserved, double reservedTop = 0) const;

    // Firm cells under 3 px: each lane is drawn as one block and only the firms that must stand out
    // (local, targets, assumed, the selected one) are drawn and hit one by one.
    bool aggregatesFirms(const chainatlas::MapGeometry& geometry) const;
    // The screen radius of a resource mark at this zoom (never under 4 px, so a mark stays visible).
    float resourceMarkRadius() const;

    // The segment whose box is under `screen` (the last in drawing order), or -1.
    int segmentAt(const chainatlas::MapGeometry& geometry, chainatlas::Point screen) const;
    // The firm cell under `screen` among those drawn one by one (see aggregatesFirms), or nullptr.
    const chainatlas::FirmNode* firmAt(const chainatlas::MapGeometry& geometry, const chainatlas::MapScene& scene,
                                       int selectedFirm, chainatlas::Point screen) const;
    // The resource mark under `screen`, its rim included (a mark is small), or -1.
    int resourceAt(const std::vector<ResourceMarkPlace>& marks, chainatlas::Point screen) const;
    MapHit hitTest(const chainatlas::MapGeometry& geometry, const chainatlas::MapScene& scene,
                   const std::vector<ResourceMarkPlace>& marks, int selectedFirm, chainatlas::Point screen) const;
};

// What a located box is shown with: the boxes of the segments linked to `segment` (the one located, or the
// one a firm is drawn in; -1: none) and that segment's own box, so that a planner sees where it sits.
chainatlas::Box locateContext(const chainatlas::MapGeometry& geometry, const chainatlas::Box& box, int segment);

// What a click there selects: the resource mark over the firm cell over the segment box; None on bare map.
Selection clickedSelection(const MapHit& hit, const chainatlas::MapScene& scene);

// Whether a firm is drawn (and can be hit) on its own when the lanes are aggregated.
bool firmStandsOut(const chainatlas::FirmLook& look, int firm, int selectedFirm);

}  // namespace viewer
