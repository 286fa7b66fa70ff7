// Reading a JSON document a planner wrote: every problem is collected, located by a JSON pointer, instead of
// stopping at the first. Sessions (session.cpp) and the assumptions inside them (whatif.cpp) read with it.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chainatlas/base/diagnostics.hpp"
#include "chainatlas/base/text.hpp"

namespace chainatlas {

// `pointer` + "/" + `key` as a JSON pointer (RFC 6901): "~" becomes "~0" and "/" becomes "~1" in the key.
inline std::string pointerTo(const std::string& pointer, const std::string& key) {
    std::string out = pointer + "/";
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// "a number", "a string", ... for messages that say what was found instead.
inline std::string jsonTypeName(const nlohmann::json& value) {
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    if (value.is_null()) return "null";
    if (value.is_array()) return "an array";
    return "an object";
}

struct JsonReader {
    std::string label;  // the file, as the user named it
    std::vector<Diagnostic> problems;

    void fail(const std::string& pointer, const std::string& message) {
        problems.push_back({Severity::Error, label, pointer, message});
    }
    // Every key of `object` that is not one of `known` is a problem (a typo would otherwise be ignored and
    // change the result without a word), with did-you-mean.
    void unknownKeys(const nlohmann::json& object, const std::string& pointer, std::initializer_list<const char*> known,
                     const char* what) {
        std::vector<std::string> keys(known.begin(), known.end());
        for (auto it = object.begin(); it != object.end(); ++it)
            if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
                fail(pointerTo(pointer, it.key()),
                     std::string("unknown ") + what + " key \"" + it.key() + "\"" + didYouMean(it.key(), keys));
    }
    // The string at `key`, or "" (a problem when present with another type).
    std::string text(const nlohmann::json& object, const char* key, const std::string& pointer) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return {};
        if (!it->is_string()) {
            fail(pointer + "/" + key, "expected a string, found " + jsonTypeName(*it));
            return {};
        }
        return it->get<std::string>();
    }
    // The strings of the array at `key`, or none (a problem when it is not an array of strings).
    std::vector<std::string> textList(const nlohmann::json& object, const char* key, const std::string& pointer) {
        std::vector<std::string> out;
        auto it = object.find(key);
        if (it == object.end()) return out;
        if (!it->is_array()) {
            fail(pointer + "/" + key, "expected an array of ids, found " + jsonTypeName(*it));
            return out;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            if ((*it)[i].is_string()) out.push_back((*it)[i].get<std::string>());
            else fail(pointer + "/" + key + "/" + std::to_string(i), "expected an id, found " + jsonTypeName((*it)[i]));
        }
        return out;
    }
};

}  // namespace chainatlas
