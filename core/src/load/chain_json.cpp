// The model written back as a chainatlas/1 document (ids instead of indices, kept keys restored).
#include "chainatlas/load/load.hpp"

namespace chainatlas {

namespace {

using nlohmann::json;

json nameToJson(const Name& name) {
    if (name.zh == name.en) return name.zh;
    json out = json::object();
    if (!name.zh.empty()) out["zh"] = name.zh;
    if (!name.en.empty()) out["en"] = name.en;
    return out;
}

// Starts from the kept unknown keys, so that a round trip loses nothing.
json withExtra(const json& extra) { return extra.is_object() ? extra : json::object(); }

void putName(json& object, const Name& name) {
    if (!name.zh.empty() || !name.en.empty()) object["name"] = nameToJson(name);
}

json idList(const std::vector<int>& indices, const auto& items) {
    json out = json::array();
    for (int i : indices) out.push_back(items[i].id);
    return out;
}

// The six metrics of a firm or a segment; absent ones are left out.
void putMetrics(json& object, const std::array<std::optional<double>, kMetricCount>& metrics) {
    json out = json::object();
    for (int m = 0; m < kMetricCount; ++m)
        if (metrics[m]) out[kMetricKeys[m]] = *metrics[m];
    if (!out.empty()) object["metrics"] = out;
}

json resourcesToJson(const Chain& chain) {
    json out = json::array();
    for (const Resource& resource : chain.resources) {
        json r = withExtra(resource.extra);
        r["id"] = resource.id;
        putName(r, resource.name);
        r["kind"] = kResourceKindKeys[static_cast<int>(resource.kind)];
        r["region"] = chain.regions[resource.region].id;
        if (!resource.segments.empty()) r["segments"] = idList(resource.segments, chain.segments);
        if (!resource.sources.empty()) r["sources"] = idList(resource.sources, chain.sources);
        r["confidence"] = resource.confidence;
        if (!resource.note.empty()) r["note"] = resource.note;
        if (resource.year) r["year"] = resource.year;
        out.push_back(r);
    }
    return out;
}

json tiesToJson(const Chain& chain) {
    json out = json::array();
    for (const Tie& tie : chain.ties) {
        json t = withExtra(tie.extra);
        t["resource"] = chain.resources[tie.resource].id;
        t["firm"] = chain.firms[tie.firm].id;
        t["kind"] = kTieKindKeys[static_cast<int>(tie.kind)];
        t["confidence"] = tie.confidence;
        if (tie.year) t["year"] = tie.year;
        out.push_back(t);
    }
    return out;
}

json sourcesToJson(const Chain& chain) {
    json out = json::array();
    for (const Source& source : chain.sources) {
        json s = withExtra(source.extra);
        s["id"] = source.id;
        if (!source.title.empty()) s["title"] = source.title;
        if (!source.url.empty()) s["url"] = source.url;
        if (!source.accessed.empty()) s["accessed"] = source.accessed;
        out.push_back(s);
    }
    return out;
}

json stagesToJson(const Chain& chain) {
    json out = json::array();
    for (const Stage& stage : chain.stages) {
        json s = withExtra(stage.extra);
        s["id"] = stage.id;
        putName(s, stage.name);
        out.push_back(s);
    }
    return out;
}

json segmentsToJson(const Chain& chain) {
    json out = json::array();
    for (const Segment& segment : chain.segments) {
        json s = withExtra(segment.extra);
        s["id"] = segment.id;
        putName(s, segment.name);
        if (segment.stage >= 0) s["stage"] = chain.stages[segment.stage].id;
        putMetrics(s, segment.metrics);
        if (!segment.division.empty()) s["division"] = segment.division;
        if (!segment.sources.empty()) s["sources"] = idList(segment.sources, chain.sources);
        if (segment.market) s["market"] = true;
        out.push_back(s);
    }
    return out;
}

json linksToJson(const Chain& chain) {
    json out = json::array();
    for (const Link& link : chain.links) {
        json l = withExtra(link.extra);
        l["from"] = chain.segments[link.from].id;
        l["to"] = chain.segments[link.to].id;
        out.push_back(l);
    }
    return out;
}

json regionsToJson(const Chain& chain) {
    json out = json::array();
    for (const Region& region : chain.regions) {
        json r = withExtra(region.extra);
        r["id"] = region.id;
        putName(r, region.name);
        if (region.lon) r["lon"] = *region.lon;
        if (region.lat) r["lat"] = *region.lat;
        out.push_back(r);
    }
    return out;
}

json siteToJson(const Chain& chain, const Site& site) {
    json s = withExtra(site.extra);
    s["region"] = chain.regions[site.region].id;
    s["segments"] = json::array();
    for (int segment : site.segments) s["segments"].push_back(chain.segments[segment].id);
    if (site.output) s["output"] = *site.output;
    if (!site.confidence.empty()) s["confidence"] = site.confidence.str();
    if (site.year) s["year"] = site.year;
    return s;
}

json firmsToJson(const Chain& chain) {
    json out = json::array();
    for (const Firm& firm : chain.firms) {
        json f = withExtra(firm.extra);
        f["id"] = firm.id;
        putName(f, firm.name);
        f["leader"] = firm.leader;
        putMetrics(f, firm.metrics);
        f["sites"] = json::array();
        for (const Site& site : firm.sites) f["sites"].push_back(siteToJson(chain, site));
        f["sources"] = json::array();
        for (int source : firm.sources) f["sources"].push_back(chain.sources[source].id);
        out.push_back(f);
    }
    return out;
}

json suppliesToJson(const Chain& chain) {
    json out = json::array();
    for (std::size_t i = 0; i < chain.supplies.size(); ++i) {
        const Supply& supply = chain.supplies[i];
        json s = withExtra(supplyExtra(chain, static_cast<int>(i)));
        s["from"] = chain.firms[supply.from].id;
        s["to"] = chain.firms[supply.to].id;
        if (supply.segment >= 0) s["segment"] = chain.segments[supply.segment].id;
        if (!supply.confidence.empty()) s["confidence"] = supply.confidence.str();
        if (supply.fromRegion >= 0) s["from_region"] = chain.regions[supply.fromRegion].id;
        if (supply.toRegion >= 0) s["to_region"] = chain.regions[supply.toRegion].id;
        if (supply.year) s["year"] = supply.year;
        out.push_back(s);
    }
    return out;
}

}  // namespace

json chainToJson(const Chain& chain) {
    json doc = json::object();
    doc["format"] = "chainatlas/1";
    json head = withExtra(chain.extra);
    head["id"] = chain.id;
    putName(head, chain.name);
    if (!chain.note.zh.empty() || !chain.note.en.empty()) head["note"] = nameToJson(chain.note);
    doc["chain"] = head;
    doc["sources"] = sourcesToJson(chain);
    doc["stages"] = stagesToJson(chain);
    doc["segments"] = segmentsToJson(chain);
    doc["links"] = linksToJson(chain);
    doc["regions"] = regionsToJson(chain);
    doc["firms"] = firmsToJson(chain);
    doc["supplies"] = suppliesToJson(chain);
    if (!chain.resources.empty()) doc["resources"] = resourcesToJson(chain);
    if (!chain.ties.empty()) doc["ties"] = tiesToJson(chain);
    return doc;
}

}  // namespace chainatlas
