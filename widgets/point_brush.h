#pragma once
/// \file PointBrush: the points of "Draw your own", sprinkled and erased with a round brush.

#include <random>
#include <utility>
#include <vector>

namespace flowscope::ui {

/// A set of points in the plane edited with a disc brush: sprinkling adds `pointsPerStroke`
/// points uniformly in the disc (radius ∝ √u), erasing removes every point inside it. Seeded, so
/// the same strokes always give the same points. No Qt: the density view draws what it holds.
class PointBrush {
public:
    void setRadius(double radius) { m_radius = radius; }
    double radius() const { return m_radius; }
    void setPointsPerStroke(int count) { m_perStroke = count; }

    /// Adds points around (x, y); returns true (the points changed).
    bool sprinkle(double x, double y);
    /// Removes the points within the radius of (x, y); returns whether any were.
    bool erase(double x, double y);
    void clear() { m_points.clear(); }
    /// Replaces the points (x, y pairs; an odd trailing value is dropped).
    void setPoints(std::vector<float> xy) {
        xy.resize(xy.size() / 2 * 2);
        m_points = std::move(xy);
    }
    /// x, y pairs.
    const std::vector<float>& points() const { return m_points; }

private:
    double m_radius = 0.3;
    int m_perStroke = 4;
    std::vector<float> m_points;
    std::mt19937 m_rng{20150521u};
};

}  // namespace flowscope::ui
