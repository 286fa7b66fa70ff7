// The doctest main, compiled once for every suite. A suite that lays maps out in a helper process (the
// viewer's LayoutWorker, the layout tests) starts itself as that helper, as the viewer does.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <string_view>

#include "chainatlas/map/layout.hpp"

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == chainatlas::kLayoutHelperFlag) return chainatlas::serveMapLayouts(0);
    return doctest::Context(argc, argv).run();
}
