// The bundled chains: every file validates, is sourced and labelled, and tells the story it claims.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/load/load.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {

std::vector<std::string> bundledFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(CHAINATLAS_CHAINS_DIR))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Chain bundled(const std::string& name) { return test::chainFromFile(std::string(CHAINATLAS_CHAINS_DIR) + "/" + name); }

bool isConfidence(std::string_view c) { return c == "A" || c == "B" || c == "C"; }

}  // namespace

TEST_CASE("every bundled chain loads without errors or warnings") {
    auto files = bundledFiles();
    CHECK(files.size() >= 5);
    for (const auto& file : files) {
        CAPTURE(file);
        LoadResult result = loadChainFile(file);
        std::string problems;
        for (const auto& d : result.diagnostics) problems += formatDiagnostic(d) + "\n";
        CAPTURE(problems);
        CHECK(result.ok());
        CHECK(result.diagnostics.empty());
    }
}

TEST_CASE("bundled chains are honest: illustrative note, sources, confidence labels, no C-level supply link") {
    for (const auto& file : bundledFiles()) {
        CAPTURE(file);
        Chain chain = test::chainFromFile(file);
        CHECK(chain.note.en.find("llustrative") != std::string::npos);
        CHECK(chain.note.zh.find("示意数据") != std::string::npos);  // --lang zh prints a Chinese note
        CHECK_FALSE(chain.sources.empty());
        for (const Source& source : chain.sources) {
            CAPTURE(source.id);
            CHECK_FALSE(source.title.empty());
            CHECK(source.url.rfind("http", 0) == 0);
            CHECK(source.accessed.size() == 10);
        }
        for (const Firm& firm : chain.firms) {
            CAPTURE(firm.id);
            CHECK_FALSE(firm.sources.empty());
            CHECK_FALSE(firm.name.zh.empty());
            CHECK_FALSE(firm.name.en.empty());
            for (const Site& site : firm.sites) CHECK(isConfidence(site.confidence));
        }
        for (const Supply& supply : chain.supplies) {
            CAPTURE(chain.firms[supply.from].id);
            CAPTURE(chain.firms[supply.to].id);
            CHECK(isConfidence(supply.confidence));
            CHECK(supply.confidence != "C");
        }
        for (const Segment& segment : chain.segments) {
            CHECK_FALSE(segment.name.zh.empty());
            CHECK_FALSE(segment.name.en.empty());
        }
    }
}

namespace {

bool hasSite(const Chain& chain, int firm, int region, int segment) {
    for (const Site& site : chain.firms[firm].sites)
        if (site.region == region || region < 0)
            for (int s : site.segments)
                if (s == segment) return true;
    return false;
}

// Firms with a site in the segment somewhere and no site at all in the region (§3.2 candidates).
int candidatesOutside(const Chain& chain, const std::string& segment, const std::string& region) {
    int s = findSegment(chain, segment), r = findRegion(chain, region);
    int count = 0;
    for (int f = 0; f < static_cast<int>(chain.firms.size()); ++f) {
        bool local = false;
        for (const Site& site : chain.firms[f].sites) local = local || site.region == r;
        count += !local && hasSite(chain, f, -1, s);
    }
    return count;
}

bool anchoredBy(const Chain& chain, const Target& t, const std::string& firmId) {
    for (int f : t.anchors)
        if (chain.firms[f].id == firmId) return true;
    return false;
}

bool suppliesHubFirm(const Chain& chain, const Target& t, const std::string& firmId) {
    for (int f : t.hubPartners)
        if (chain.firms[f].id == firmId) return true;
    return false;
}

// §3.2: a segment the planner should act on names at least one firm to court; §3.5: segment profiles
// come from the segment metrics for at least 80% of segments.
void checkActionableAndProfiled(const Chain& chain, const Analysis& a) {
    int profiled = 0;
    for (int s = 0; s < static_cast<int>(chain.segments.size()); ++s) {
        CAPTURE(chain.segments[s].id);
        Advice advice = a.segments[s].advice;
        bool act = advice == Advice::Fill || advice == Advice::Complement || advice == Advice::Strengthen ||
                   advice == Advice::Extend;
        if (act && !a.segments[s].market) CHECK(a.segments[s].candidates >= 1);  // a market has customers
        profiled += a.segments[s].profileBasis == Basis::Segment;
    }
    // 33 of 37 segments carry a metric (89%).
    CHECK(profiled * 100 >= static_cast<int>(chain.segments.size()) * 80);
}

int anchoredInTop(const Analysis& a, int top) {
    int n = 0;
    for (const Target& t : a.targets)
        if (t.rank <= top && !t.anchors.empty()) ++n;
    return n;
}

}  // namespace

TEST_CASE("NEV data: every segment has a firm, the Weinan cathode gap has candidates, links are many and A/B") {
    Chain chain = bundled("nev.json");
    for (int s = 0; s < static_cast<int>(chain.segments.size()); ++s) {
        CAPTURE(chain.segments[s].id);
        bool any = false;
        for (int f = 0; f < static_cast<int>(chain.firms.size()); ++f) any = any || hasSite(chain, f, -1, s);
        CHECK(any);
    }
    // The issue asks for at least two firms that could be courted for Weinan's cathode gap.
    CHECK(candidatesOutside(chain, "cathode", "weinan") >= 2);
    CHECK(chain.firms.size() >= 120);
    int drawn = 0;
    for (const Supply& supply : chain.supplies) drawn += supply.confidence == "A" || supply.confidence == "B";
    CHECK(drawn >= 60);
}

TEST_CASE("NEV, Suzhou Industrial Park with hub Shanghai: vehicle assembly is occupied, parts complement it") {
    Chain chain = bundled("nev.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    // Tesla's (and SAIC Volkswagen's) segment: the hub holds it, the park should not compete head-on.
    int tesla = findFirm(chain, "tesla-shanghai");
    REQUIRE(tesla >= 0);
    int shanghai = findRegion(chain, "shanghai");
    bool checked = false;
    for (const Site& site : chain.firms[tesla].sites)
        if (site.region == shanghai)
            for (int s : site.segments) {
                CAPTURE(chain.segments[s].id);
                CHECK(a.segments[s].occupied);
                checked = true;
            }
    CHECK(checked);
    // Parts that feed Shanghai's strengths (Tesla's thermal suppliers, CATL Lingang's materials).
    // Parts that feed Shanghai's strengths (Tesla's thermal suppliers; cells for the battery packs).
    for (std::string id : {"thermal", "bms", "structural-parts", "cell"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).complement);
        CHECK(candidatesOutside(chain, id, "suzhou") >= 1);
    }
    // 补链: e-control sits between the park's power semiconductors and Bosch's e-drive.
    CHECK(test::segment(chain, a, "e-control").status == SegmentStatus::Gap);
    CHECK(candidatesOutside(chain, "e-control", "suzhou") >= 1);
    // Tesla's suppliers earn the hub term; Inovance is anchored by Novosense, a park firm (以商招商).
    const Target* sanhua = test::target(chain, a, "sanhua");
    REQUIRE(sanhua != nullptr);
    CHECK(sanhua->rank <= 10);
    CHECK(suppliesHubFirm(chain, *sanhua, "tesla-shanghai"));
    const Target* inovance = test::target(chain, a, "inovance");
    REQUIRE(inovance != nullptr);
    CHECK(inovance->rank <= 10);
    CHECK(anchoredBy(chain, *inovance, "novosense"));
    CHECK(anchoredInTop(a, 10) >= 1);
    // Advice (§3.3): leave what the hub holds, complement what feeds it, fill the gap.
    for (std::string id : {"vehicle-assembly", "battery-pack"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).advice == Advice::Leave);
    }
    // BYD leads for its parts business: the car plant it would also fit is unscored (the hub holds it).
    const Target* byd = test::target(chain, a, "byd");
    REQUIRE(byd != nullptr);
    CHECK(byd->rank == 1);
    CHECK(byd->unscored() == std::vector<int>{findSegment(chain, "vehicle-assembly")});
    for (std::string id : {"thermal", "bms", "structural-parts", "drivetrain"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).advice == Advice::Complement);
    }
    CHECK(test::segment(chain, a, "e-control").advice == Advice::Fill);
    checkActionableAndProfiled(chain, a);
    // Bosch is already in the park, so it is a local firm, not a target.
    CHECK(test::target(chain, a, "bosch") == nullptr);
}

TEST_CASE("NEV, Weinan with hub Xi'an: Xi'an holds packs and e-drive, cathode is the gap, BYD's suppliers lead") {
    Chain chain = bundled("nev.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    for (std::string id : {"battery-pack", "e-drive", "e-control"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).occupied);
        CHECK(test::segment(chain, a, id).advice == Advice::Leave);
    }
    // Recycled materials (派尔森) -> cathode -> cell (Tianchen): the chain breaks at cathode (补链).
    CHECK(test::segment(chain, a, "cathode").status == SegmentStatus::Gap);
    CHECK(test::segment(chain, a, "cathode").advice == Advice::Fill);
    CHECK(candidatesOutside(chain, "cathode", "weinan") >= 2);
    // Weinan's priorities are led by a segment with firms to court (recycling no longer makes sales a gap).
    REQUIRE(!a.priorities.empty());
    CHECK(a.priorities[0].candidates >= 2);
    CHECK(test::segment(chain, a, "sales-aftermarket").status != SegmentStatus::Gap);
    for (std::string id : {"structural-parts", "bms", "thermal", "power-semis", "auto-chips"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).complement);
        CHECK(candidatesOutside(chain, id, "weinan") >= 1);
    }
    CHECK(test::segment(chain, a, "vehicle-assembly").advice == Advice::Keep);
    checkActionableAndProfiled(chain, a);
    // Gotion's 2016 pack contract went to Skywell's Nanjing plant (named on the supply): no local partner in
    // Weinan, so Gotion no longer leads on a guessed plant.
    const Target* gotion = test::target(chain, a, "gotion");
    REQUIRE(gotion != nullptr);
    CHECK(gotion->anchors.empty());
    CHECK(gotion->rank > 5);
    // The first five fill cathode or complement BYD in Xi'an; none rests only on a segment Xi'an holds.
    for (std::size_t i = 0; i < 5 && i < a.targets.size(); ++i) {
        const Target& t = a.targets[i];
        CAPTURE(chain.firms[t.firm].id);
        CHECK(t.value[TermFit] > 0);
        CHECK(suppliesHubFirm(chain, t, "byd"));
    }
    const Target* semcorp = test::target(chain, a, "semcorp");
    REQUIRE(semcorp != nullptr);
    CHECK(semcorp->rank <= 10);
}

TEST_CASE("NEV four chains: Gotion earns innovation 0.5 in SIP through Fudan in the hub Shanghai, none in Weinan") {
    Chain chain = bundled("nev.json");
    CHECK(chain.resources.size() >= 10);
    CHECK(chain.ties.size() >= 10);
    // SIP with hub Shanghai. Gotion has no site in the park and earns fit in cathode (complement). Its ties:
    // USTC (Hefei, A) and Fudan (Shanghai, B). No tie to a resource in the park, one to a resource in the
    // hub: innovation = 0.5 (§3.9), and only Fudan is listed.
    AnalysisOptions o = test::options(chain, "suzhou", {"shanghai"});
    Analysis a = analyze(chain, o);
    const Target* gotion = test::target(chain, a, "gotion");
    REQUIRE(gotion != nullptr);
    CHECK(gotion->value[TermInnovation] == 0.5);
    CHECK(gotion->innovationBasis == Basis::Ties);
    REQUIRE(gotion->resources.size() == 1);
    CHECK(chain.resources[gotion->resources[0]].id == "fudan-university");
    // The term adds weight x value to the score: with weight 0 the score is lower by exactly 1 x 0.5.
    AnalysisOptions zero = o;
    zero.weights.innovation = 0;
    Analysis az = analyze(chain, zero);
    const Target* without = test::target(chain, az, "gotion");
    REQUIRE(without != nullptr);
    CHECK(gotion->score - without->score == doctest::Approx(0.5));
    // Weinan with hub Xi'an: Hefei and Shanghai are neither the region nor the hub, so Gotion earns 0 -- a
    // value with basis ties (the file has resources), not "no data".
    Analysis w = analyze(chain, test::options(chain, "weinan", {"xian"}));
    const Target* gw = test::target(chain, w, "gotion");
    REQUIRE(gw != nullptr);
    CHECK(gw->value[TermInnovation] == 0.0);
    CHECK(gw->innovationBasis == Basis::Ties);
    // 错位发展: Xi'an's own firms tied to Xi'an resources (Chang'an University and Qinchuangyuan -> Shaanxi
    // Automobile; Qinchuangyuan -> Fast Gear) are not courted: Shaanxi Automobile makes only vehicles, which
    // Weinan keeps (fit 0, not a candidate), and Fast Gear's transmissions are occupied (set aside).
    CHECK(test::target(chain, w, "shaanxi-auto") == nullptr);
    CHECK(test::target(chain, w, "fast-gear") == nullptr);
    bool fastGearSetAside = false;
    for (const SetAside& s : w.setAside) fastGearSetAside = fastGearSetAside || chain.firms[s.firm].id == "fast-gear";
    CHECK(fastGearSetAside);
}

TEST_CASE("NEV four chains: support per segment in Shanghai and SIP, and the C-level Weinan base counts nowhere") {
    Chain chain = bundled("nev.json");
    // Shanghai's resources are three universities (each counts in innovation and talent, §3.9): Fudan
    // (cathode, anode, cell), SJTU (cell, battery pack, vehicle assembly), Tongji (vehicle assembly, e-drive).
    Analysis sh = analyze(chain, test::options(chain, "shanghai"));
    const SegmentResult& cell = test::segment(chain, sh, "cell");
    CHECK(cell.support.innovation == 2);  // Fudan + SJTU
    CHECK(cell.support.talent == 2);
    CHECK(cell.support.capital == 0);
    CHECK(cell.support.service == 0);
    CHECK_FALSE(cell.transfer);  // CATL's Lingang plant makes cells in Shanghai
    CHECK(test::segment(chain, sh, "vehicle-assembly").support.innovation == 2);  // SJTU + Tongji
    // No cathode, anode or e-drive site in Shanghai, but one university serves each: 成果转化 opportunities.
    for (std::string id : {"cathode", "anode", "e-drive"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, sh, id).support.innovation == 1);
        CHECK(test::segment(chain, sh, id).transfer);
    }
    // SIP: Oriza (fund), the leading-talent programme (talent) and Nano City (platform) serve the whole chain,
    // SINANO (institute) only power semiconductors: power semis 1/1/1/1, cathode 0/1/1/1.
    Analysis sip = analyze(chain, test::options(chain, "suzhou"));
    const SegmentResult& semis = test::segment(chain, sip, "power-semis");
    CHECK(semis.support.innovation == 1);
    CHECK(semis.support.capital == 1);
    CHECK(semis.support.talent == 1);
    CHECK(semis.support.service == 1);
    const SegmentResult& cathode = test::segment(chain, sip, "cathode");
    CHECK(cathode.support.innovation == 0);
    CHECK(cathode.support.capital == 1);
    CHECK(cathode.support.talent == 1);
    CHECK(cathode.support.service == 1);
    // Weinan's only resource is the hi-tech zone's new-energy base, labelled C (not confirmed): support 0.
    Analysis wn = analyze(chain, test::options(chain, "weinan"));
    const SegmentResult& va = test::segment(chain, wn, "vehicle-assembly");
    CHECK(va.support.innovation + va.support.capital + va.support.talent + va.support.service == 0);
}

TEST_CASE("NEV segment metrics: at least 80% of segments carry a division, a metric and its source") {
    std::ifstream in(std::string(CHAINATLAS_CHAINS_DIR) + "/nev.json");
    REQUIRE(in);
    nlohmann::json doc = nlohmann::json::parse(in);
    std::set<std::string> sources;
    for (const auto& s : doc["sources"]) sources.insert(s["id"].get<std::string>());
    int withMetrics = 0, total = 0;
    for (const auto& segment : doc["segments"]) {
        ++total;
        if (!segment.contains("metrics")) continue;
        CAPTURE(segment["id"].get<std::string>());
        CHECK(segment.contains("division"));
        REQUIRE(segment.contains("sources"));
        for (const auto& id : segment["sources"]) CHECK(sources.count(id.get<std::string>()) == 1);
        for (const auto& metric : segment["metrics"].items()) {
            CAPTURE(metric.key());
            CHECK(metric.value().get<double>() >= 0);
        }
        ++withMetrics;
    }
    // 33 of 37 (89%): recycling, recycled materials, voice and sales have no industrial statistics.
    CHECK(withMetrics * 100 >= total * 80);
}

TEST_CASE("the SIP and additive-manufacturing chains have at least six regions") {
    for (const char* name : {"biomedicine.json", "nanotech.json", "ai.json", "additive-manufacturing.json"}) {
        CAPTURE(name);
        Chain chain = bundled(name);
        CHECK(chain.regions.size() >= 6);
        CHECK(chain.firms.size() >= 6);
    }
}

namespace {

int countLeaders(const Chain& chain) {
    int n = 0;
    for (const Firm& firm : chain.firms)
        if (firm.leader) {
            CAPTURE(firm.id);
            // A chain leader says why it is one.
            CHECK_FALSE(firm.extra.value("leader_basis", std::string()).empty());
            ++n;
        }
    return n;
}

bool hasSiteIn(const Chain& chain, const Firm& firm, const char* regionId) {
    int r = findRegion(chain, regionId);
    for (const Site& site : firm.sites)
        if (site.region == r) return true;
    return false;
}

// Distinct firms with a site in segment s and none in the focal region (§3.2 candidates), counted from the data.
int candidatesFor(const Chain& chain, int s, int region) {
    int n = 0;
    for (const Firm& firm : chain.firms) {
        bool inSegment = false, local = false;
        for (const Site& site : firm.sites) {
            local = local || site.region == region;
            for (int seg : site.segments) inSegment = inSegment || seg == s;
        }
        n += inSegment && !local;
    }
    return n;
}

// Every segment the planner is told to act on (not occupied; gap, extension, weak or complement) has somebody to court.
void checkActionableSegmentsHaveCandidates(const Chain& chain, const Analysis& a) {
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
        const SegmentResult& r = a.segments[s];
        bool act = !r.occupied && (r.complement || r.status == SegmentStatus::Gap ||
                                   r.status == SegmentStatus::Extension || r.status == SegmentStatus::Weak);
        if (!act) continue;
        CAPTURE(chain.segments[s].id);
        CHECK(candidatesFor(chain, static_cast<int>(s), a.region) >= 1);
    }
}

const Target& topTarget(const Analysis& a) {
    REQUIRE_FALSE(a.targets.empty());
    return a.targets.front();
}

std::string divisionOf(const Segment& segment) {
    if (!segment.division.empty()) return segment.division;
    return segment.extra.value("division", std::string());
}

bool hasTechFigure(const Segment& segment) {
    if (segment.metrics[0]) return true;
    auto it = segment.extra.find("metrics");
    return it != segment.extra.end() && it->contains("tech");
}

}  // namespace

TEST_CASE("the SIP and additive-manufacturing chains reach the sizes their sources allow (issue 13)") {
    // Numbers from chains/README.md: 40 firms and 15 A/B links where the sources allowed; additive manufacturing
    // stops at 35 firms and 8 links (the README says why). No C-level link is drawn (checked above).
    struct Goal {
        const char* file;
        std::size_t firms, supplies;
    };
    for (Goal goal : {Goal{"biomedicine.json", 40, 15}, Goal{"nanotech.json", 40, 15}, Goal{"ai.json", 40, 15},
                      Goal{"additive-manufacturing.json", 35, 8}}) {
        CAPTURE(goal.file);
        Chain chain = bundled(goal.file);
        CHECK(chain.firms.size() >= goal.firms);
        CHECK(chain.supplies.size() >= goal.supplies);
        CHECK(countLeaders(chain) >= 2);
    }
}

TEST_CASE("biomedicine has a Xi'an firm and additive manufacturing has Weinan firms") {
    Chain bio = bundled("biomedicine.json");
    int xian = 0;
    for (const Firm& firm : bio.firms) xian += hasSiteIn(bio, firm, "xian");
    CHECK(xian >= 1);
    Chain am = bundled("additive-manufacturing.json");
    int weinan = 0;
    for (const Firm& firm : am.firms) weinan += hasSiteIn(am, firm, "weinan");
    CHECK(weinan >= 2);  // 陕西智拓 and the national centre's Weinan branch
}

TEST_CASE("segment figures carry a division, a source and a percent-sized R&D intensity") {
    for (const char* name : {"biomedicine.json", "additive-manufacturing.json"}) {
        CAPTURE(name);
        Chain chain = bundled(name);
        int withFigure = 0;
        for (const Segment& segment : chain.segments) {
            if (!hasTechFigure(segment)) continue;
            CAPTURE(segment.id);
            ++withFigure;
            CHECK(divisionOf(segment).rfind('C', 0) == 0);  // manufacturing divisions of GB/T 4754-2017
        }
        CHECK(withFigure >= 2);
    }
    // Biomedicine: the pharmaceutical division C27 (3.19%) covers 6 segments, chemicals C26 (1.03%) one: 7 of 13.
    Chain bio = bundled("biomedicine.json");
    int n = 0;
    for (const Segment& segment : bio.segments) n += hasTechFigure(segment);
    CHECK(n == 7);
}

TEST_CASE("biomedicine, Weinan with hub SIP: SIP's research and CDMO are left to the park, CRO complements it") {
    Chain chain = bundled("biomedicine.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"suzhou"}));
    for (const char* id : {"discovery", "device-testing", "purification-materials", "cdmo", "ivd"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).occupied);
    }
    CHECK(test::segment(chain, a, "api").status == SegmentStatus::Strong);
    CHECK(test::segment(chain, a, "vaccines").status == SegmentStatus::Strong);
    const SegmentResult& cro = test::segment(chain, a, "cro");
    CHECK(cro.complement);
    CHECK_FALSE(cro.occupied);
    // WuXi AppTec offers CRO and already supplies JW Therapeutics in the park: it leads, with the hub term.
    const Target& top = topTarget(a);
    CHECK(chain.firms[top.firm].id == "wuxi-apptec");
    CHECK(top.value[TermHub] == 1.0);
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE("biomedicine, Xi'an with hub SIP: CRO is a gap to fill that also complements the park") {
    Chain chain = bundled("biomedicine.json");
    Analysis a = analyze(chain, test::options(chain, "xian", {"suzhou"}));
    for (const char* id : {"formulation", "devices", "ivd"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).status == SegmentStatus::Strong);
    }
    const SegmentResult& cro = test::segment(chain, a, "cro");
    CHECK(cro.status == SegmentStatus::Gap);
    CHECK(cro.complement);
    CHECK(chain.firms[topTarget(a).firm].id == "wuxi-apptec");
    const Target* innovent = test::target(chain, a, "innovent");
    REQUIRE(innovent != nullptr);
    CHECK(innovent->rank <= 5);
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE("nanotech, SIP: strong in nano materials, micro-nano manufacturing and nano health, and Sanan leads") {
    Chain chain = bundled("nanotech.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou"));
    for (const char* id : {"nano-materials", "micro-nano-manufacturing", "nano-health"}) {
        CAPTURE(id);
        CHECK(test::segment(chain, a, id).status == SegmentStatus::Strong);
    }
    // The park's GaN epitaxy (Enkris, the national centre) is small beside the LED makers': weak, to strengthen.
    CHECK(test::segment(chain, a, "epitaxy").status == SegmentStatus::Weak);
    CHECK(test::segment(chain, a, "power-devices").status == SegmentStatus::Extension);
    CHECK(chain.firms[topTarget(a).firm].id == "sanan");
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE("AI, SIP with hub Shanghai: large models are Shanghai's, iFlytek leads with an anchor in the park") {
    Chain chain = bundled("ai.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou", {"shanghai"}));
    CHECK(test::segment(chain, a, "large-models").occupied);
    CHECK(test::segment(chain, a, "compute-centres").complement);
    CHECK(test::segment(chain, a, "voice-ai").status == SegmentStatus::Strong);
    const Target& top = topTarget(a);
    CHECK(chain.firms[top.firm].id == "iflytek");
    // iFlytek supplies Huawei, which has a site in the park: a = 1, anchor = min(1, 3) / 3.
    CHECK(top.value[TermAnchor] == doctest::Approx(1.0 / 3.0));
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE("additive manufacturing, Weinan with hub Xi'an: printing services strong, research left to Xi'an") {
    Chain chain = bundled("additive-manufacturing.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    CHECK(test::segment(chain, a, "printing-services").status == SegmentStatus::Strong);
    CHECK(test::segment(chain, a, "research").occupied);
    CHECK(test::segment(chain, a, "powder").occupied);
    const Target* blt = test::target(chain, a, "bright-laser");
    REQUIRE(blt != nullptr);
    CHECK(blt->rank <= 2);
    CHECK(blt->value[TermLeader] == 1.0);
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE(
    "four chains: each SIP/Xi'an chain has A/B resources and ties, and BLT earns innovation through NWPU in Xi'an") {
    for (const char* name : {"biomedicine.json", "nanotech.json", "ai.json", "additive-manufacturing.json"}) {
        CAPTURE(name);
        Chain chain = bundled(name);
        CHECK(chain.resources.size() >= 5);
        CHECK(chain.ties.size() >= 4);
        for (const Resource& r : chain.resources) CHECK(r.confirmed());
        for (const Tie& t : chain.ties) CHECK(t.confirmed());
    }
    // Weinan with hub Xi'an: BLT has no site in Weinan and a spin-off tie to NWPU, a resource in the hub, so
    // innovation = 0.5 (§3.9: 1 for a tie in the region, 0.5 for one in a hub region only).
    Chain chain = bundled("additive-manufacturing.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    const Target* blt = test::target(chain, a, "bright-laser");
    REQUIRE(blt != nullptr);
    CHECK(blt->value[TermInnovation] == 0.5);
    bool viaNwpu = false;
    for (int r : blt->resources) viaNwpu = viaNwpu || chain.resources[r].id == "nwpu-university";
    CHECK(viaNwpu);
}

TEST_CASE("AI, SIP with hub Shanghai: 深聪 earns innovation 1 through SIP's sci-tech fund and Oriza (科技招商)") {
    Chain chain = bundled("ai.json");
    AnalysisOptions o = test::options(chain, "suzhou", {"shanghai"});
    // 深聪 earns fit only in AI chips, which Shanghai holds (SIP weak there: advice leave); with the revised
    // default discount 1.0 it is set aside, so the innovation term is checked with the discount at 0.5.
    Analysis plain = analyze(chain, o);
    CHECK(test::target(chain, plain, "shencong") == nullptr);
    o.weights.occupiedDiscount = 0.5;
    Analysis a = analyze(chain, o);
    const Target* shencong = test::target(chain, a, "shencong");
    REQUIRE(shencong != nullptr);
    // A tie (A or B) to a resource in the focal region gives 1 (§3.9); both funds are in SIP.
    CHECK(shencong->value[TermInnovation] == 1.0);
    std::vector<std::string> ids;
    for (int r : shencong->resources) ids.push_back(chain.resources[r].id);
    CHECK(std::find(ids.begin(), ids.end(), "sip-sci-fund") != ids.end());
    // It also supplies AISpeech, a local firm: a = 1, anchor = 1/3.
    CHECK(shencong->value[TermAnchor] == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("biomedicine, SIP: CRO is the gap, and its leading targets are partners of park firms (以商招商)") {
    Chain chain = bundled("biomedicine.json");
    Analysis a = analyze(chain, test::options(chain, "suzhou"));
    CHECK(test::segment(chain, a, "cro").status == SegmentStatus::Gap);
    CHECK(test::segment(chain, a, "discovery").status == SegmentStatus::Strong);
    CHECK(test::segment(chain, a, "cdmo").status == SegmentStatus::Strong);
    REQUIRE(a.targets.size() >= 2);
    for (int i = 0; i < 2; ++i) {
        const Target& t = a.targets[i];
        CAPTURE(chain.firms[t.firm].id);
        CHECK((chain.firms[t.firm].id == "wuxi-apptec" || chain.firms[t.firm].id == "walvax"));
        // One local partner each (JW Therapeutics, Abogen): anchor = min(1, 3) / 3.
        CHECK(t.value[TermAnchor] == doctest::Approx(1.0 / 3.0));
    }
    checkActionableSegmentsHaveCandidates(chain, a);
}

TEST_CASE("additive manufacturing, Weinan with hub Xi'an: the users of printed parts are customers, never targets") {
    Chain chain = bundled("additive-manufacturing.json");
    Analysis a = analyze(chain, test::options(chain, "weinan", {"xian"}));
    int markets = 0;
    for (std::size_t s = 0; s < chain.segments.size(); ++s) {
        if (!chain.segments[s].market) continue;
        ++markets;
        CHECK(a.segments[s].candidates == 0);
        for (int f : firmsInSegment(chain, static_cast<int>(s))) {
            // A customer may still be a target for a segment it makes, never for the market itself.
            const Target* t = test::target(chain, a, chain.firms[f].id);
            if (!t) continue;
            CAPTURE(chain.firms[f].id);
            for (const FitSegment& fs : t->segments) CHECK(!chain.segments[fs.segment].market);
        }
    }
    CHECK(markets >= 1);
    for (std::string customer : {"airbus", "comac", "adidas", "intel"}) {
        CAPTURE(customer);
        if (findFirm(chain, customer) >= 0) CHECK(test::target(chain, a, customer) == nullptr);
    }
    REQUIRE(!a.targets.empty());
    CHECK(chain.firms[a.targets[0].firm].id == "bright-laser");  // the NWPU spin-off and chain leader
}
