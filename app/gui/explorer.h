#pragma once

namespace flowscope {

/// The `flowscope` executable: parses the command line (--preset, --page, and --train /
/// --screenshot for demos), opens the main window and runs the event loop.
int runExplorer(int argc, char** argv);

}  // namespace flowscope
