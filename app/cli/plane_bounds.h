#pragma once
/// \file The plane a 2D command shows: --bounds x0,x1,y0,y1, else the target's extent a model
/// file stores in its metadata, else the grid's default [−4, 4]².

#include "cli/arguments.h"
#include "types/plane.h"

#include <QJsonObject>

#include <array>
#include <optional>

namespace flowscope::cli {

/// --bounds when given (UsageError unless x0 < x1 and y0 < y1); read before loading a model, so
/// a typo costs nothing.
std::optional<std::array<double, 4>> boundsOption(const Arguments& a);
/// Sets grid's rectangle from `bounds`, else from the metadata's "extent", else leaves it.
void applyPlaneBounds(GridSpec& grid, const std::optional<std::array<double, 4>>& bounds, const QJsonObject& metadata);

}  // namespace flowscope::cli
