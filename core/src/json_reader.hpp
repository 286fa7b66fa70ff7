// Reading a JSON document a planner wrote: every problem is collected, located by a JSON pointer, instead of
// stopping at the first. Sessions (session.cpp) and the assumptions inside them (whatif.cpp) read with it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chainatlas/diagnostics.hpp"

namespace chainatlas {

struct JsonReader {
    std::string label;  // the file, as the user named it
    std::vector<Diagnostic> problems;

    void fail(const std::string& pointer, const std::string& message) {
        problems.push_back({Severity::Error, label, pointer, message});
    }
    // The string at `key`, or "" (a problem when present with another type).
    std::string text(const nlohmann::json& object, const char* key, const std::string& pointer) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return {};
        if (!it->is_string()) {
            fail(pointer + "/" + key, "expected a string");
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
            fail(pointer + "/" + key, "expected an array of ids");
            return out;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            if ((*it)[i].is_string()) out.push_back((*it)[i].get<std::string>());
            else fail(pointer + "/" + key + "/" + std::to_string(i), "expected an id");
        }
        return out;
    }
};

}  // namespace chainatlas
