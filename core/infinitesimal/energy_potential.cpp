#include "infinitesimal/energy_potential.h"

namespace flowscope {

std::vector<double> energyOnCells(const Energy& energy, const GridSpec& grid) {
    std::vector<double> u(static_cast<size_t>(grid.size()));
    for (int64_t j = 0; j < grid.ny; ++j)
        for (int64_t i = 0; i < grid.nx; ++i)
            u[static_cast<size_t>(j * grid.nx + i)] = energy.evaluate(grid.x(i), grid.y(j));
    return u;
}

}  // namespace flowscope
