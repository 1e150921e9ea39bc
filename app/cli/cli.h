#pragma once

namespace flowscope::cli {

/// flowscope-cli's entry point: dispatches to a sub-command and maps every error to one line on
/// stderr and exit status 2.
int run(int argc, char** argv);

}  // namespace flowscope::cli
