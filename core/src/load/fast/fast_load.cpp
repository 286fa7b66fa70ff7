// Fast JSON loading: one pass of simdjson's On-Demand API straight into the model (no DOM; see
// docs/performance.md for the measurements behind the choice). The top-level object is scanned here and its
// arrays are handed to simdjson a window at a time (runInWindows); a text the windows cannot read is read
// again as one document (run). The pass gives up at the first thing
// the validator would say anything about — an error or a warning — so a file it accepts is exactly a
// file the validator accepts silently, and the model is the same.
#include <simdjson.h>

#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <set>

#include "chainatlas/base/text.hpp"
#include "chainatlas/load/fast_load.hpp"
#include "chainatlas/load/load.hpp"
#include "load/fast/id_interner.hpp"
#include "load/fast/token_index.hpp"
#include "load/json_scan.hpp"
#include "load/validate.hpp"
#include "model/chain_index.hpp"
#if CHAINATLAS_SIMDJSON_TOKEN_INDEX
#include "load/fast/simdjson_reach.hpp"
#endif

namespace chainatlas {

namespace {

namespace od = simdjson::ondemand;
using detail::GiveUp;
using detail::IdInterner;
using nlohmann::json;

// Containers open around the members of each kind of object, for the nesting limit of kept keys.
constexpr int kChainDepth = 2, kItemDepth = 3, kSiteDepth = 5;

// A key as a view into the file's text (keys are short and seldom escaped; unescaped_key() copied all 3M
// keys of a national file into simdjson's string buffer, about 25 MB). Stage 1 already refused raw control
// characters anywhere in a string; an escaped key goes through unescaped_key().
template <typename Field>  // od::field or simdjson_result<od::field>, as the object's iteration gives it
std::string_view keyOf(Field& field) {
    od::raw_json_string key = field.key();
    const char* start = key.raw();
    const char* end = start;
    while (*end != '"' && *end != '\\') ++end;
    if (*end == '"') return {start, static_cast<std::size_t>(end - start)};
    return field.unescaped_key();
}

// While a window of the file is read (FastJsonLoader::openWindow), the parser reads a copy of the file's text
// from `file` on, in a buffer the next window overwrites: a view into that copy is turned into the same bytes
// of the file, which outlive the load, and a string unescaped into the parser's own buffer (also reused by
// the next window) is copied into `kept`. Outside windows views are left as they are.
struct WindowCopy {
    const char* begin = nullptr;
    const char* end = nullptr;
    const char* file = nullptr;
    std::deque<std::string>* kept = nullptr;
};
thread_local const WindowCopy* tWindow = nullptr;

std::string_view lasting(std::string_view view) {
    if (!tWindow) return view;
    std::less_equal<const char*> notAfter;
    if (notAfter(tWindow->begin, view.data()) && notAfter(view.data() + view.size(), tWindow->end))
        return {tWindow->file + (view.data() - tWindow->begin), view.size()};
    return tWindow->kept->emplace_back(view);
}

// A string as a view into the file's text when it has nothing to unescape (ids, most names): simdjson's
// get_string() copies every string into a buffer of its own, which at 100k firms touched 20 MB more memory
// and took longer than the copy saved. Escapes and anything unusual go through get_string().
std::string_view text(od::value value) {
    std::string_view raw = value.raw_json_token();  // the token and the blanks up to the next one
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
        std::string_view inner = raw.substr(1, raw.size() - 2);
        // JSON forbids raw control characters in strings (the validator says so); a backslash needs unescaping.
        if (std::none_of(inner.begin(), inner.end(),
                         [](char c) { return c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20; })) {
            od::raw_json_string consumed = value.get_raw_json_string();  // moves on, as get_string() would
            static_cast<void>(consumed);
            return lasting(inner);
        }
    }
    std::string_view unescaped = value.get_string();
    return lasting(unescaped);
}

double number(od::value value, bool nonNegative) {
    double x = value.get_double();
    // -0 is left to the validator: nlohmann reads "-0" as the integer 0 but "-0.0" as negative zero.
    if (!std::isfinite(x) || (nonNegative && x < 0) || (x == 0 && std::signbit(x))) throw GiveUp{};
    return x;
}

// A fact's year: a whole number in [kFirstYear, kLastYear]; anything else is the validator's error.
int year(od::value value) {
    if (value.type() != od::json_type::number || value.get_number_type() == od::number_type::floating_point_number)
        throw GiveUp{};
    std::int64_t y = value.get_int64();
    if (y < kFirstYear || y > kLastYear) throw GiveUp{};
    return static_cast<int>(y);
}

// Reads a scalar that was only looked at (raw_json_token). On-Demand skips a value left unread without the
// structural checks that reading it makes: `"kept": "x": 1}` inside a firm was loaded as if it were valid
// (a fuzz finding, tests/data/bad/colon_after_kept_value.json); read, the colon is an error.
void consume(od::value value) {
    switch (value.type()) {
        case od::json_type::string: static_cast<void>(value.get_raw_json_string().value()); break;
        case od::json_type::number: static_cast<void>(value.get_double().value()); break;
        case od::json_type::boolean: static_cast<void>(value.get_bool().value()); break;
        case od::json_type::null:
            if (!value.is_null()) throw GiveUp{};
            break;
        default: throw GiveUp{};
    }
}

// A key the model does not use, kept as the validator keeps it: the value parsed by nlohmann::json.
void keep(json& extra, std::string_view key, od::value value, int depth) {
    std::string_view raw;
    switch (value.type()) {
        case od::json_type::object: {
            od::object object = value.get_object();
            raw = object.raw_json();
            break;
        }
        case od::json_type::array: {
            od::array array = value.get_array();
            raw = array.raw_json();
            break;
        }
        default:
            raw = value.raw_json_token();
            consume(value);
            break;
    }
    if (detail::firstBeyondDepth(raw, kMaxJsonDepth - depth) != std::string_view::npos) throw GiveUp{};
    // A scalar's token runs up to the next structural character, so it may carry bytes simdjson never
    // looked at ("1\0\x01garbage"); nlohmann stops reading at a NUL and would accept what the validating
    // path refuses as binary data. Strings were checked by stage 1 (no raw control character in them).
    if (std::any_of(raw.begin(), raw.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r';
        }))
        throw GiveUp{};
    std::string name(key);
    if (extra.is_object() && extra.contains(name)) throw GiveUp{};  // duplicate key: nlohmann keeps the last
    extra[name] = json::parse(raw);
}

// Marks a known key as seen; a second one is a duplicate key, which the validator's parser resolves.
void once(unsigned& seen, int bit) {
    if (seen & (1u << bit)) throw GiveUp{};
    seen |= 1u << bit;
}

Name name(od::value value) {
    Name result;
    if (value.type() == od::json_type::string) {
        result.zh = result.en = std::string(text(value));
        return result;
    }
    unsigned seen = 0;
    for (auto field : value.get_object()) {
        std::string_view key = keyOf(field);
        if (key == "zh") once(seen, 0), result.zh = std::string(text(field.value()));
        else if (key == "en") once(seen, 1), result.en = std::string(text(field.value()));
        else throw GiveUp{};  // the validator ignores other languages; the model would differ from a round trip
    }
    if (!seen) throw GiveUp{};
    return result;
}

// An id as a view into the file's text, the parser's buffer (read as one document) or a copy the loader keeps
// (an escaped id read in a window: lasting()); each outlives the interners that keep it.
std::string_view id(od::value value) {
    std::string_view id = text(value);
    if (!isValidId(id)) throw GiveUp{};
    return id;
}

// An array of ids, each interned.
void internAll(od::value array, IdInterner& interner, std::vector<int>& numbers) {
    for (auto item : array.get_array()) numbers.push_back(interner.intern(text(item.value())));
}

constexpr std::size_t kNowhere = std::string_view::npos;
// The bits of `seen` (readTop, readTopValue) of the keys a chain file must have: format, chain, segments,
// regions, firms.
constexpr unsigned kRequiredKeys = 1u << 0 | 1u << 1 | 1u << 4 | 1u << 6 | 1u << 7;

// Runs `read`; false when the fast path must decline: it gave up (what the validator would speak of),
// simdjson refused the text, or nlohmann a kept value.
template <typename Read>
bool reads(Read&& read) {
    try {
        read();
        return true;
    } catch (const GiveUp&) {
    } catch (const simdjson::simdjson_error&) {
    } catch (const json::exception&) {
    }
    return false;
}

bool isBlank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::size_t skipBlank(std::string_view text, std::size_t at) {
    while (at < text.size() && isBlank(text[at])) ++at;
    return at;
}

// Where a window may end: just after the first '}' at or after `from` that blanks and a ',' or a ']' follow
// (the end of an item, when the '}' is not inside a string or deeper in the item); the end of the text if
// there is none. A guess: the reader finds out (FastJsonLoader::windowedItems).
std::size_t cutAfter(std::string_view text, std::size_t from) {
    while (from < text.size()) {
        const void* brace = std::memchr(text.data() + from, '}', text.size() - from);
        if (!brace) break;
        std::size_t at = static_cast<std::size_t>(static_cast<const char*>(brace) - text.data()) + 1;
        std::size_t next = skipBlank(text, at);
        if (next < text.size() && (text[next] == ',' || text[next] == ']')) return at;
        from = at;
    }
    return text.size();
}

// Just after the object that starts at `at` (strings skipped, brackets counted), or kNowhere. The object's
// window then checks what this only counted.
std::size_t objectEnd(std::string_view text, std::size_t at) {
    if (at >= text.size() || text[at] != '{') return kNowhere;
    int depth = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            if (i >= text.size()) return kNowhere;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return kNowhere;
}

class FastJsonLoader {
public:
    std::optional<Chain> run(simdjson::padded_string_view text, FastLoadStats* stats);
    // The same reading with the top level scanned here and the arrays parsed a window at a time; nullopt
    // also when a window cannot be read, and then the caller reads the text as one document.
    std::optional<Chain> runInWindows(std::string_view text, const FastJsonOptions& options, FastLoadStats* stats);

private:
    // Reading in windows: the whole text, the reused buffer a window is copied into (a '[', the window, a ']'
    // and simdjson's padding), and strings unescaped from windows.
    std::string_view whole_;
    std::size_t windowBytes_ = 0, windows_ = 0, largestIndex_ = 0;
    std::unique_ptr<char[]> window_;
    std::size_t windowCapacity_ = 0;
    WindowCopy copy_;
    std::deque<std::string> kept_;
    od::document openWindow(std::size_t from, std::size_t to);
    std::size_t inText(const char* inWindow) const {
        return static_cast<std::size_t>(copy_.file - whole_.data()) + static_cast<std::size_t>(inWindow - copy_.begin);
    }
    std::size_t readTopValue(std::string_view key, std::size_t at, unsigned& seen);
    template <typename Items, typename Read>
    std::size_t windowedItems(std::size_t at, Items& items, Read&& readItem, IdInterner* ids = nullptr);
    std::optional<Chain> finish(FastLoadStats* stats);

    od::parser parser_;
    od::document* document_ = nullptr;
    detail::TokenIndexRelease indexRelease_;
    Chain chain_;
    IdInterner sources_, stages_, segments_, regions_, firms_, resources_;
    // The from and to of the supplies read since the last batch, interned a few thousand at a time
    // (IdInterner::internAll); a small buffer, so the whole list of ends never sits in memory.
    std::vector<std::string_view> supplyEnds_;
    std::vector<int> supplyEndNumbers_;
    void internSupplyEnds();
    bool hasSiteIn(int firm, int region) const;  // true when region is -1 (not named)

    // `items` is reserved to the array's length first (a cheap pass over the token index): growing a vector
    // of 500k supplies by doubling held the old and the new block at once, 25 MB more at the peak.
    // A defined item joins its list: its id is kept, and the interner learns the position it stands for.
    template <typename Item, typename Items>
    void add(Item item, std::string_view idView, IdInterner& ids, Items& items) {
        item.id = std::string(idView);
        ids.define(idView, static_cast<int>(items.size()));
        items.push_back(std::move(item));
    }
    template <typename Items, typename Read>
    void eachItem(od::value value, Items& items, Read&& readItem, IdInterner* ids = nullptr) {
        od::array array = value.get_array();
        std::size_t count = array.count_elements();
        items.reserve(items.size() + count);
        if (ids) ids->reserve(count);
        std::size_t read = 0;
        for (auto item : array) {
            if (++read % 4096 == 0 && document_) {
                const char* at = nullptr;
                if (document_->current_location().get(at) == simdjson::SUCCESS) indexRelease_.before(at);
            }
            readItem(item.value().get_object());
        }
    }
    void readTop(od::object top, unsigned& seen);
    template <typename Read>
    bool eachArray(std::string_view key, unsigned& seen, Read&& read);
    void readChainHead(od::object object);
    void readSource(od::object object);
    void readStage(od::object object);
    void readSegment(od::object object);
    void readLink(od::object object);
    void readRegion(od::object object);
    void readFirm(od::object object);
    void readMetrics(od::object object, std::array<std::optional<double>, kMetricCount>& metrics);
    void readSite(od::object object, Firm& firm);
    void readSupply(od::object object);
    void readResource(od::object object);
    void readTie(od::object object);
    void resolveReferences();
    void resolveResources();
    void checkLinks() const;
};

void FastJsonLoader::readChainHead(od::object object) {
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), chain_.id = std::string(id(field.value()));
        else if (key == "name") once(seen, 1), chain_.name = name(field.value());
        else if (key == "note") once(seen, 2), chain_.note = name(field.value());
        else keep(chain_.extra, key, field.value(), kChainDepth);
    }
    if (!(seen & 1u)) throw GiveUp{};
}

void FastJsonLoader::readSource(od::object object) {
    Source source;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), idView = id(field.value());
        else if (key == "title") once(seen, 1), source.title = std::string(text(field.value()));
        else if (key == "url") once(seen, 2), source.url = std::string(text(field.value()));
        else if (key == "accessed") once(seen, 3), source.accessed = std::string(text(field.value()));
        else keep(source.extra, key, field.value(), kItemDepth);
    }
    if (!(seen & 1u)) throw GiveUp{};
    add(std::move(source), idView, sources_, chain_.sources);
}

void FastJsonLoader::readStage(od::object object) {
    Stage stage;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), idView = id(field.value());
        else if (key == "name") once(seen, 1), stage.name = name(field.value());
        else keep(stage.extra, key, field.value(), kItemDepth);
    }
    if (!(seen & 1u)) throw GiveUp{};
    add(std::move(stage), idView, stages_, chain_.stages);
}

void FastJsonLoader::readSegment(od::object object) {
    Segment segment;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), idView = id(field.value());
        else if (key == "name") once(seen, 1), segment.name = name(field.value());
        else if (key == "stage") once(seen, 2), segment.stage = stages_.intern(text(field.value()));
        else if (key == "metrics") once(seen, 3), readMetrics(field.value().get_object(), segment.metrics);
        else if (key == "division") once(seen, 4), segment.division = std::string(text(field.value()));
        else if (key == "sources") once(seen, 5), internAll(field.value(), sources_, segment.sources);
        else if (key == "market") once(seen, 6), segment.market = field.value().get_bool();
        else keep(segment.extra, key, field.value(), kItemDepth);
    }
    if (!(seen & 1u)) throw GiveUp{};
    add(std::move(segment), idView, segments_, chain_.segments);
}

void FastJsonLoader::readLink(od::object object) {
    Link link;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "from") once(seen, 0), link.from = segments_.intern(text(field.value()));
        else if (key == "to") once(seen, 1), link.to = segments_.intern(text(field.value()));
        else keep(link.extra, key, field.value(), kItemDepth);
    }
    if (seen != 3u) throw GiveUp{};
    chain_.links.push_back(std::move(link));
}

void FastJsonLoader::readRegion(od::object object) {
    Region region;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), idView = id(field.value());
        else if (key == "name") once(seen, 1), region.name = name(field.value());
        else if (key == "lon") once(seen, 2), region.lon = number(field.value(), false);
        else if (key == "lat") once(seen, 3), region.lat = number(field.value(), false);
        else keep(region.extra, key, field.value(), kItemDepth);
    }
    if (!(seen & 1u)) throw GiveUp{};
    if ((region.lon && std::abs(*region.lon) > 180) || (region.lat && std::abs(*region.lat) > 90)) throw GiveUp{};
    add(std::move(region), idView, regions_, chain_.regions);
}

void FastJsonLoader::readMetrics(od::object object, std::array<std::optional<double>, kMetricCount>& metrics) {
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        auto known = std::find(kMetricKeys.begin(), kMetricKeys.end(), key);
        if (known == kMetricKeys.end()) throw GiveUp{};  // the validator drops unknown metrics silently
        int m = static_cast<int>(known - kMetricKeys.begin());
        once(seen, m);
        metrics[m] = number(field.value(), true);
    }
}

void FastJsonLoader::readSite(od::object object, Firm& firm) {
    Site site;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "region") {
            once(seen, 0), site.region = regions_.intern(text(field.value()));
        } else if (key == "segments") {
            once(seen, 1);
            for (auto segment : field.value().get_array())
                site.segments.push_back(segments_.intern(text(segment.value())));
            if (site.segments.empty()) throw GiveUp{};
        } else if (key == "output") {
            once(seen, 2), site.output = number(field.value(), true);
        } else if (key == "confidence") {
            once(seen, 3), site.confidence = std::string(text(field.value()));
        } else if (key == "year") {
            once(seen, 4), site.year = year(field.value());
        } else {
            keep(site.extra, key, field.value(), kSiteDepth);
        }
    }
    if ((seen & 3u) != 3u) throw GiveUp{};
    firm.sites.push_back(std::move(site));
}

void FastJsonLoader::readFirm(od::object object) {
    Firm firm;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") {
            once(seen, 0), idView = id(field.value());
        } else if (key == "name") {
            once(seen, 1), firm.name = name(field.value());
        } else if (key == "leader") {
            once(seen, 2), firm.leader = field.value().get_bool();
        } else if (key == "metrics") {
            once(seen, 3), readMetrics(field.value().get_object(), firm.metrics);
        } else if (key == "sites") {
            once(seen, 4);
            for (auto site : field.value().get_array()) readSite(site.value().get_object(), firm);
        } else if (key == "sources") {
            once(seen, 5);
            internAll(field.value(), sources_, firm.sources);
        } else {
            keep(firm.extra, key, field.value(), kItemDepth);
        }
    }
    if (!(seen & 1u) || firm.sites.empty()) throw GiveUp{};  // a firm without a site is a warning
    add(std::move(firm), idView, firms_, chain_.firms);
}

void FastJsonLoader::readSupply(od::object object) {
    Supply supply;
    nlohmann::json extra;  // null until a key we do not use is met
    std::string_view from, to;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "from") once(seen, 0), from = text(field.value());
        else if (key == "to") once(seen, 1), to = text(field.value());
        else if (key == "segment") once(seen, 2), supply.segment = segments_.intern(text(field.value()));
        else if (key == "confidence") once(seen, 3), supply.confidence = std::string(text(field.value()));
        else if (key == "from_region") once(seen, 4), supply.fromRegion = regions_.intern(text(field.value()));
        else if (key == "to_region") once(seen, 5), supply.toRegion = regions_.intern(text(field.value()));
        else if (key == "year") once(seen, 6), supply.year = year(field.value());
        else keep(extra, key, field.value(), kItemDepth);
    }
    if ((seen & 3u) != 3u || from == to) throw GiveUp{};  // a firm supplying itself is a warning
    supplyEnds_.push_back(from);
    supplyEnds_.push_back(to);
    if (!extra.is_null())
        chain_.supplyExtras.edit().push_back({static_cast<int>(chain_.supplies.size()), std::move(extra)});
    chain_.supplies.edit().push_back(std::move(supply));
    if (supplyEnds_.size() >= 8192) internSupplyEnds();
}

void FastJsonLoader::internSupplyEnds() {
    firms_.internAll(supplyEnds_, supplyEndNumbers_);
    std::vector<Supply>& supplies = chain_.supplies.edit();
    std::size_t first = supplies.size() - supplyEnds_.size() / 2;
    for (std::size_t k = 0; k < supplyEnds_.size() / 2; ++k) {
        supplies[first + k].from = supplyEndNumbers_[2 * k];
        supplies[first + k].to = supplyEndNumbers_[2 * k + 1];
    }
    supplyEnds_.clear();
}

// One of `words` (a resource's or a tie's kind); any other text is the validator's error.
template <typename Kind, std::size_t N>
Kind keyword(od::value value, const std::array<const char*, N>& words) {
    auto found = std::find(words.begin(), words.end(), text(value));
    if (found == words.end()) throw GiveUp{};
    return static_cast<Kind>(found - words.begin());
}

// "A", "B" or "C": required on resources and ties (docs/method.md §1); anything else is the validator's error.
std::string confidence(od::value value) {
    std::string_view level = text(value);
    if (level != "A" && level != "B" && level != "C") throw GiveUp{};
    return std::string(level);
}

void FastJsonLoader::readResource(od::object object) {
    Resource resource;
    std::string_view idView;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "id") once(seen, 0), idView = id(field.value());
        else if (key == "kind") once(seen, 1), resource.kind = keyword<ResourceKind>(field.value(), kResourceKindKeys);
        else if (key == "region") once(seen, 2), resource.region = regions_.intern(text(field.value()));
        else if (key == "confidence") once(seen, 3), resource.confidence = confidence(field.value());
        else if (key == "name") once(seen, 4), resource.name = name(field.value());
        else if (key == "segments") once(seen, 5), internAll(field.value(), segments_, resource.segments);
        else if (key == "sources") once(seen, 6), internAll(field.value(), sources_, resource.sources);
        else if (key == "note") once(seen, 7), resource.note = std::string(text(field.value()));
        else if (key == "year") once(seen, 8), resource.year = year(field.value());
        else keep(resource.extra, key, field.value(), kItemDepth);
    }
    if ((seen & 15u) != 15u) throw GiveUp{};  // id, kind, region and confidence are required
    add(std::move(resource), idView, resources_, chain_.resources);
}

void FastJsonLoader::readTie(od::object object) {
    Tie tie;
    unsigned seen = 0;
    for (auto field : object) {
        std::string_view key = keyOf(field);
        if (key == "resource") once(seen, 0), tie.resource = resources_.intern(text(field.value()));
        else if (key == "firm") once(seen, 1), tie.firm = firms_.intern(text(field.value()));
        else if (key == "kind") once(seen, 2), tie.kind = keyword<TieKind>(field.value(), kTieKindKeys);
        else if (key == "confidence") once(seen, 3), tie.confidence = confidence(field.value());
        else if (key == "year") once(seen, 4), tie.year = year(field.value());
        else keep(tie.extra, key, field.value(), kItemDepth);
    }
    if ((seen & 15u) != 15u) throw GiveUp{};  // all four are required
    chain_.ties.push_back(std::move(tie));
}

// The top-level keys that hold an array of items, with the reader of an item and the ids it defines: `read`
// gets them for `key` (marked seen) and true is returned; false for any other key. Both readings use it.
template <typename Read>
bool FastJsonLoader::eachArray(std::string_view key, unsigned& seen, Read&& read) {
    auto one = [&](int bit, auto& items, auto&& readItem, IdInterner* ids = nullptr) {
        once(seen, bit);
        read(items, readItem, ids);
        return true;
    };
    if (key == "sources") return one(2, chain_.sources, [&](od::object o) { readSource(o); });
    if (key == "stages") return one(3, chain_.stages, [&](od::object o) { readStage(o); });
    if (key == "segments")
        return one(
            4, chain_.segments, [&](od::object o) { readSegment(o); }, &segments_);
    if (key == "links") return one(5, chain_.links, [&](od::object o) { readLink(o); });
    if (key == "regions")
        return one(
            6, chain_.regions, [&](od::object o) { readRegion(o); }, &regions_);
    if (key == "firms")
        return one(
            7, chain_.firms, [&](od::object o) { readFirm(o); }, &firms_);
    if (key == "supplies") return one(8, chain_.supplies.edit(), [&](od::object o) { readSupply(o); });
    if (key == "resources") return one(9, chain_.resources, [&](od::object o) { readResource(o); });
    if (key == "ties") return one(10, chain_.ties, [&](od::object o) { readTie(o); });
    return false;
}

void FastJsonLoader::readTop(od::object top, unsigned& seen) {
    for (auto field : top) {
        std::string_view key = keyOf(field);
        od::value value = field.value();
        if (key == "format") {
            once(seen, 0);
            if (text(value) != "chainatlas/1") throw GiveUp{};
        } else if (key == "chain") {
            once(seen, 1), readChainHead(value.get_object());
        } else if (!eachArray(key, seen, [&](auto& items, auto&& readItem, IdInterner* ids) {
                       eachItem(value, items, readItem, ids);
                   })) {
            throw GiveUp{};  // an unknown top-level key is a warning
        }
    }
}

// Sorted, each once, as the validator keeps the sources of segments and resources and a resource's segments
// (a repeat is not reported).
void resolveSet(std::vector<int>& numbers, const IdInterner& interner) {
    for (int& number : numbers) number = interner.resolve(number);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
}

// Provisional numbers (ids met in any order) become positions; an id never defined ends the fast path.
void FastJsonLoader::resolveReferences() {
    for (Segment& segment : chain_.segments) {
        if (segment.stage >= 0) segment.stage = stages_.resolve(segment.stage);
        resolveSet(segment.sources, sources_);
    }
    for (Link& link : chain_.links) link.from = segments_.resolve(link.from), link.to = segments_.resolve(link.to);
    for (Firm& firm : chain_.firms) {
        for (int& source : firm.sources) source = sources_.resolve(source);
        for (Site& site : firm.sites) {
            site.region = regions_.resolve(site.region);
            for (int& segment : site.segments) segment = segments_.resolve(segment);
            std::sort(site.segments.begin(), site.segments.end());
            if (std::adjacent_find(site.segments.begin(), site.segments.end()) != site.segments.end())
                throw GiveUp{};  // a segment listed twice is a warning
        }
    }
    internSupplyEnds();  // the last batch
    for (Supply& supply : chain_.supplies.edit()) {
        supply.from = firms_.resolve(supply.from), supply.to = firms_.resolve(supply.to);
        if (supply.segment >= 0) supply.segment = segments_.resolve(supply.segment);
        if (supply.fromRegion >= 0) supply.fromRegion = regions_.resolve(supply.fromRegion);
        if (supply.toRegion >= 0) supply.toRegion = regions_.resolve(supply.toRegion);
        // A named plant where the firm has no site is the validator's warning.
        if (!hasSiteIn(supply.from, supply.fromRegion) || !hasSiteIn(supply.to, supply.toRegion)) throw GiveUp{};
    }
    resolveResources();
}

bool FastJsonLoader::hasSiteIn(int firm, int region) const {
    if (region < 0) return true;
    const auto& sites = chain_.firms[static_cast<std::size_t>(firm)].sites;
    return std::any_of(sites.begin(), sites.end(), [&](const Site& site) { return site.region == region; });
}

void FastJsonLoader::resolveResources() {
    for (Resource& resource : chain_.resources) {
        if (firms_.positionOf(resource.id) >= 0) throw GiveUp{};  // a resource id that is also a firm id: an error
        resource.region = regions_.resolve(resource.region);
        resolveSet(resource.segments, segments_);
        resolveSet(resource.sources, sources_);
    }
    for (Tie& tie : chain_.ties) tie.resource = resources_.resolve(tie.resource), tie.firm = firms_.resolve(tie.firm);
}

// Duplicate links (a warning) and cycles (an error) are the validator's to report. The cycle test is Boost's
// topological sort on the graph the index will hold (the validator names the segments with a DFS visitor).
void FastJsonLoader::checkLinks() const {
    std::set<std::pair<int, int>> seen;
    for (const Link& link : chain_.links)
        if (!seen.insert({link.from, link.to}).second) throw GiveUp{};
    detail::ChainGraph graph = detail::linkGraph(chain_);
    std::vector<int> order;
    try {
        boost::topological_sort(graph, std::back_inserter(order));
    } catch (const boost::not_a_dag&) {
        throw GiveUp{};
    }
}

// Checks the validator makes after reading (kept text keys the viewer shows, and the output totals):
// a file that fails one goes to the validator, which reports it in place.
bool passesLaterChecks(const Chain& chain) {
    auto textOrAbsent = [](const json& extra, const char* key) {
        return !extra.is_object() || !extra.contains(key) || extra[key].is_string();
    };
    for (const Firm& firm : chain.firms) {
        if (!textOrAbsent(firm.extra, "leader_basis")) return false;
        for (const Site& site : firm.sites)
            if (!textOrAbsent(site.extra, "note")) return false;
    }
    return !outputTotalProblem(chain.firms);
}

std::optional<Chain> FastJsonLoader::run(simdjson::padded_string_view text, FastLoadStats* stats) {
    bool whole = false;
    bool read = reads([&] {
        od::document document = parser_.iterate(text);
        document_ = &document;
        indexRelease_.start(parser_, text.data());
        unsigned seen = 0;
        readTop(document.get_object(), seen);
        document_ = nullptr;
        const char* after = nullptr;  // anything after the top-level object is the validator's to report
        whole = document.current_location().get(after) == simdjson::OUT_OF_BOUNDS &&
                (seen & kRequiredKeys) == kRequiredKeys;
    });
    if (!read || !whole) return std::nullopt;
    if (stats)
        stats->indexBytes = indexRelease_.indexBytes(), stats->indexBytesReleased = indexRelease_.releasedBytes();
    return finish(stats);
}

// After the last value was read, by either reading: references, links and the checks made after reading.
std::optional<Chain> FastJsonLoader::finish(FastLoadStats* stats) {
    if (!reads([&] { resolveReferences(), checkLinks(); }) || !passesLaterChecks(chain_)) return std::nullopt;
    if (stats && windows_) stats->windows = windows_, stats->indexBytes = largestIndex_;
    parser_ = od::parser{};  // its buffers (an index of every token) are not needed for the graphs below
    window_.reset();
    sources_ = stages_ = segments_ = regions_ = firms_ = resources_ = IdInterner{};
    chain_.buildIndexes();
    return std::move(chain_);
}

// The window [from, to) of the text, copied between brackets into the reused buffer and handed to simdjson
// (stage 1 indexes only this copy). Throws simdjson_error when stage 1 refuses it.
od::document FastJsonLoader::openWindow(std::size_t from, std::size_t to) {
    std::size_t length = to - from;
    std::size_t need = length + 2 + simdjson::SIMDJSON_PADDING;
    if (need > windowCapacity_) {
        windowCapacity_ = std::max(need, windowCapacity_ * 2);
        window_.reset(new char[windowCapacity_]);
    }
    char* buffer = window_.get();
    buffer[0] = '[';
    std::memcpy(buffer + 1, whole_.data() + from, length);
    buffer[length + 1] = ']';
    std::memset(buffer + length + 2, 0, simdjson::SIMDJSON_PADDING);
    copy_ = WindowCopy{buffer + 1, buffer + 1 + length, whole_.data() + from, &kept_};
    tWindow = &copy_;
    ++windows_;
    od::document document = parser_.iterate(simdjson::padded_string_view(buffer, length + 2, windowCapacity_));
#if CHAINATLAS_SIMDJSON_TOKEN_INDEX
    std::uint32_t tokens = 0;
    if (detail::tokenIndex(parser_, tokens)) largestIndex_ = std::max<std::size_t>(largestIndex_, tokens * 4ull);
#endif
    return document;
}

// The items of the array that starts at `at`, a window at a time; just after the array, or kNowhere.
// A window runs from the start of an item to a guessed cut (cutAfter) at least windowBytes_ further on. When
// the guess was wrong, the last item is cut off inside the window and fails to read: the items before it
// stay read, and the next window starts at it. When the first item of a window fails, the window doubles
// (an item longer than a window), up to the end of the text; then the failure is the item's own and the
// reading gives up. An item is read whole or not at all, so none is read twice.
template <typename Items, typename Read>
std::size_t FastJsonLoader::windowedItems(std::size_t at, Items& items, Read&& readItem, IdInterner* ids) {
    const std::string_view text = whole_;
    if (at >= text.size() || text[at] != '[') return kNowhere;
    at = skipBlank(text, at + 1);
    if (at < text.size() && text[at] == ']') return at + 1;
    const std::size_t first = at;
    std::size_t want = windowBytes_;
    bool reserved = false;
    while (true) {
        std::size_t cut = want >= text.size() - at ? text.size() : cutAfter(text, at + want);
        std::size_t done = 0;
        // Just after the last item read: its ',', the array's own ']' (the rest of the window is left unread), or
        // the ']' closing the window.
        const char* last = nullptr;
        bool failed = !reads([&] {
            od::document document = openWindow(at, cut);
            od::array array = document.get_array();
            for (auto item : array) {
                readItem(item.value().get_object());
                ++done;
                if (document.current_location().get(last) != simdjson::SUCCESS) last = nullptr;
            }
        });
        if (done == 0 || !last) {
            if (cut == text.size()) return kNowhere;
            want *= 2;
            continue;
        }
        std::size_t after = last == copy_.end ? skipBlank(text, cut) : inText(last);
        if (after >= text.size()) return kNowhere;
        if (text[after] == ']' && !failed) return after + 1;
        if (!reserved) {
            // An array longer than a window: room for the items the rest of the text would hold at the density
            // of the first window (growing a vector of 500k supplies by doubling held the old and the new block
            // at once, 25 MB more at the peak). Room in a vector is only address space until it is used. The
            // table of ids is written when made: it gets room for 40% of the guess. The firms come with about as
            // many bytes of supplies, so that is about 85% of them; a table for half the guess was the
            // next power of two up at 1M firms, 64 MB more to zero. Where the guess is short, it grows once.
            reserved = true;
            std::size_t estimate = done + done * (text.size() - after) / std::max<std::size_t>(after - first, 1);
            items.reserve(items.size() + estimate);
            if (ids) ids->reserve(estimate * 2 / 5);
        }
        if (text[after] != ',') return kNowhere;
        at = skipBlank(text, after + 1);
        want = windowBytes_;
    }
}

// One value of the top-level object, read in windows; just after it, or kNowhere.
std::size_t FastJsonLoader::readTopValue(std::string_view key, std::size_t at, unsigned& seen) {
    if (key == "format") {
        once(seen, 0);
        constexpr std::string_view format = "\"chainatlas/1\"";  // anything else (escapes too): one document
        return whole_.substr(at, format.size()) == format ? at + format.size() : kNowhere;
    }
    if (key == "chain") {
        once(seen, 1);
        std::size_t end = objectEnd(whole_, at);
        if (end == kNowhere) return kNowhere;
        od::document document = openWindow(at, end);
        int count = 0;
        od::array array = document.get_array();
        for (auto item : array) readChainHead(item.value().get_object()), ++count;
        const char* after = nullptr;
        if (count != 1 || document.current_location().get(after) != simdjson::OUT_OF_BOUNDS) return kNowhere;
        return end;
    }
    std::size_t end = kNowhere;
    eachArray(key, seen,
              [&](auto& items, auto&& readItem, IdInterner* ids) { end = windowedItems(at, items, readItem, ids); });
    return end;  // kNowhere also for an unknown key (a warning) and a key with an escape (read as one document)
}

std::optional<Chain> FastJsonLoader::runInWindows(std::string_view text, const FastJsonOptions& options,
                                                  FastLoadStats* stats) {
    struct Outside {
        ~Outside() { tWindow = nullptr; }
    } outside;
    whole_ = text;
    windowBytes_ = std::max<std::size_t>(options.windowBytes, 1);
    unsigned seen = 0;
    std::size_t at = skipBlank(text, 0);
    if (at >= text.size() || text[at] != '{') return std::nullopt;
    at = skipBlank(text, at + 1);
    bool read = reads([&] {
        while (at != kNowhere) {
            std::size_t keyEnd = at < text.size() && text[at] == '"' ? text.find('"', at + 1) : kNowhere;
            if (keyEnd == kNowhere) return void(at = kNowhere);
            std::string_view key = text.substr(at + 1, keyEnd - at - 1);
            at = skipBlank(text, keyEnd + 1);
            if (at >= text.size() || text[at] != ':') return void(at = kNowhere);
            at = readTopValue(key, skipBlank(text, at + 1), seen);
            if (at == kNowhere) return;
            at = skipBlank(text, at);
            if (at < text.size() && text[at] == '}') return;
            at = at < text.size() && text[at] == ',' ? skipBlank(text, at + 1) : kNowhere;
        }
    });
    // After the '}': only blanks (anything else is the validator's to report), and every required key.
    if (!read || at == kNowhere || skipBlank(text, at + 1) != text.size() || (seen & kRequiredKeys) != kRequiredKeys)
        return std::nullopt;
    tWindow = nullptr;  // the views kept point into the text now
    return finish(stats);
}

}  // namespace

std::size_t fastLoadPadding() { return simdjson::SIMDJSON_PADDING; }

std::optional<PaddedText> readPaddedFile(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file || std::fseek(file.get(), 0, SEEK_END) != 0) return std::nullopt;
    long size = std::ftell(file.get());
    if (size < 0 || std::fseek(file.get(), 0, SEEK_SET) != 0) return std::nullopt;
    auto bytes = std::make_unique<char[]>(static_cast<std::size_t>(size) + fastLoadPadding());
    std::size_t got = std::fread(bytes.get(), 1, static_cast<std::size_t>(size), file.get());
    if (got != static_cast<std::size_t>(size) || std::fgetc(file.get()) != EOF)
        return std::nullopt;  // changed while read
    return PaddedText(std::move(bytes), got);
}

std::optional<Chain> fastChainFromPaddedJson(std::string_view text, FastLoadStats* stats,
                                             const FastJsonOptions& options) {
    // Refuse what the validating path's precheck refuses by size alone; everything else the pass checks.
    if (text.size() >= 0xFFFFFFFFu) return std::nullopt;
    if (!options.oneDocument) {
        if (auto chain = FastJsonLoader().runInWindows(text, options, stats)) return chain;
        if (stats) *stats = FastLoadStats{};
    }
    FastJsonLoader loader;
    return loader.run(simdjson::padded_string_view(text.data(), text.size(), text.size() + fastLoadPadding()), stats);
}

std::optional<Chain> fastChainFromJson(std::string_view text, FastLoadStats* stats, const FastJsonOptions& options) {
    simdjson::padded_string padded(text);
    return fastChainFromPaddedJson(std::string_view(padded.data(), padded.size()), stats, options);
}

}  // namespace chainatlas
