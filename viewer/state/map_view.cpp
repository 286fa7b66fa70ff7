// The map's camera transform and hit-testing, in plain numbers (the panel converts to ImGui's floats).
#include "state/map_view.hpp"

#include <algorithm>

namespace viewer {

using namespace chainatlas;

std::vector<ResourceMarkPlace> resourceMarksOnMap(const ViewerState& state, const MapScene& scene,
                                                  const MapGeometry& geometry) {
    std::vector<ResourceMarkPlace> marks;
    if (!state.showResources || scene.segments.size() != geometry.segments.size()) return marks;
    for (const SegmentNode& node : geometry.segments) {
        const std::vector<int>& looks = scene.segments[node.segment].resources;
        for (std::size_t i = 0; i < looks.size(); ++i)
            marks.push_back({looks[i], resourceMarkCentre(node.box, i, looks.size())});
    }
    return marks;
}

int resourceMarkAt(const std::vector<ResourceMarkPlace>& marks, Point world, double radius) {
    for (std::size_t i = marks.size(); i-- > 0;) {
        double dx = world.x - marks[i].centre.x, dy = world.y - marks[i].centre.y;
        if (dx * dx + dy * dy <= radius * radius) return marks[i].look;
    }
    return -1;
}

Point MapView::toPanel(Point world) const {
    return {(world.x - camera.x) * camera.zoom, (world.y - camera.y) * camera.zoom};
}

Point MapView::toScreen(Point world) const {
    Point p = toPanel(world);
    return {origin.x + p.x, origin.y + p.y};
}

Point MapView::toWorld(Point screen) const {
    return {camera.x + (screen.x - origin.x) / camera.zoom, camera.y + (screen.y - origin.y) / camera.zoom};
}

bool MapView::visible(const Box& box) const {
    Point a = toScreen({box.x, box.y}), c = toScreen({box.x + box.w, box.y + box.h});
    return c.x >= origin.x && a.x <= origin.x + size.x && c.y >= origin.y && a.y <= origin.y + size.y;
}

Camera MapView::panned(Point delta) const {
    Camera moved = camera;
    moved.x -= delta.x / camera.zoom;
    moved.y -= delta.y / camera.zoom;
    return moved;
}

Camera MapView::zoomedAbout(Point screen, double factor) const {
    Point world = toWorld(screen);
    Camera zoomed = camera;
    zoomed.zoom = std::clamp(camera.zoom * factor, 0.02, 20.0);
    zoomed.x = world.x - (screen.x - origin.x) / zoomed.zoom;
    zoomed.y = world.y - (screen.y - origin.y) / zoomed.zoom;
    return zoomed;
}

Camera MapView::fitted(const MapGeometry& geometry, double reserved, double reservedTop) const {
    if (geometry.width <= 0 || geometry.height <= 0) return camera;  // nothing laid out: ask again next frame
    double height = std::max(40.0, size.y - reserved - reservedTop);
    Camera fit = camera;
    fit.zoom = std::min(size.x / geometry.width, height / geometry.height) * 0.95;
    fit.x = geometry.width / 2 - size.x / (2 * fit.zoom);
    fit.y = geometry.height / 2 - (reservedTop + height / 2) / fit.zoom;
    fit.fitRequested = false;
    return fit;
}

bool MapView::aggregatesFirms(const MapGeometry& geometry) const {
    return !geometry.firms.empty() && geometry.firms.front().box.w * camera.zoom < 3.0;
}

float MapView::resourceMarkRadius() const {
    return std::max(4.0f, static_cast<float>(kResourceMarkRadius) * static_cast<float>(camera.zoom));
}

int MapView::segmentAt(const MapGeometry& geometry, Point screen) const {
    Point world = toWorld(screen);
    int hit = -1;
    for (const SegmentNode& node : geometry.segments)
        if (visible(node.box) && node.box.contains(world)) hit = node.segment;
    return hit;
}

bool firmStandsOut(const FirmLook& look, int firm, int selectedFirm) {
    return look.role != FirmRole::Other || look.assumed || firm == selectedFirm;
}

const FirmNode* MapView::firmAt(const MapGeometry& geometry, const MapScene& scene, int selectedFirm,
                                Point screen) const {
    Point world = toWorld(screen);
    bool aggregate = aggregatesFirms(geometry);
    const FirmNode* hit = nullptr;
    for (const FirmNode& node : geometry.firms) {
        if (!visible(node.box) || !node.box.contains(world)) continue;
        if (aggregate && !firmStandsOut(scene.firms[node.firm], node.firm, selectedFirm)) continue;
        hit = &node;
    }
    return hit;
}

int MapView::resourceAt(const std::vector<ResourceMarkPlace>& marks, Point screen) const {
    double radius = (resourceMarkRadius() + 1.5f) / camera.zoom;  // the white rim counts
    return resourceMarkAt(marks, toWorld(screen), radius);
}

MapHit MapView::hitTest(const MapGeometry& geometry, const MapScene& scene, const std::vector<ResourceMarkPlace>& marks,
                        int selectedFirm, Point screen) const {
    MapHit hit;
    hit.segment = segmentAt(geometry, screen);
    if (const FirmNode* firm = firmAt(geometry, scene, selectedFirm, screen)) {
        hit.firm = firm->firm;
        hit.firmSegment = firm->segment;
    }
    hit.resource = resourceAt(marks, screen);
    return hit;
}

Box locateContext(const MapGeometry& geometry, const Box& box, int segment) {
    double x0 = box.x, y0 = box.y, x1 = box.x + box.w, y1 = box.y + box.h;
    auto take = [&](int s) {
        if (s < 0 || s >= static_cast<int>(geometry.segments.size())) return;
        const Box& b = geometry.segments[s].box;
        x0 = std::min(x0, b.x), y0 = std::min(y0, b.y), x1 = std::max(x1, b.x + b.w), y1 = std::max(y1, b.y + b.h);
    };
    take(segment);
    for (const LinkPath& link : geometry.links)
        if (segment >= 0 && (link.from == segment || link.to == segment))
            take(link.from == segment ? link.to : link.from);
    return {x0, y0, x1 - x0, y1 - y0};
}

Selection clickedSelection(const MapHit& hit, const MapScene& scene) {
    if (hit.resource >= 0) return {SelectionKind::Resource, scene.resources[hit.resource].resource};
    if (hit.firm >= 0) return {SelectionKind::Firm, hit.firm};
    if (hit.segment >= 0) return {SelectionKind::Segment, hit.segment};
    return {};
}

}  // namespace viewer
