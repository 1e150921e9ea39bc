#include "widgets/presentation_style.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QTextBrowser>
#include <QWidget>

#include <algorithm>
#include <array>
#include <cmath>

namespace flowscope::ui {
namespace {

constexpr std::array<double, 9> kScales{0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5};
const char* const kBase = "flowscopeBaseStyle";

QFont scaled(QFont font, double scale, bool bold) {
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else if (font.pixelSize() > 0)
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(font.pixelSize() * scale))));
    if (bold) font.setBold(true);
    return font;
}

QPen scaledPen(QPen pen, double scale, bool highContrast, bool axis) {
    if (pen.style() == Qt::NoPen) return pen;
    pen.setWidthF(std::max(1.0, pen.widthF()) * scale * (highContrast && axis ? 2.0 : 1.0));
    if (highContrast && axis) pen.setColor(Qt::black);
    return pen;
}

// The plot's original fonts and pens, stored once in a property so later applications start
// from them.
struct PlotBase : QObject {
    explicit PlotBase(QObject* plot) : QObject(plot) { setObjectName(kBase); }
    struct Axis {
        QFont tickFont, labelFont;
        QPen basePen, tickPen, subTickPen, gridPen;
        QColor tickColor, labelColor;
    };
    std::vector<Axis> axes;
    std::vector<QPen> plottablePens;
    std::vector<double> scatterSizes;
    std::vector<QFont> textFonts;
    QFont legendFont;
};

std::vector<QCPAxis*> allAxes(QCustomPlot* plot) {
    std::vector<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) axes.push_back(axis);
    return axes;
}

std::vector<QCPTextElement*> textElements(QCustomPlot* plot) {
    std::vector<QCPTextElement*> texts;
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* t = qobject_cast<QCPTextElement*>(e)) texts.push_back(t);
    return texts;
}

void stylePlot(QCustomPlot* plot, const PresentationStyle& style) {
    auto* base = static_cast<PlotBase*>(plot->findChild<QObject*>(kBase, Qt::FindDirectChildrenOnly));
    if (!base) {
        base = new PlotBase(plot);  // a child: it goes with the plot
        for (QCPAxis* a : allAxes(plot))
            base->axes.push_back({a->tickLabelFont(), a->labelFont(), a->basePen(), a->tickPen(), a->subTickPen(),
                                  a->grid()->pen(), a->tickLabelColor(), a->labelColor()});
        for (int i = 0; i < plot->plottableCount(); ++i) {
            base->plottablePens.push_back(plot->plottable(i)->pen());
            auto* graph = qobject_cast<QCPGraph*>(plot->plottable(i));
            base->scatterSizes.push_back(graph ? graph->scatterStyle().size() : 0.0);
        }
        for (QCPTextElement* t : textElements(plot)) base->textFonts.push_back(t->font());
        if (plot->legend) base->legendFont = plot->legend->font();  // a custom layout may have none
    }
    const double s = style.scale;
    const bool hc = style.highContrast;
    const auto axes = allAxes(plot);
    for (size_t i = 0; i < axes.size() && i < base->axes.size(); ++i) {
        const auto& b = base->axes[i];
        axes[i]->setTickLabelFont(scaled(b.tickFont, s, hc));
        axes[i]->setLabelFont(scaled(b.labelFont, s, hc));
        axes[i]->setBasePen(scaledPen(b.basePen, s, hc, true));
        axes[i]->setTickPen(scaledPen(b.tickPen, s, hc, true));
        axes[i]->setSubTickPen(scaledPen(b.subTickPen, s, hc, true));
        axes[i]->setTickLabelColor(hc ? QColor(Qt::black) : b.tickColor);
        axes[i]->setLabelColor(hc ? QColor(Qt::black) : b.labelColor);
        QPen grid = b.gridPen;
        if (hc) grid.setColor(QColor(110, 110, 110));
        axes[i]->grid()->setPen(grid);
    }
    for (int i = 0; i < plot->plottableCount() && i < static_cast<int>(base->plottablePens.size()); ++i) {
        QPen pen = base->plottablePens[i];
        if (pen.style() != Qt::NoPen) pen.setWidthF(std::max(1.0, pen.widthF()) * s * (hc ? 1.5 : 1.0));
        plot->plottable(i)->setPen(pen);
        if (auto* graph = qobject_cast<QCPGraph*>(plot->plottable(i)); graph && base->scatterSizes[i] > 0) {
            QCPScatterStyle scatter = graph->scatterStyle();
            scatter.setSize(base->scatterSizes[i] * s);
            graph->setScatterStyle(scatter);
        }
    }
    const auto texts = textElements(plot);
    for (size_t i = 0; i < texts.size() && i < base->textFonts.size(); ++i)
        texts[i]->setFont(scaled(base->textFonts[i], s, hc));
    if (plot->legend) plot->legend->setFont(scaled(base->legendFont, s, hc));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void styleWidget(QWidget* w, const PresentationStyle& style) {
    // Widgets with a font of their own keep it, scaled; the rest follow the application font.
    if (w->testAttribute(Qt::WA_SetFont)) {
        QVariant base = w->property(kBase);
        if (!base.isValid()) {
            w->setProperty(kBase, w->font());
            base = w->font();
        }
        w->setFont(scaled(base.value<QFont>(), style.scale, style.highContrast));
    }
    if (auto* browser = qobject_cast<QTextBrowser*>(w)) {
        QVariant base = browser->property("flowscopeBaseDocumentFont");
        if (!base.isValid()) {
            browser->setProperty("flowscopeBaseDocumentFont", browser->document()->defaultFont());
            base = browser->document()->defaultFont();
        }
        browser->document()->setDefaultFont(scaled(base.value<QFont>(), style.scale, style.highContrast));
    }
}

QPalette highContrastPalette() {
    QPalette p;
    p.setColor(QPalette::Window, Qt::white);
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(235, 235, 235));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Button, QColor(230, 230, 230));
    p.setColor(QPalette::ButtonText, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0, 60, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, Qt::white);
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::Mid, QColor(60, 60, 60));
    p.setColor(QPalette::Dark, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(70, 70, 70));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(90, 90, 90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(90, 90, 90));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(90, 90, 90));
    return p;
}

struct OriginalLook {
    QFont font = QApplication::font();
    QPalette palette = QApplication::palette();
};
const OriginalLook& originalLook() {
    static const OriginalLook look;  // the first call, before any style is applied
    return look;
}

}  // namespace

void restoreApplicationLook() {
    QApplication::setFont(originalLook().font);
    QApplication::setPalette(originalLook().palette);
}

double largerPresentationScale(double scale) {
    for (double s : kScales)
        if (s > scale + 1e-9) return s;
    return kScales.back();
}

double smallerPresentationScale(double scale) {
    for (auto it = kScales.rbegin(); it != kScales.rend(); ++it)
        if (*it < scale - 1e-9) return *it;
    return kScales.front();
}

void applyPresentationStyle(QWidget* root, const PresentationStyle& requested) {
    PresentationStyle style = requested;
    style.scale = std::clamp(std::isfinite(style.scale) ? style.scale : 1.0, 0.5, 3.0);
    // The application font carries the scale to every widget without a font of its own.
    QApplication::setFont(scaled(originalLook().font, style.scale, style.highContrast));
    QApplication::setPalette(style.highContrast ? highContrastPalette() : originalLook().palette);
    styleWidget(root, style);
    for (QWidget* w : root->findChildren<QWidget*>()) styleWidget(w, style);
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) stylePlot(plot, style);
}

}  // namespace flowscope::ui
