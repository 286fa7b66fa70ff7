// Loads a chain with the installed core and prints its firm count and the top target for one region.
#include <chainatlas/analysis/scenario.hpp>
#include <chainatlas/load/load.hpp>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 3) return 1;
    chainatlas::LoadResult loaded = chainatlas::loadChainFile(argv[1]);
    if (!loaded.ok()) return 2;
    chainatlas::AnalysisOptions options;
    options.region = chainatlas::findRegion(*loaded.chain, argv[2]);
    if (options.region < 0) return 1;
    chainatlas::Analysis analysis = chainatlas::analyze(*loaded.chain, options);
    std::cout << "firms " << loaded.chain->firms.size() << " targets " << analysis.targets.size() << "\n";
    return 0;
}
