// What the document writers share: cells and the choice of format by file extension.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "chainatlas/documents/document.hpp"

namespace chainatlas {

DocCell DocCell::num(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return {buffer, value, decimals, {}};
}

std::optional<DocumentKind> documentKindOf(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".xlsx") return DocumentKind::Xlsx;
    if (extension == ".pdf") return DocumentKind::Pdf;
    if (extension == ".png") return DocumentKind::Png;
    if (extension == ".svg") return DocumentKind::Svg;
    return std::nullopt;
}

}  // namespace chainatlas
