// chainatlas/1 validation: walks the parsed document, reports every problem with its JSON pointer,
// and builds the model (ids become indices) when nothing is wrong.
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include "base/json_reader.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/load/load.hpp"
#include "load/validate.hpp"

namespace chainatlas {

namespace {

using nlohmann::json;

// The "id" of an element when it is a string, else "" (a wrong type is reported by collectIds).
// Never json::value(): it throws on a type mismatch, and input is untrusted.
std::string idString(const json& item) {
    auto it = item.find("id");
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string at(const std::string& pointer, const std::string& key) { return pointerTo(pointer, key); }
std::string at(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

// The ids of one top-level array: id -> position, in file order.
struct IdTable {
    std::string kind;  // "segment", "region", ...
    std::unordered_map<std::string, int> index;
    std::vector<std::string> ids;
    std::unordered_map<std::string, std::string> byName;  // a Chinese or English name -> its id (the first)
};

// The names of an item, as they may be typed instead of its id ("渭南" for weinan).
void rememberNames(const json& item, const std::string& id, IdTable& table) {
    auto name = item.find("name");
    if (name == item.end()) return;
    if (name->is_string()) table.byName.emplace(name->get<std::string>(), id);
    if (!name->is_object()) return;
    for (const char* lang : {"zh", "en"})
        if (auto text = name->find(lang); text != name->end() && text->is_string())
            table.byName.emplace(text->get<std::string>(), id);
}

// An unknown key in an object whose keys are fixed (a name's languages, the six metrics): an error, so a
// typo ("polution") never vanishes.
template <typename Words>
std::vector<std::string> unknownKeys(const json& object, const Words& known) {
    std::vector<std::string> unknown;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known)) unknown.push_back(it.key());
    return unknown;
}

class Validator {
public:
    explicit Validator(std::string file) : file_(std::move(file)) {}

    LoadResult run(const json& doc);

private:
    std::string file_;
    std::vector<Diagnostic> diagnostics_;
    int suggestionsLeft_ = kMaxSuggestionsPerFile;
    Chain chain_;
    IdTable sources_{"source", {}, {}, {}}, stages_{"stage", {}, {}, {}}, segments_{"segment", {}, {}, {}},
        regions_{"region", {}, {}, {}}, firms_{"firm", {}, {}, {}}, resources_{"resource", {}, {}, {}};

    void error(const std::string& pointer, const std::string& message) {
        diagnostics_.push_back({Severity::Error, file_, pointer, message});
    }
    void warning(const std::string& pointer, const std::string& message) {
        diagnostics_.push_back({Severity::Warning, file_, pointer, message});
    }

    const json* array(const json& doc, const char* key, bool required);
    void collectIds(const json* items, const std::string& pointer, IdTable& table);
    int reference(const json& owner, const std::string& pointer, const char* key, const IdTable& table, bool required);
    int referenceValue(const json& value, const std::string& pointer, const IdTable& table);
    Name name(const json& owner, const std::string& pointer);
    Name bilingual(const json& owner, const std::string& pointer, const char* key);
    std::optional<std::string> string(const json& owner, const std::string& pointer, const char* key, bool required);
    std::optional<double> number(const json& owner, const std::string& pointer, const char* key, bool nonNegative);
    int year(const json& owner, const std::string& pointer);
    void checkSupplyEnd(const Supply& supply, bool buyer, const std::string& pointer);
    json extra(const json& object, std::initializer_list<const char*> known);
    bool isObject(const json& value, const std::string& pointer, const char* what);

    void readChain(const json& doc);
    void readSources(const json* items);
    void readStages(const json* items);
    void readSegments(const json* items);
    void readLinks(const json* items);
    void readRegions(const json* items);
    void readFirms(const json* items);
    void readSite(const json& item, const std::string& pointer, Firm& firm);
    void readMetrics(const json& owner, const std::string& pointer,
                     std::array<std::optional<double>, kMetricCount>& metrics);
    void readSupplies(const json* items);
    void readResources(const json* items);
    void readTies(const json* items);
    int keyword(const json& owner, const std::string& pointer, const char* key, const std::vector<std::string>& words);
    std::string confidence(const json& owner, const std::string& pointer);
    std::vector<int> references(const json& owner, const std::string& pointer, const char* key, const IdTable& table);
    void checkCycles(const json* links, const json* segments);
    void checkOutputTotals();
};

void Validator::checkOutputTotals() {
    auto problem = outputTotalProblem(chain_.firms);
    if (!problem) return;
    std::string p = at(at(at("/firms", problem->firm), "sites"), problem->site) + "/output";
    if (problem->infiniteTotal)
        error(p, "outputs add up to more than a number can hold (infinite total): use a smaller unit");
    else error(p, "output is more than 300 orders of magnitude below the total of all outputs: use one unit");
}

bool Validator::isObject(const json& value, const std::string& pointer, const char* what) {
    if (value.is_object()) return true;
    error(pointer, std::string("expected ") + what + " object, found " + jsonTypeName(value));
    return false;
}

const json* Validator::array(const json& doc, const char* key, bool required) {
    auto it = doc.find(key);
    if (it == doc.end()) {
        if (required) error("/" + std::string(key), std::string("missing required array \"") + key + "\"");
        return nullptr;
    }
    if (!it->is_array()) {
        error("/" + std::string(key), std::string("\"") + key + "\" must be an array, found " + jsonTypeName(*it));
        return nullptr;
    }
    return &*it;
}

void Validator::collectIds(const json* items, const std::string& pointer, IdTable& table) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json& item = (*items)[i];
        if (!item.is_object()) continue;  // reported when the element is read
        auto it = item.find("id");
        std::string idPointer = at(at(pointer, i), "id");
        if (it == item.end()) {
            error(idPointer, "missing \"id\"");
            continue;
        }
        if (!it->is_string()) {
            error(idPointer, "\"id\" must be a string, found " + jsonTypeName(*it));
            continue;
        }
        const std::string& id = it->get_ref<const std::string&>();
        if (!isValidId(id)) {
            error(idPointer, "invalid id \"" + id +
                                 "\": ids are lower-case letters, digits, '.', '_' and '-', "
                                 "starting with a letter or digit");
            continue;
        }
        auto [existing, inserted] = table.index.emplace(id, static_cast<int>(i));
        if (!inserted) {
            error(idPointer, "duplicate " + table.kind + " id \"" + id + "\" (first at " +
                                 at(pointer, static_cast<std::size_t>(existing->second)) + ")");
            continue;
        }
        table.ids.push_back(id);
        rememberNames(item, id, table);
    }
}

int Validator::referenceValue(const json& value, const std::string& pointer, const IdTable& table) {
    if (!value.is_string()) {
        error(pointer, "expected a " + table.kind + " id (a string), found " + jsonTypeName(value));
        return -1;
    }
    const std::string& id = value.get_ref<const std::string&>();
    auto it = table.index.find(id);
    if (it == table.index.end()) {
        // A name typed instead of the id: the id it names. Else suggestions, which cost a scan of the ids each:
        // a file full of misspellings gets the first few only.
        std::string hint;
        if (auto named = table.byName.find(id); named != table.byName.end())
            hint = " (did you mean \"" + named->second + "\", " + id + "?)";
        else if (suggestionsLeft_ > 0) hint = didYouMean(id, table.ids);
        --suggestionsLeft_;
        error(pointer, "unknown " + table.kind + " \"" + id + "\"" + hint);
        return -1;
    }
    return it->second;
}

int Validator::reference(const json& owner, const std::string& pointer, const char* key, const IdTable& table,
                         bool required) {
    auto it = owner.find(key);
    if (it == owner.end()) {
        if (required) error(at(pointer, key), std::string("missing \"") + key + "\"");
        return -1;
    }
    return referenceValue(*it, at(pointer, key), table);
}

Name Validator::name(const json& owner, const std::string& pointer) { return bilingual(owner, pointer, "name"); }

// A text in both languages: a string (both) or {"zh", "en"} with at least one (a name, the chain's note).
Name Validator::bilingual(const json& owner, const std::string& pointer, const char* key) {
    Name result;
    auto it = owner.find(key);
    if (it == owner.end()) return result;  // optional: the id stands in for a name
    std::string p = at(pointer, key);
    if (it->is_string()) {
        result.zh = result.en = it->get<std::string>();
        return result;
    }
    if (!it->is_object()) {
        error(p, std::string("a ") + key + " is a string or an object with \"zh\" and/or \"en\", found " +
                     jsonTypeName(*it));
        return result;
    }
    static const std::vector<std::string> languages = {"zh", "en"};
    for (const std::string& unknown : unknownKeys(*it, languages))
        error(at(p, unknown), "unknown key \"" + unknown + "\" in a " + key + didYouMean(unknown, languages) + ": a " +
                                  key + " has \"zh\" and \"en\" only");
    bool any = false;
    for (const char* lang : {"zh", "en"}) {
        auto value = it->find(lang);
        if (value == it->end()) continue;
        if (!value->is_string()) {
            error(at(p, lang), std::string("\"") + lang + "\" must be a string, found " + jsonTypeName(*value));
            continue;
        }
        (std::string(lang) == "zh" ? result.zh : result.en) = value->get<std::string>();
        any = true;
    }
    if (!any && !it->contains("zh") && !it->contains("en"))
        error(p, std::string("a ") + key + " object needs \"zh\" and/or \"en\"");
    return result;
}

std::optional<std::string> Validator::string(const json& owner, const std::string& pointer, const char* key,
                                             bool required) {
    auto it = owner.find(key);
    if (it == owner.end()) {
        if (required) error(at(pointer, key), std::string("missing \"") + key + "\"");
        return std::nullopt;
    }
    if (!it->is_string()) {
        error(at(pointer, key), std::string("\"") + key + "\" must be a string, found " + jsonTypeName(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<double> Validator::number(const json& owner, const std::string& pointer, const char* key,
                                        bool nonNegative) {
    auto it = owner.find(key);
    if (it == owner.end()) return std::nullopt;
    std::string p = at(pointer, key);
    if (!it->is_number()) {
        error(p, std::string("\"") + key + "\" must be a number, found " + jsonTypeName(*it));
        return std::nullopt;
    }
    double value = it->get<double>();
    if (!std::isfinite(value)) {
        error(p, std::string("\"") + key + "\" must be a finite number");
        return std::nullopt;
    }
    if (nonNegative && value < 0) {
        error(p, std::string("\"") + key + "\" must not be negative, found " + it->dump());
        return std::nullopt;
    }
    return value;
}

// The year a fact refers to (sites, supplies, resources, ties): a whole number; 0 when absent.
int Validator::year(const json& owner, const std::string& pointer) {
    auto it = owner.find("year");
    if (it == owner.end()) return 0;
    if (!it->is_number_integer() || it->get<std::int64_t>() < kFirstYear || it->get<std::int64_t>() > kLastYear) {
        error(at(pointer, "year"), "\"year\" must be a whole number from " + std::to_string(kFirstYear) + " to " +
                                       std::to_string(kLastYear) + ", found " + it->dump());
        return 0;
    }
    return static_cast<int>(it->get<std::int64_t>());
}

// A named plant where the firm has no site is probably a typo or a missing site: said, not refused.
void Validator::checkSupplyEnd(const Supply& supply, bool buyer, const std::string& pointer) {
    int firm = buyer ? supply.to : supply.from, region = buyer ? supply.toRegion : supply.fromRegion;
    if (firm < 0 || region < 0) return;
    const auto& sites = chain_.firms[static_cast<std::size_t>(firm)].sites;
    if (std::any_of(sites.begin(), sites.end(), [&](const Site& site) { return site.region == region; })) return;
    warning(at(pointer, buyer ? "to_region" : "from_region"),
            "firm \"" + chain_.firms[static_cast<std::size_t>(firm)].id + "\" has no site in region \"" +
                chain_.regions[static_cast<std::size_t>(region)].id + "\"");
}

json Validator::extra(const json& object, std::initializer_list<const char*> known) {
    json result;  // stays null (no allocation) unless there are unknown keys
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool isKnown = std::any_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; });
        if (!isKnown) result[it.key()] = it.value();
    }
    return result;
}

void Validator::readChain(const json& doc) {
    auto it = doc.find("chain");
    if (it == doc.end()) {
        error("/chain", "missing required object \"chain\" (with \"id\" and \"name\")");
        return;
    }
    if (!isObject(*it, "/chain", "a chain")) return;
    if (auto id = string(*it, "/chain", "id", true)) {
        if (!isValidId(*id)) error("/chain/id", "invalid id \"" + *id + "\"");
        chain_.id = *id;
    }
    chain_.name = name(*it, "/chain");
    chain_.note = bilingual(*it, "/chain", "note");
    chain_.extra = extra(*it, {"id", "name", "note"});
}

void Validator::readSources(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/sources", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a source")) continue;
        Source source;
        source.id = idString(item);
        if (auto v = string(item, p, "title", false)) source.title = *v;
        if (auto v = string(item, p, "url", false)) source.url = *v;
        if (auto v = string(item, p, "accessed", false)) source.accessed = *v;
        source.extra = extra(item, {"id", "title", "url", "accessed"});
        chain_.sources.push_back(std::move(source));
    }
}

void Validator::readStages(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/stages", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a stage")) continue;
        Stage stage;
        stage.id = idString(item);
        stage.name = name(item, p);
        stage.extra = extra(item, {"id", "name"});
        chain_.stages.push_back(std::move(stage));
    }
}

// The optional six 三高三低 metrics of a firm or a segment: finite, non-negative numbers.
void Validator::readMetrics(const json& owner, const std::string& pointer,
                            std::array<std::optional<double>, kMetricCount>& metrics) {
    auto it = owner.find("metrics");
    if (it == owner.end()) return;
    std::string mp = at(pointer, "metrics");
    if (!isObject(*it, mp, "a metrics")) return;
    static const std::vector<std::string> keys(kMetricKeys.begin(), kMetricKeys.end());
    for (const std::string& unknown : unknownKeys(*it, keys))
        error(at(mp, unknown), "unknown metric \"" + unknown + "\"" + didYouMean(unknown, keys) +
                                   " (the metrics are tech, profit, growth, pollution, energy, land)");
    for (int m = 0; m < kMetricCount; ++m) metrics[m] = number(*it, mp, kMetricKeys[m], true);
}

void Validator::readSegments(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/segments", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a segment")) continue;
        Segment segment;
        segment.id = idString(item);
        segment.name = name(item, p);
        segment.stage = reference(item, p, "stage", stages_, false);
        readMetrics(item, p, segment.metrics);  // industry-level figures (docs/method.md §1): checked like a firm's
        if (auto division = string(item, p, "division", false)) segment.division = *division;
        segment.sources = references(item, p, "sources", sources_);
        if (auto market = item.find("market"); market != item.end()) {
            if (market->is_boolean()) segment.market = market->get<bool>();
            else error(at(p, "market"), "\"market\" must be true or false, found " + jsonTypeName(*market));
        }
        segment.extra = extra(item, {"id", "name", "stage", "metrics", "division", "sources", "market"});
        chain_.segments.push_back(std::move(segment));
    }
}

void Validator::readLinks(const json* items) {
    if (!items) return;
    std::set<std::pair<int, int>> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/links", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a link")) continue;
        Link link;
        link.from = reference(item, p, "from", segments_, true);
        link.to = reference(item, p, "to", segments_, true);
        link.extra = extra(item, {"from", "to"});
        if (link.from >= 0 && link.to >= 0 && !seen.insert({link.from, link.to}).second) warning(p, "duplicate link");
        chain_.links.push_back(std::move(link));
    }
}

// Segment positions as vertices, one edge per resolvable link carrying the link's position, so a cycle
// can be located in the file.
using LinkGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                        boost::property<boost::edge_index_t, int>>;

// Depth-first search that reports each back edge (u -> v with v still on the stack) as the cycle
// v -> ... -> u -> v, walking the tree edges back from u.
class CycleReporter : public boost::default_dfs_visitor {
public:
    CycleReporter(std::vector<int>& parent, std::function<void(int, int, int)> report)
        : parent_(&parent), report_(std::move(report)) {}
    void tree_edge(LinkGraph::edge_descriptor e, const LinkGraph& g) const {
        (*parent_)[boost::target(e, g)] = static_cast<int>(boost::source(e, g));
    }
    void back_edge(LinkGraph::edge_descriptor e, const LinkGraph& g) const {
        report_(static_cast<int>(boost::source(e, g)), static_cast<int>(boost::target(e, g)),
                boost::get(boost::edge_index, g, e));
    }

private:
    std::vector<int>* parent_;
    std::function<void(int, int, int)> report_;
};

void Validator::checkCycles(const json* items, const json* segments) {
    if (!items || !segments) return;
    // Indices here are positions in the "segments" array, as the references resolved them.
    int n = static_cast<int>(segments->size());
    auto idOf = [&](int s) { return idString((*segments)[s]); };
    auto resolve = [&](const json& link, const char* key) {
        auto it = link.find(key);
        if (it == link.end() || !it->is_string()) return -1;
        auto found = segments_.index.find(it->get<std::string>());
        return found == segments_.index.end() ? -1 : found->second;
    };
    LinkGraph graph(n);
    for (int k = 0; k < static_cast<int>(items->size()); ++k) {
        const json& link = (*items)[k];
        if (!link.is_object()) continue;
        int from = resolve(link, "from"), to = resolve(link, "to");
        if (from >= 0 && to >= 0) boost::add_edge(from, to, k, graph);
    }
    std::vector<int> parent(n, -1);
    int reported = 0;
    auto report = [&](int from, int to, int linkIndex) {
        if (++reported > 20) return;  // a tangle of links: the first twenty cycles say enough
        std::vector<int> walk;
        for (int u = from; u != to; u = parent[u]) walk.push_back(u);
        std::string text = idOf(to);
        std::reverse(walk.begin(), walk.end());  // (std::views::reverse: clang 14 cannot read GCC 12's <ranges>)
        for (int u : walk) text += " -> " + idOf(u);
        text += " -> " + idOf(to);
        error(at("/links", static_cast<std::size_t>(linkIndex)), "links must not form a cycle: " + text);
    };
    std::vector<boost::default_color_type> colors(n);
    boost::depth_first_search(graph, CycleReporter(parent, report),
                              boost::make_iterator_property_map(colors.begin(),
                                                                boost::get(boost::vertex_index, graph)));
}

void Validator::readRegions(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/regions", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a region")) continue;
        Region region;
        region.id = idString(item);
        region.name = name(item, p);
        region.lon = number(item, p, "lon", false);
        region.lat = number(item, p, "lat", false);
        if (region.lon && std::abs(*region.lon) > 180) error(at(p, "lon"), "longitude must lie in [-180, 180]");
        if (region.lat && std::abs(*region.lat) > 90) error(at(p, "lat"), "latitude must lie in [-90, 90]");
        region.extra = extra(item, {"id", "name", "lon", "lat"});
        chain_.regions.push_back(std::move(region));
    }
}

void Validator::readSite(const json& item, const std::string& p, Firm& firm) {
    if (!isObject(item, p, "a site")) return;
    Site site;
    site.region = reference(item, p, "region", regions_, true);
    auto segments = item.find("segments");
    if (segments == item.end()) {
        error(at(p, "segments"), "missing \"segments\": a site names at least one segment");
    } else if (!segments->is_array()) {
        error(at(p, "segments"), "\"segments\" must be an array of segment ids, found " + jsonTypeName(*segments));
    } else if (segments->empty()) {
        error(at(p, "segments"), "a site needs at least one segment");
    } else {
        for (std::size_t k = 0; k < segments->size(); ++k) {
            int s = referenceValue((*segments)[k], at(at(p, "segments"), k), segments_);
            if (s < 0) continue;
            if (std::find(site.segments.begin(), site.segments.end(), s) != site.segments.end())
                warning(at(at(p, "segments"), k), "segment listed twice in one site");
            else site.segments.push_back(s);
        }
        std::sort(site.segments.begin(), site.segments.end());
    }
    site.output = number(item, p, "output", true);
    if (auto confidence = string(item, p, "confidence", false)) site.confidence = *confidence;
    site.year = year(item, p);
    string(item, p, "note", false);  // kept in extra; checked because the viewer shows it as text
    site.extra = extra(item, {"region", "segments", "output", "confidence", "year"});
    firm.sites.push_back(std::move(site));
}

void Validator::readFirms(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/firms", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a firm")) continue;
        Firm firm;
        firm.id = idString(item);
        firm.name = name(item, p);
        if (auto leader = item.find("leader"); leader != item.end()) {
            if (leader->is_boolean()) firm.leader = leader->get<bool>();
            else error(at(p, "leader"), "\"leader\" must be true or false, found " + jsonTypeName(*leader));
        }
        readMetrics(item, p, firm.metrics);
        if (auto sites = item.find("sites"); sites != item.end()) {
            if (!sites->is_array()) {
                error(at(p, "sites"), "\"sites\" must be an array, found " + jsonTypeName(*sites));
            } else {
                for (std::size_t k = 0; k < sites->size(); ++k) readSite((*sites)[k], at(at(p, "sites"), k), firm);
            }
        }
        if (auto sources = item.find("sources"); sources != item.end()) {
            if (!sources->is_array()) {
                error(at(p, "sources"), "\"sources\" must be an array of source ids, found " + jsonTypeName(*sources));
            } else {
                for (std::size_t k = 0; k < sources->size(); ++k) {
                    int s = referenceValue((*sources)[k], at(at(p, "sources"), k), sources_);
                    if (s >= 0) firm.sources.push_back(s);
                }
            }
        }
        string(item, p, "leader_basis", false);  // kept in extra; checked because the viewer shows it as text
        firm.extra = extra(item, {"id", "name", "leader", "metrics", "sites", "sources"});
        auto sites = item.find("sites");
        if (sites == item.end() || (sites->is_array() && sites->empty()))  // a firm nowhere is silently useless
            warning(p, "firm \"" + firm.id + "\"" + (firm.name.zh.empty() ? "" : " (" + firm.name.zh + ")") +
                           " has no site: it can never be a target (give it a site: a region and its segments)");
        chain_.firms.push_back(std::move(firm));
    }
}

void Validator::readSupplies(const json* items) {
    if (!items) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/supplies", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a supply")) continue;
        Supply supply;
        supply.from = reference(item, p, "from", firms_, true);
        supply.to = reference(item, p, "to", firms_, true);
        supply.segment = reference(item, p, "segment", segments_, false);
        if (supply.from >= 0 && supply.from == supply.to) warning(p, "a firm supplies itself");
        if (auto confidence = string(item, p, "confidence", false)) supply.confidence = *confidence;
        supply.fromRegion = reference(item, p, "from_region", regions_, false);
        supply.toRegion = reference(item, p, "to_region", regions_, false);
        supply.year = year(item, p);
        checkSupplyEnd(supply, false, p);
        checkSupplyEnd(supply, true, p);
        json kept = extra(item, {"from", "to", "segment", "confidence", "from_region", "to_region", "year"});
        if (!kept.is_null())
            chain_.supplyExtras.edit().push_back({static_cast<int>(chain_.supplies.size()), std::move(kept)});
        chain_.supplies.edit().push_back(std::move(supply));
    }
}

// A required string that must be one of `words`; its position, or -1 (reported, with did-you-mean).
int Validator::keyword(const json& owner, const std::string& pointer, const char* key,
                       const std::vector<std::string>& words) {
    auto value = string(owner, pointer, key, true);
    if (!value) return -1;
    auto found = std::find(words.begin(), words.end(), *value);
    if (found != words.end()) return static_cast<int>(found - words.begin());
    std::string list;
    for (const auto& word : words) list += (list.empty() ? "" : ", ") + word;
    error(at(pointer, key),
          "unknown " + std::string(key) + " \"" + *value + "\"" + didYouMean(*value, words) + " (one of " + list + ")");
    return -1;
}

// Resources and ties must say how sure we are (docs/method.md §1): "A", "B" or "C".
std::string Validator::confidence(const json& owner, const std::string& pointer) {
    auto value = string(owner, pointer, "confidence", true);
    if (!value) return {};
    if (*value != "A" && *value != "B" && *value != "C") {
        error(at(pointer, "confidence"), "\"confidence\" must be \"A\", \"B\" or \"C\", found \"" + *value + "\"");
        return {};
    }
    return *value;
}

// An optional array of ids of one kind; the resolved indices, sorted and unique.
std::vector<int> Validator::references(const json& owner, const std::string& pointer, const char* key,
                                       const IdTable& table) {
    std::vector<int> result;
    auto it = owner.find(key);
    if (it == owner.end()) return result;
    if (!it->is_array()) {
        error(at(pointer, key),
              std::string("\"") + key + "\" must be an array of " + table.kind + " ids, found " + jsonTypeName(*it));
        return result;
    }
    for (std::size_t k = 0; k < it->size(); ++k) {
        int index = referenceValue((*it)[k], at(at(pointer, key), k), table);
        if (index >= 0) result.push_back(index);
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

void Validator::readResources(const json* items) {
    if (!items) return;
    static const std::vector<std::string> kinds(kResourceKindKeys.begin(), kResourceKindKeys.end());
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/resources", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a resource")) continue;
        Resource resource;
        resource.id = idString(item);
        if (firms_.index.count(resource.id))
            error(at(p, "id"), "resource id \"" + resource.id + "\" is also a firm id (ids must differ)");
        resource.name = name(item, p);
        int kind = keyword(item, p, "kind", kinds);
        if (kind >= 0) resource.kind = static_cast<ResourceKind>(kind);
        resource.region = reference(item, p, "region", regions_, true);
        resource.segments = references(item, p, "segments", segments_);
        resource.sources = references(item, p, "sources", sources_);
        resource.confidence = confidence(item, p);
        if (auto note = string(item, p, "note", false)) resource.note = *note;
        resource.year = year(item, p);
        resource.extra = extra(item,
                               {"id", "name", "kind", "region", "segments", "sources", "confidence", "note", "year"});
        chain_.resources.push_back(std::move(resource));
    }
}

void Validator::readTies(const json* items) {
    if (!items) return;
    static const std::vector<std::string> kinds(kTieKindKeys.begin(), kTieKindKeys.end());
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = at("/ties", i);
        const json& item = (*items)[i];
        if (!isObject(item, p, "a tie")) continue;
        Tie tie;
        tie.resource = reference(item, p, "resource", resources_, true);
        tie.firm = reference(item, p, "firm", firms_, true);
        int kind = keyword(item, p, "kind", kinds);
        if (kind >= 0) tie.kind = static_cast<TieKind>(kind);
        tie.confidence = confidence(item, p);
        tie.year = year(item, p);
        tie.extra = extra(item, {"resource", "firm", "kind", "confidence", "year"});
        chain_.ties.push_back(std::move(tie));
    }
}

LoadResult Validator::run(const json& doc) {
    LoadResult result;
    if (!doc.is_object()) {
        error("/", "the top level must be a JSON object, found " + jsonTypeName(doc));
        result.diagnostics = std::move(diagnostics_);
        return result;
    }
    auto format = doc.find("format");
    if (format == doc.end()) error("/format", "missing \"format\" (expected \"chainatlas/1\")");
    else if (!format->is_string() || *format != "chainatlas/1")
        error("/format", "unsupported format " + format->dump() + " (expected \"chainatlas/1\")");

    static const std::set<std::string> known = {"format",  "chain", "sources",  "stages",    "segments", "links",
                                                "regions", "firms", "supplies", "resources", "ties"};
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (!known.count(it.key())) warning(at("", it.key()), "unknown top-level key \"" + it.key() + "\" (ignored)");

    readChain(doc);
    const json* sources = array(doc, "sources", false);
    const json* stages = array(doc, "stages", false);
    const json* segments = array(doc, "segments", true);
    const json* links = array(doc, "links", false);
    const json* regions = array(doc, "regions", true);
    const json* firms = array(doc, "firms", true);
    const json* supplies = array(doc, "supplies", false);
    const json* resources = array(doc, "resources", false);
    const json* ties = array(doc, "ties", false);

    collectIds(sources, "/sources", sources_);
    collectIds(stages, "/stages", stages_);
    collectIds(segments, "/segments", segments_);
    collectIds(regions, "/regions", regions_);
    collectIds(firms, "/firms", firms_);
    collectIds(resources, "/resources", resources_);

    readSources(sources);
    readStages(stages);
    readSegments(segments);
    readLinks(links);
    readRegions(regions);
    readFirms(firms);
    readSupplies(supplies);
    readResources(resources);
    readTies(ties);
    checkCycles(links, segments);
    if (!hasErrors(diagnostics_)) checkOutputTotals();

    if (!hasErrors(diagnostics_)) {
        chain_.buildIndexes();
        result.chain = std::move(chain_);
    }
    result.diagnostics = std::move(diagnostics_);
    return result;
}

}  // namespace

std::optional<OutputTotalProblem> outputTotalProblem(const ChunkedVector<Firm>& firms) {
    double total = 0, smallest = 0;
    OutputTotalProblem smallestAt;
    for (std::size_t f = 0; f < firms.size(); ++f) {
        const auto& sites = firms[f].sites;
        for (std::size_t k = 0; k < sites.size(); ++k) {
            double o = sites[k].outputOrOne();
            total += o * static_cast<double>(std::max<std::size_t>(1, sites[k].segments.size()));
            if (!std::isfinite(total)) return OutputTotalProblem{f, k, true};
            if (o > 0 && (smallest == 0 || o < smallest)) smallest = o, smallestAt = {f, k, false};
        }
    }
    if (smallest > 0 && !(total / smallest < 1e300)) return smallestAt;
    return std::nullopt;
}

LoadResult chainFromJson(const json& document, const std::string& fileLabel) {
    return Validator(fileLabel).run(document);
}

}  // namespace chainatlas
