#include "cli/cli.h"

int main(int argc, char** argv) { return flowscope::cli::run(argc, argv); }
