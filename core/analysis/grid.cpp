#include "analysis/grid.h"

#include <cmath>
#include <stdexcept>

namespace flowscope {

void validate(const GridSpec& g) {
    if (g.nx < 1 || g.ny < 1 || g.nx > 4096 || g.ny > 4096)
        throw std::invalid_argument("grid size must be between 1 and 4096 per side, got " + std::to_string(g.nx) + "×" +
                                    std::to_string(g.ny));
    if (!std::isfinite(g.x0) || !std::isfinite(g.x1) || !std::isfinite(g.y0) || !std::isfinite(g.y1) ||
        !(g.x1 > g.x0) || !(g.y1 > g.y0))
        throw std::invalid_argument("grid bounds must be finite with x0 < x1 and y0 < y1");
}

}  // namespace flowscope
