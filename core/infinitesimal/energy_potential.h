#pragma once

#include "targets/energy.h"
#include "types/plane.h"

#include <vector>

namespace flowscope {

/// U of one of the paper's energies at the cell centres of `grid`, row-major as ScalarGrid: the
/// potential a Fokker–Planck solver moves a density in.
std::vector<double> energyOnCells(const Energy& energy, const GridSpec& grid);

}  // namespace flowscope
