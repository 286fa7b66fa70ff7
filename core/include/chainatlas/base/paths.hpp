// Where the programs find their data files: next to their own location, so that an installed or moved
// binary keeps its theme, fonts list and bundled chains (nothing is compiled in from the source tree).
#pragma once

#include <string>

namespace chainatlas {

// The folder of the running executable ("" when it cannot be told).
std::string executableDir();

// `assets/` (theme.json, fonts.txt): $CHAINATLAS_ASSETS if set, else <exe>/../share/chainatlas/assets
// (the installed layout, mirrored in the build tree by CMake).
std::string assetsDir();

// The bundled chains: $CHAINATLAS_CHAINS if set, else <exe>/../share/chainatlas/chains.
std::string chainsDir();

}  // namespace chainatlas
