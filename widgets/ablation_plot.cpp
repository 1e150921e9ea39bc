#include "widgets/ablation_plot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace flowscope::ui {

namespace {
// The CLI's figure uses the same three colours (Tableau 10).
const QColor kColours[3] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44)};
}  // namespace

AblationPlot::AblationPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    setMinimumSize(420, 220);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->plotLayout()->clear();
    m_plot->setAutoAddPlottableToLegend(false);  // each panel has its own legend
    const QString titles[2] = {tr("Additive coupling"), tr("Affine coupling")};
    const QString names[3] = {tr("reverse"), tr("shuffle"), tr("1×1 convolution")};
    for (int p = 0; p < 2; ++p) {
        m_rects[p] = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(1, p, m_rects[p]);
        auto* title = new QCPTextElement(m_plot, titles[p], QFont(font().family(), 10, QFont::Bold));
        m_plot->plotLayout()->addElement(0, p, title);
        m_rects[p]->axis(QCPAxis::atBottom)->setLabel(tr("training iteration"));
        m_rects[p]->axis(QCPAxis::atLeft)->setLabel(tr("held-out bits/dim"));
        auto* legend = new QCPLegend;
        m_rects[p]->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
        legend->setLayer("legend");
        for (int s = 0; s < 3; ++s) {
            m_graphs[p][s] = m_plot->addGraph(m_rects[p]->axis(QCPAxis::atBottom), m_rects[p]->axis(QCPAxis::atLeft));
            m_graphs[p][s]->setName(names[s]);
            m_graphs[p][s]->setPen(QPen(kColours[s], 2.0));
            m_graphs[p][s]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
            m_graphs[p][s]->setSelectable(QCP::stNone);
            legend->addItem(new QCPPlottableLegendItem(legend, m_graphs[p][s]));
        }
    }
}

void AblationPlot::addPoint(int panel, int series, int iteration, double bitsPerDim) {
    if (panel < 0 || panel > 1 || series < 0 || series > 2 || !std::isfinite(bitsPerDim)) return;
    auto& v = m_values[panel][series][iteration];
    v.first += bitsPerDim;
    v.second += 1;
    redraw(panel, series);
}

void AblationPlot::redraw(int panel, int series) {
    QVector<double> x, y;
    for (const auto& [it, v] : m_values[panel][series]) {
        x << it;
        y << v.first / v.second;
    }
    m_graphs[panel][series]->setData(x, y, true);
    bool any = false;
    for (int s = 0; s < 3; ++s) any = any || !m_values[panel][s].empty();
    if (any) {
        bool found = false;
        const QCPRange xr = m_graphs[panel][series]->getKeyRange(found);
        // A margin past the last point, so it is not drawn on the frame.
        m_rects[panel]->axis(QCPAxis::atBottom)->setRange(0, 1.05 * std::max(1.0, found ? xr.upper : 1.0));
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int s = 0; s < 3; ++s)
            for (const auto& [it, v] : m_values[panel][s]) {
                lo = std::min(lo, v.first / v.second);
                hi = std::max(hi, v.first / v.second);
            }
        const double margin = std::max(0.05, (hi - lo) * 0.08);
        m_rects[panel]->axis(QCPAxis::atLeft)->setRange(lo - margin, hi + margin);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AblationPlot::clear() {
    for (int p = 0; p < 2; ++p)
        for (int s = 0; s < 3; ++s) {
            m_values[p][s].clear();
            m_graphs[p][s]->data()->clear();
        }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int AblationPlot::pointCount(int panel, int series) const { return static_cast<int>(m_values[panel][series].size()); }

double AblationPlot::valueAt(int panel, int series, int iteration) const {
    const auto it = m_values[panel][series].find(iteration);
    return it == m_values[panel][series].end() ? NAN : it->second.first / it->second.second;
}

bool AblationPlot::exportImage(const QString& path, int width, int height) {
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    if (path.endsWith(".pdf", Qt::CaseInsensitive)) return m_plot->savePdf(path, width, height);
    return m_plot->savePng(path, width, height);
}

}  // namespace flowscope::ui
