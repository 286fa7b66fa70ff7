// Problems found in input files, located by JSON pointer or line:column, reported all at once.
#pragma once

#include <string>
#include <vector>

namespace chainatlas {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;      // as the user named it
    std::string location;  // "/firms/3/sites/0/region" or "12:7"
    std::string message;
};

// "nev.json: /firms/3/sites/0/region: unknown region ..." or "nev.json:12:7: ..."
std::string formatDiagnostic(const Diagnostic& d);
bool hasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace chainatlas
