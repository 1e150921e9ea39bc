#pragma once
/// \file Helpers shared by the 2D page's tests (test_explorer, test_manual_mode).

#include "gui/flow2d_page.h"
#include "types/plane.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

namespace flowscope::test {

/// ∫ exp(log q) by the midpoint rule over the grid's cells.
inline double integral(const ScalarGrid& g) {
    double sum = 0;
    for (float v : g.values) sum += std::exp(double(v));
    return sum * (g.spec.x1 - g.spec.x0) / g.spec.nx * (g.spec.y1 - g.spec.y0) / g.spec.ny;
}

/// Waits until the newest configuration has answered and a view of its K layers arrived.
inline bool waitConfigured(Flow2DPage* page, int ms = 30000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QTest::qWait(20);
        if (!page->isConfiguring() && !page->lastView().logDensity.values.empty() &&
            page->lastView().layers == sequenceLength(page->settings().model))
            return true;
    }
    return false;
}

}  // namespace flowscope::test
