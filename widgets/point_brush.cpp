#include "widgets/point_brush.h"

#include <cmath>

namespace flowscope::ui {

bool PointBrush::sprinkle(double x, double y) {
    constexpr double kTwoPi = 6.283185307179586;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int n = 0; n < m_perStroke; ++n) {
        const double radius = m_radius * std::sqrt(unit(m_rng));
        const double angle = kTwoPi * unit(m_rng);
        m_points.push_back(static_cast<float>(x + radius * std::cos(angle)));
        m_points.push_back(static_cast<float>(y + radius * std::sin(angle)));
    }
    return m_perStroke > 0;
}

bool PointBrush::erase(double x, double y) {
    const double r2 = m_radius * m_radius;
    std::vector<float> kept;
    kept.reserve(m_points.size());
    for (std::size_t i = 0; i + 1 < m_points.size(); i += 2) {
        const double dx = m_points[i] - x, dy = m_points[i + 1] - y;
        if (dx * dx + dy * dy > r2) {
            kept.push_back(m_points[i]);
            kept.push_back(m_points[i + 1]);
        }
    }
    if (kept.size() == m_points.size()) return false;
    m_points.swap(kept);
    return true;
}

}  // namespace flowscope::ui
