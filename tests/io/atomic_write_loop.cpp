// Helper for test_atomic_file: writes PATH atomically over and over (64 MiB of 'x' each time)
// until it is killed, so the test can kill it while a write is in progress.

#include "io/atomic_file.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: atomic_write_loop PATH\n");
        return 2;
    }
    const std::string bytes(64u << 20, 'x');
    for (;;) flowscope::writeFileAtomically(argv[1], bytes);
}
