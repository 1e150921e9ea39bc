#include "cli/plane_bounds.h"

#include "cli/commands.h"

#include <QJsonArray>

namespace flowscope::cli {

std::optional<std::array<double, 4>> boundsOption(const Arguments& a) {
    if (!a.has("bounds")) return std::nullopt;
    const auto b = a.reals("bounds", 4);
    if (!(b[1] > b[0]) || !(b[3] > b[2])) throw UsageError("--bounds needs x0 < x1 and y0 < y1");
    return std::array<double, 4>{b[0], b[1], b[2], b[3]};
}

void applyPlaneBounds(GridSpec& grid, const std::optional<std::array<double, 4>>& bounds, const QJsonObject& metadata) {
    std::array<double, 4> b{grid.x0, grid.x1, grid.y0, grid.y1};
    if (bounds) {
        b = *bounds;
    } else if (const QJsonArray e = metadata.value("extent").toArray(); e.size() == 4) {
        for (int i = 0; i < 4; ++i) b[static_cast<size_t>(i)] = e[i].toDouble();
    }
    grid.x0 = b[0], grid.x1 = b[1], grid.y0 = b[2], grid.y1 = b[3];
}

}  // namespace flowscope::cli
