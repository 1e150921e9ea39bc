#include "gui/explorer.h"

int main(int argc, char** argv) { return flowscope::runExplorer(argc, argv); }
