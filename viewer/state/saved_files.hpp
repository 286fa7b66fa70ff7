// Files a planner writes from the viewer (sessions and exports): their default names, the folder they go to,
// and what a file already at a path holds, so that no save writes over another chain's or region's work
// unasked. No ImGui here: tested without a window.
#pragma once

#include <string>

#include "state/state.hpp"

namespace viewer {

// An id as part of a file name: letters (any script), digits, '-', '_' and '.' kept, anything else '-'.
std::string fileNamePart(const std::string& text);
// "<chain>-<region>-<date>" of the state's chain and focal region ("nev-weinan-2026-12-06"); the chain is
// its id, else the file's stem; no region: the chain alone.
std::string defaultBaseName(const ViewerState& state, const std::string& date);
// The folder a planner sees for their files: $XDG_DOCUMENTS_DIR, else ~/Documents (made on first save),
// else the working folder; never the hidden configuration folder.
std::string documentsFolder();
// folder + "/" + name.
std::string joinPath(const std::string& folder, const std::string& name);
// Creates the folder that will hold `path` (a first save into ~/Documents); the error is the system's reason.
chainatlas::Status makeParentFolder(const std::string& path);
// The folder of `path` (absolute), for the next default name.
std::string folderOf(const std::string& path);

// What a file at a path holds, as far as a save cares.
struct ExistingFile {
    bool exists = false;
    bool session = false;     // a chainatlas session (read without errors)
    std::string chain, file;  // its chain id (may be empty in old sessions) and chain file
    std::string region;       // its focal region id
};
ExistingFile inspectExisting(const std::string& path);

// Why a session save must ask first ("" when it may write at once): the file exists and is not the
// state's own session of the same chain and region. In the state's language, naming what the file holds.
std::string sessionOverwriteQuestion(const ViewerState& state, const std::string& path);
// Why an export must ask first ("" when the file does not exist yet).
std::string exportOverwriteQuestion(const ViewerState& state, const std::string& path);

// Marks the state as saved to (or loaded from) `path`: Ctrl+S writes there from now on.
void ownSessionFile(ViewerState& state, const std::string& path);

}  // namespace viewer
