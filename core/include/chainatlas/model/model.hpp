// The chain model after validation: every id has become an index, so references cannot dangle.
#pragma once

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/model/chunked_vector.hpp"
#include "chainatlas/model/shared_vector.hpp"

namespace chainatlas {

enum class Lang { Zh, En };
// The one language rule of every command and the viewer (docs/method.md §15): `flag` ("zh", "en" or "" when
// not given), else the session's language when it names one, else the locale (LC_ALL, LC_MESSAGES, LANG:
// the first that is set; starting with "zh" gives Chinese), else English.
Lang chooseLang(const std::string& flag, const Lang* session);

// A display name; a plain string in the file fills both languages.
struct Name {
    std::string zh;
    std::string en;
    // The name in `lang`, falling back to the other language, then to `fallback`.
    const std::string& pick(Lang lang, const std::string& fallback) const;
};

// The "three highs, three lows" (三高三低) metrics, in file order.
enum class Metric { Tech, Profit, Growth, Pollution, Energy, Land };
inline constexpr int kMetricCount = 6;
inline constexpr std::array<const char*, kMetricCount> kMetricKeys = {"tech",      "profit", "growth",
                                                                      "pollution", "energy", "land"};
// Lower is better for pollution, energy and land.
inline constexpr bool metricLowerIsBetter(int metric) { return metric >= 3; }

struct Source {
    std::string id, title, url, accessed;
    nlohmann::json extra;  // optional keys we keep but do not use (null when there are none: no allocation)
};

struct Stage {
    std::string id;
    Name name;
    nlohmann::json extra;
};

struct Segment {
    std::string id;
    Name name;
    int stage = -1;  // index into Chain::stages, -1 when the segment names no stage
    std::array<std::optional<double>, kMetricCount> metrics{};  // industry-level 三高三低 figures (docs/method.md §1)
    std::string division;      // national industry classification code, e.g. "C3841" (may be empty)
    std::vector<int> sources;  // source indices
    bool market = false;       // the chain's end users: customers to win, never candidates (docs/method.md §8)
    nlohmann::json extra;
};

struct Link {
    int from = -1, to = -1;  // segment indices, supplier -> buyer
    nlohmann::json extra;
};

struct Region {
    std::string id;
    Name name;
    std::optional<double> lon, lat;
    nlohmann::json extra;
};

// The years a fact's `year` may name (a whole number in this range).
inline constexpr int kFirstYear = 1800, kLastYear = 2100;

// A site's or a supply's confidence as the file writes it: "A", "B", "C", nothing, or any other text (kept
// as it is; the format does not restrict it there). Eight bytes instead of a string's 32: the three grades
// point at shared constants and only another text is held on the heap. 500k supplies of a national file
// took 16 MB for this field as strings (issue 14, peak memory).
class Confidence {
public:
    Confidence() = default;
    Confidence(std::string_view text) { assign(text); }  // NOLINT(google-explicit-constructor): read as a string
    Confidence(const Confidence& other) { assign(other.view()); }
    Confidence(Confidence&& other) noexcept : text_(other.text_) { other.text_ = nullptr; }
    Confidence& operator=(const Confidence& other) {
        if (this != &other) assign(other.view());
        return *this;
    }
    Confidence& operator=(Confidence&& other) noexcept {
        if (this != &other) release(), text_ = other.text_, other.text_ = nullptr;
        return *this;
    }
    Confidence& operator=(std::string_view text) {
        assign(text);
        return *this;
    }
    ~Confidence() { release(); }

    bool empty() const { return text_ == nullptr; }
    std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(); }
    const char* c_str() const { return text_ ? text_->c_str() : ""; }
    std::string str() const { return std::string(view()); }
    operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
    friend bool operator==(const Confidence& a, const Confidence& b) { return a.view() == b.view(); }
    friend bool operator==(const Confidence& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const Confidence& a, const char* b) { return a.view() == b; }

private:
    const std::string* text_ = nullptr;  // null: empty; one of grades(); else owned
    static const std::array<std::string, 3>& grades();
    bool owned() const {
        const auto& g = grades();
        return text_ && text_ != &g[0] && text_ != &g[1] && text_ != &g[2];
    }
    void release() {
        if (owned()) delete text_;
        text_ = nullptr;
    }
    void assign(std::string_view text);
};

struct Site {
    int region = -1;
    std::vector<int> segments;     // segment indices, sorted, unique
    std::optional<double> output;  // absent counts as 1
    Confidence confidence;         // "A", "B", "C" or empty
    int year = 0;                  // the year the fact refers to; 0: not given
    bool assumed = false;          // added by a what-if; never read from or written to a file
    nlohmann::json extra;
    double outputOrOne() const { return output ? *output : 1.0; }
    // A fact graded C is unconfirmed and counts nowhere in the analysis (docs/method.md §1).
    bool counted() const { return confidence != "C"; }
};

struct Firm {
    std::string id;
    Name name;
    bool leader = false;
    std::array<std::optional<double>, kMetricCount> metrics{};
    std::vector<Site> sites;
    std::vector<int> sources;  // source indices
    nlohmann::json extra;
};

struct Supply {
    int from = -1, to = -1;  // firm indices
    int segment = -1;        // segment index or -1
    // Where each end is: the supplier's shipping plant and the buyer's receiving plant (region indices);
    // -1 where the file does not say, and the analysis infers it from the firm's sites (docs/method.md §8).
    int fromRegion = -1, toRegion = -1;
    int year = 0;  // 0: not given
    Confidence confidence;
    bool counted() const { return confidence != "C"; }
};

// The optional keys of a supply, kept beside the supplies for the few that have any: a json in every supply
// took 16 of its 48 bytes (80 MB at five million supplies). Read them with supplyExtra().
struct SupplyExtra {
    int supply = -1;  // index into Chain::supplies
    nlohmann::json extra;
};

// The other three of the four chains (四链融合: innovation, capital, talent) plus services (docs/method.md §1,
// docs/method.md §12).
enum class ResourceKind { University, Institute, Lab, Fund, Talent, Platform, Service };
inline constexpr int kResourceKindCount = 7;
inline constexpr std::array<const char*, kResourceKindCount> kResourceKindKeys = {"university", "institute", "lab",
                                                                                  "fund",       "talent",    "platform",
                                                                                  "service"};

// How a resource relates to a firm.
enum class TieKind { Spinoff, License, JointLab, Investment, Training, Service };
inline constexpr int kTieKindCount = 6;
inline constexpr std::array<const char*, kTieKindCount> kTieKindKeys = {"spinoff",    "license",  "joint-lab",
                                                                        "investment", "training", "service"};

struct Resource {
    std::string id;
    Name name;
    ResourceKind kind = ResourceKind::Institute;
    int region = -1;
    std::vector<int> segments;  // segment indices, sorted; empty: the whole chain
    std::vector<int> sources;   // source indices
    std::string confidence;     // "A", "B" or "C"; C counts nowhere
    std::string note;
    int year = 0;  // 0: not given
    nlohmann::json extra;
    bool confirmed() const { return confidence == "A" || confidence == "B"; }
};

struct Tie {
    int resource = -1, firm = -1;
    TieKind kind = TieKind::Spinoff;
    std::string confidence;  // "A", "B" or "C"
    int year = 0;            // 0: not given
    nlohmann::json extra;
    bool confirmed() const { return confidence == "A" || confidence == "B"; }
};

namespace detail {
class ChainIndex;  // core/src/model/chain_index.hpp
}

struct Chain {
    std::string id;
    Name name;
    Name note;             // what the data is and is not; a string fills both languages (like a name)
    nlohmann::json extra;  // chain object keys we do not use
    std::vector<Source> sources;
    std::vector<Stage> stages;
    std::vector<Segment> segments;
    std::vector<Link> links;
    std::vector<Region> regions;
    ChunkedVector<Firm> firms;      // its chunks shared by a chain's what-if copies (they add a site to a few firms)
    SharedVector<Supply> supplies;  // shared by a chain's what-if copies (they change sites only)
    SharedVector<SupplyExtra> supplyExtras;  // ordered by supply; only supplies with optional keys
    std::vector<Resource> resources;
    std::vector<Tie> ties;

    // Derives the graphs and id lookups from the vectors above. Loaders call it once; after that a chain is
    // read-only (it is shared as std::shared_ptr<const Chain>). A copy shares the index, which stays right
    // as long as only sites change (what a what-if does); after any other change, call it again.
    void buildIndexes();
    // The derived index (core/src/model/chain_index.hpp). A chain built by hand without buildIndexes() throws
    // std::logic_error here, naming the missing call, instead of reading through a null pointer.
    const detail::ChainIndex& index() const;

private:
    std::shared_ptr<const detail::ChainIndex> index_;
};

// The optional keys of supply `supply` (null when it has none).
const nlohmann::json& supplyExtra(const Chain& chain, int supply);

// Whether the firm has a counted site (not graded C) in the region.
bool hasSiteIn(const Firm& firm, int region);

// Index lookups for user-given ids; -1 when unknown.
// Every site of every firm (a firm in three regions counts three times).
std::size_t siteCount(const Chain& chain);
int findSegment(const Chain& chain, const std::string& id);
int findRegion(const Chain& chain, const std::string& id);
int findFirm(const Chain& chain, const std::string& id);
// The name of a firm, segment or region (by index) in `lang`, its id when it has no name.
std::string firmName(const Chain& chain, int firm, Lang lang);
std::string segmentName(const Chain& chain, int segment, Lang lang);
std::string regionName(const Chain& chain, int region, Lang lang);
int findResource(const Chain& chain, const std::string& id);

enum class IdKind { Segment, Region, Firm, Resource };
// The index of an id typed by a user, or the error (UnknownId)
// 'unknown region "suzho" (did you mean "suzhou"?)'.
Result<int> resolveId(const Chain& chain, IdKind kind, const std::string& id);

}  // namespace chainatlas
