#include "widgets/elbo_bars.h"

#include "widgets/color_map_plot.h"
#include "widgets/plot_support.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace flowscope::ui {

namespace {

QSharedPointer<QCPAxisTickerText> textTicker(const QStringList& labels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i) ticker->addTick(i + 1, labels[i]);
    return ticker;
}

}  // namespace

ElboBars::ElboBars(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->plotLayout()->clear();
    m_gapRect = new QCPAxisRect(m_plot);
    m_termsRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(0, 0, m_gapRect);
    m_plot->plotLayout()->addElement(0, 1, m_termsRect);
    m_plot->plotLayout()->setColumnStretchFactors({1.0, 1.6});
    auto setUp = [&](QCPAxisRect* rect, const QStringList& labels, const QString& yLabel) {
        auto* x = rect->axis(QCPAxis::atBottom);
        auto* y = rect->axis(QCPAxis::atLeft);
        x->setTicker(textTicker(labels));
        x->setRange(0.4, labels.size() + 0.6);
        x->setTickLabelFont(QFont(font().family(), 9));
        x->grid()->setVisible(false);
        styleAxis(y, yLabel);
    };
    setUp(m_gapRect, {tr("q₀"), tr("best\nGaussian"), tr("q_K")}, tr("KL(q ‖ p(z|x)), nats"));
    setUp(m_termsRect, {tr("E ln\np(x|z)"), tr("E ln\np(z)"), tr("H[q_K]"), tr("ELBO"), tr("ln p(x)")}, tr("nats"));
    m_gap = new QCPBars(m_gapRect->axis(QCPAxis::atBottom), m_gapRect->axis(QCPAxis::atLeft));
    m_gap->setBrush(QColor(230, 120, 50));
    m_gap->setPen(Qt::NoPen);
    m_gap->setWidth(0.6);
    m_terms = new QCPBars(m_termsRect->axis(QCPAxis::atBottom), m_termsRect->axis(QCPAxis::atLeft));
    m_terms->setBrush(QColor(70, 110, 180));
    m_terms->setPen(Qt::NoPen);
    m_terms->setWidth(0.6);
    setMinimumHeight(200);
}

void ElboBars::labelBars(QCPBars* bars, QCPAxisRect* rect, const std::vector<double>& values) {
    QVector<double> keys, data;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        keys << static_cast<double>(i + 1);
        data << values[i];
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
    }
    bars->setData(keys, data, true);
    const double span = std::max(hi - lo, 1e-3);
    rect->axis(QCPAxis::atLeft)->setRange(lo - 0.12 * span * (lo < 0), hi + 0.12 * span);
    for (size_t i = 0; i < values.size(); ++i) {
        auto* text = new QCPItemText(m_plot);
        text->setClipAxisRect(rect);
        text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        text->position->setCoords(static_cast<double>(i + 1), values[i]);
        text->setPositionAlignment(values[i] >= 0 ? (Qt::AlignHCenter | Qt::AlignBottom)
                                                  : (Qt::AlignHCenter | Qt::AlignTop));
        text->setText(QString::number(values[i], 'f', std::abs(values[i]) < 10 ? 2 : 1));
        text->setFont(QFont(font().family(), 9));
        text->setProperty("elboLabel", true);
    }
}

void ElboBars::setValues(const ElboBarValues& v) {
    clear();
    labelBars(m_gap, m_gapRect, {v.klQ0, v.klBestGaussian, v.klQK});
    labelBars(m_terms, m_termsRect, {v.expectedLogLikelihood, v.expectedLogPrior, v.entropy, v.elbo, v.logPx});
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ElboBars::clear() {
    for (int i = m_plot->itemCount() - 1; i >= 0; --i)
        if (m_plot->item(i)->property("elboLabel").toBool()) m_plot->removeItem(i);
    m_gap->data()->clear();
    m_terms->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<double> ElboBars::barValues() const {
    std::vector<double> out;
    for (auto* bars : {m_gap, m_terms})
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) out.push_back(it->value);
    return out;
}

bool ElboBars::exportImage(const QString& path, int width, int height) { return savePlot(m_plot, path, width, height); }

}  // namespace flowscope::ui
