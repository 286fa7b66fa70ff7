// The fast path for CSV folders: the document the validating reader (csv.cpp) would build, written straight
// as compact JSON text (no JSON object per cell or row, no origins map) and loaded by the fast JSON path.
// Any problem — a diagnostic of the CSV reader, a cell it would keep as text for the validator to report,
// anything unusual in the header — gives up, and the folder goes through the validating reader unchanged, so
// its messages (file, line, column, did-you-mean) stay exactly what they were. What the fast JSON path accepts
// the validator accepts silently with the same model (test_fast_load.cpp), and the text here is that document,
// so the model is the one the validating CSV path builds (resources.csv and ties.csv included).
#include <charconv>
#include <cmath>
#include <deque>
#include <filesystem>
#include <unordered_map>

#include "chainatlas/fast_load.hpp"
#include "chainatlas/file_io.hpp"
#include "csv_spec.hpp"
#include "id_interner.hpp"
#include "json_writer.hpp"

namespace chainatlas {

namespace {

using csv::Cell;
using csv::Column;
using csv::FileSpec;
using csv::trim;
using detail::GiveUp;

// RFC 4180 records as views into the text, as csv.cpp's parser reads them (a quoted part may hold commas,
// quotes as "" and line breaks; unquoted text may follow it; a lone CR also ends a record; rows of one
// empty field are skipped). A field that needed unescaping lives in `unescaped`, which keeps its place.
class Records {
public:
    explicit Records(std::string_view text) : text_(text) {}
    // The next non-blank record's fields; false at the end. Gives up at a quote never closed.
    bool next(std::vector<std::string_view>& fields) {
        while (i_ < text_.size()) {
            fields.clear();
            bool endOfRow = false;
            while (!endOfRow) {
                fields.push_back(field());
                if (i_ >= text_.size()) {
                    endOfRow = true;
                } else if (text_[i_] == ',') {
                    ++i_;
                } else {
                    if (text_[i_] == '\r') ++i_;
                    if (i_ < text_.size() && text_[i_] == '\n') ++i_;
                    endOfRow = true;
                }
            }
            if (fields.size() != 1 || !fields[0].empty()) return true;
        }
        return false;
    }

private:
    std::string_view text_;
    std::size_t i_ = 0;
    std::deque<std::string> unescaped_;

    // A plain loop: find_first_of with a set of three calls memchr on the set for every byte (13% of a load).
    std::size_t plainEnd(std::size_t from) const {
        const char* p = text_.data() + from;
        const char* end = text_.data() + text_.size();
        while (p != end && *p != ',' && *p != '\r' && *p != '\n') ++p;
        return static_cast<std::size_t>(p - text_.data());
    }
    std::string_view field() {
        if (i_ >= text_.size() || text_[i_] != '"') {
            std::size_t end = plainEnd(i_);
            std::string_view plain = text_.substr(i_, end - i_);
            i_ = end;
            return plain;
        }
        std::size_t open = ++i_;
        std::size_t close = text_.find('"', open);
        if (close == std::string_view::npos) throw GiveUp{};  // never closed: the reader's error
        bool doubled = close + 1 < text_.size() && text_[close + 1] == '"';
        if (!doubled && plainEnd(close + 1) == close + 1) {  // the common case: a view, nothing to unescape
            i_ = close + 1;
            return text_.substr(open, close - open);
        }
        std::string& out = unescaped_.emplace_back(text_.substr(open, close - open));
        while (doubled) {
            out.push_back('"');
            std::size_t from = close + 2;
            close = text_.find('"', from);
            if (close == std::string_view::npos) throw GiveUp{};
            out.append(text_.substr(from, close - from));
            doubled = close + 1 < text_.size() && text_[close + 1] == '"';
        }
        std::size_t end = plainEnd(close + 1);
        out.append(text_.substr(close + 1, end - close - 1));
        i_ = end;
        return out;
    }
};

// What a file's header says each column is: the row object's keys, a nested object ("name", "metrics") being
// one key with its members; extra columns keep their raw text under their own name.
struct Member {
    std::string subkey;  // empty: the value is the key's own
    std::size_t position;
    Cell kind;
    bool listAlways;  // "/segments": an empty cell is an empty list, not absent
};
struct Key {
    std::string name;
    std::vector<Member> members;
    bool extra = false;
};
struct Plan {
    std::vector<Key> keys;
    std::size_t columns = 0;
    std::size_t firm = std::string_view::npos;  // sites.csv: the column naming the site's firm
};

Plan planOf(const FileSpec& spec, const std::vector<std::string_view>& header) {
    Plan plan;
    plan.columns = header.size();
    auto keyNamed = [&](std::string_view name) -> Key* {
        for (Key& key : plan.keys)
            if (key.name == name) return &key;
        return nullptr;
    };
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string_view name = trim(header[c]);
        const Column* column = csv::columnNamed(spec, name);
        if (!column) {
            if (c == 0 || csv::isReservedKey(spec, name) || keyNamed(name)) throw GiveUp{};  // a diagnostic, or
            plan.keys.push_back({std::string(name), {{"", c, Cell::Text, false}}, true});    // a key written twice
            continue;
        }
        std::string_view path = column->path;
        if (path.empty()) {
            if (plan.firm != std::string_view::npos) throw GiveUp{};
            plan.firm = c;
            continue;
        }
        path.remove_prefix(1);
        std::size_t slash = path.find('/');
        std::string_view top = path.substr(0, slash);
        std::string sub(slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1));
        Key* key = keyNamed(top);
        if (!key) key = &plan.keys.emplace_back(Key{std::string(top), {}, false});
        for (const Member& m : key->members)
            if (m.subkey == sub || m.subkey.empty() || sub.empty()) throw GiveUp{};  // the same value twice
        key->members.push_back({sub, c, column->kind, std::string_view(column->path) == "/segments"});
    }
    return plan;
}

// Whether a cell is written at all (csv.cpp: an empty cell is absent, except an empty list of segments).
bool present(const Member& m, const std::vector<std::string_view>& row) {
    if (m.position >= row.size()) return false;
    return m.listAlways || !trim(row[m.position]).empty();
}

void writeValue(JsonWriter& w, const Member& m, std::string_view raw) {
    std::string_view text = trim(raw);
    switch (m.kind) {
        case Cell::Text: w.string(text); return;
        case Cell::Number: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            // Not a number, out of range, NaN or infinite: the validator reports it.
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) throw GiveUp{};
            w.number(value);
            return;
        }
        case Cell::Integer: {
            long long value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size()) throw GiveUp{};
            w.integer(value);
            return;
        }
        case Cell::Bool:
            if (text == "true" || text == "1" || text == "yes") w.boolean(true);
            else if (text == "false" || text == "0" || text == "no") w.boolean(false);
            else throw GiveUp{};
            return;
        case Cell::List: {
            w.beginArray();
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find(';', start);
                std::string_view item = trim(text.substr(start, end == std::string_view::npos ? end : end - start));
                if (!item.empty()) w.string(item);
                if (end == std::string_view::npos) break;
                start = end + 1;
            }
            w.endArray();
            return;
        }
    }
}

// A row's object, left open (a firm's sites follow).
void writeRow(JsonWriter& w, const Plan& plan, const std::vector<std::string_view>& row) {
    if (row.size() > plan.columns) throw GiveUp{};  // more fields than the header: an error
    w.beginObject();
    for (const Key& key : plan.keys) {
        if (key.extra) {
            if (key.members[0].position < row.size()) w.field(key.name, row[key.members[0].position]);
            continue;
        }
        bool nested = !key.members[0].subkey.empty(), any = false;
        for (const Member& m : key.members) any = any || present(m, row);
        if (!any) continue;
        w.key(key.name);
        if (nested) w.beginObject();
        for (const Member& m : key.members) {
            if (!present(m, row)) continue;
            if (nested) w.key(m.subkey);
            writeValue(w, m, row[m.position]);
        }
        if (nested) w.endObject();
    }
}

// The sites of sites.csv by the firm they name, kept until firms.csv is written (sites go into their firm).
struct Sites {
    std::string text;
    Plan plan;
    std::vector<std::vector<std::string_view>> rows;
    std::unordered_map<std::string_view, std::vector<std::size_t>> byFirm;
    std::size_t placed = 0;
};

class CsvToJson {
public:
    CsvToJson(const std::string& folder, std::string& out) : folder_(folder), w_(out, -1) {}
    void run();

private:
    const std::string& folder_;
    JsonWriter w_;
    std::vector<Diagnostic> diagnostics_;  // any at all: give up
    Sites sites_;
    std::optional<Records> sitesRecords_;

    std::optional<std::string> decode(const FileSpec& spec) {
        std::optional<std::string> text = csv::decodeFile(folder_, spec, diagnostics_);
        if (!diagnostics_.empty()) throw GiveUp{};
        return text;
    }
    void readSites(const FileSpec& spec);
    void writeFile(const FileSpec& spec, const std::string& text);
};

void CsvToJson::readSites(const FileSpec& spec) {
    std::optional<std::string> text = decode(spec);
    if (!text) return;
    sites_.text = std::move(*text);
    sitesRecords_.emplace(sites_.text);
    std::vector<std::string_view> fields;
    if (!sitesRecords_->next(fields)) throw GiveUp{};  // an empty file: an error
    sites_.plan = planOf(spec, fields);
    while (sitesRecords_->next(fields)) {
        if (fields.size() > sites_.plan.columns) throw GiveUp{};
        std::size_t f = sites_.plan.firm;
        std::string_view firm = f < fields.size() ? trim(fields[f]) : std::string_view();
        sites_.byFirm[firm].push_back(sites_.rows.size());
        sites_.rows.push_back(fields);
    }
}

void CsvToJson::writeFile(const FileSpec& spec, const std::string& text) {
    Records records(text);
    std::vector<std::string_view> fields;
    if (!records.next(fields)) throw GiveUp{};  // an empty file: an error
    Plan plan = planOf(spec, fields);
    if (plan.firm != std::string_view::npos) throw GiveUp{};
    bool firms = std::string_view(spec.array) == "firms";
    std::size_t id = 0;  // the position of "id" in a firm's row
    for (; firms && id < fields.size() && trim(fields[id]) != "id"; ++id) {
    }
    while (records.next(fields)) {
        writeRow(w_, plan, fields);
        std::string_view firmId = id < fields.size() ? trim(fields[id]) : std::string_view();
        auto found = firms && !firmId.empty() ? sites_.byFirm.find(firmId) : sites_.byFirm.end();
        if (found != sites_.byFirm.end()) {  // the first firm of that id gets them, as in csv.cpp
            w_.key("sites");
            w_.beginArray();
            for (std::size_t s : found->second) {
                writeRow(w_, sites_.plan, sites_.rows[s]);
                w_.endObject();
            }
            w_.endArray();
            sites_.placed += found->second.size();
            sites_.byFirm.erase(found);
        }
        w_.endObject();
    }
}

void CsvToJson::run() {
    const std::vector<FileSpec>& all = csv::specs();
    for (const FileSpec& spec : all)
        if (std::string_view(spec.array) == "sites") readSites(spec);
    auto [id, name] = csv::chainIdAndName(folder_);
    w_.beginObject();
    w_.field("format", "chainatlas/1");
    w_.key("chain");
    w_.beginObject();
    w_.field("id", id);
    w_.field("name", name);
    w_.endObject();
    for (const FileSpec& spec : all) {
        std::string_view array = spec.array;
        if (array == "sites") continue;
        w_.key(array);
        w_.beginArray();
        if (std::optional<std::string> text = decode(spec)) writeFile(spec, *text);
        w_.endArray();
    }
    w_.endObject();
    if (sites_.placed != sites_.rows.size()) throw GiveUp{};  // a site of an unknown firm
}

}  // namespace

std::optional<Chain> fastChainFromCsvFolder(const std::string& folder) {
    // The JSON text is about 2.1 times the CSV (keys on every row): room for it at once, so the text is not
    // copied each time it doubles (the last doubling held 32 and 64 MB at once for a national folder).
    std::size_t csvBytes = 0;
    for (const FileSpec& spec : csv::specs()) {
        std::error_code ec;
        std::uintmax_t size = std::filesystem::file_size(std::filesystem::path(folder) / spec.file, ec);
        if (!ec && size < kMaxReadBytes) csvBytes += static_cast<std::size_t>(size);
    }
    std::string json;
    json.reserve(csvBytes / 10 * 23 + 4096 + fastLoadPadding());
    try {
        CsvToJson(folder, json).run();
    } catch (const GiveUp&) {
        return std::nullopt;
    }
    std::size_t size = json.size();
    json.append(fastLoadPadding(), '\0');  // simdjson reads past the end in blocks
    return fastChainFromPaddedJson(std::string_view(json.data(), size));
}

}  // namespace chainatlas
