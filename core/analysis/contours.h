#pragma once

#include "analysis/grid.h"
#include "targets/energy.h"

#include <vector>

namespace flowscope {

/// Iso-lines of a grid by marching squares: one Polyline per level, its segments separated by
/// NaN points (plotting libraries draw NaN as a gap), so a level is one plottable.
std::vector<Polyline> contourLines(const ScalarGrid& grid, const std::vector<double>& levels);

/// Contours of an unnormalised density exp(−U) given U on a grid, at the levels that enclose
/// the given fractions of its maximum (e.g. 0.9, 0.5, 0.1, 0.01).
std::vector<Polyline> densityContours(const ScalarGrid& energy, const std::vector<double>& fractionsOfMax);

/// Contours of a normalised log density on a grid around its highest-density regions: the line
/// for mass m encloses the smallest region holding m of the density (e.g. 0.5, 0.9, 0.99), as a
/// reader of a posterior plot expects. Masses outside (0, 1) are skipped.
std::vector<Polyline> massContours(const ScalarGrid& logDensity, const std::vector<double>& masses);
/// The target's contours for the explorer's overlay: exp(−U) evaluated on `grid`, lines at
/// 90 %, 50 %, 10 % and 1 % of its maximum.
std::vector<Polyline> energyContours(const Energy& energy, const GridSpec& grid);

}  // namespace flowscope
