#include "widgets/step_strip.h"

#include <QFileInfo>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

namespace flowscope::ui {
namespace {

QString subscriptNumber(int k) {
    static const QChar digits[] = {QChar(0x2080), QChar(0x2081), QChar(0x2082), QChar(0x2083), QChar(0x2084),
                                   QChar(0x2085), QChar(0x2086), QChar(0x2087), QChar(0x2088), QChar(0x2089)};
    QString result;
    for (const QChar c : QString::number(k)) result.append(c.isDigit() ? digits[c.digitValue()] : c);
    return result;
}

}  // namespace

StepStrip::StepStrip(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
}

void StepStrip::setSteps(int count) {
    m_count = std::max(count, 0);
    m_thumbnails.resize(m_count);
    if (m_count == 0)
        m_selected = -1;
    else
        m_selected = std::clamp(m_selected, 0, m_count - 1);
    updateScrollBar();
    viewport()->update();
}

void StepStrip::setThumbnail(int k, const QImage& image) {
    if (k < 0 || k >= m_count) return;
    m_thumbnails[k] = image;
    viewport()->update(tileRect(k).adjusted(-4, -4, 4, 4));
}

void StepStrip::setLayerNames(const QStringList& names) { m_layerNames = names; }

void StepStrip::setSelected(int k) {
    if (k < 0 || k >= m_count) return;
    m_selected = k;
    ensureTileVisible(k);
    viewport()->update();
}

QString StepStrip::tileLabel(int k) const { return tr("q%1").arg(subscriptNumber(k)); }

QString StepStrip::tileToolTip(int k) const {
    if (k == 0) return tr("q₀: the base density N(0, I)");
    const QString name = k - 1 < m_layerNames.size() ? m_layerNames[k - 1] : tr("unknown");
    return tr("layer %1: %2").arg(k).arg(name);
}

StepStrip::Layout StepStrip::screenLayout() const {
    const int label = fontMetrics().height() + 4;
    const int margin = 6;
    // Independent of whether the scroll bar is shown, so showing it cannot resize the tiles.
    const int available = contentsRect().height() - horizontalScrollBar()->sizeHint().height();
    const int tile = std::max(24, available - 2 * margin - label);
    return Layout{tile, std::max(6, tile / 10), margin, label};
}

StepStrip::Layout StepStrip::exportLayout(int tileSize) {
    const int tile = std::max(tileSize, 8);
    return Layout{tile, std::max(4, tile / 10), std::max(4, tile / 10), std::max(14, tile / 5)};
}

QSize StepStrip::stripSize(const Layout& layout) const {
    const int width = 2 * layout.margin + m_count * layout.tile + std::max(m_count - 1, 0) * layout.gap;
    return QSize(width, 2 * layout.margin + layout.tile + layout.label);
}

QRect StepStrip::tileRect(int k) const {
    const Layout layout = screenLayout();
    return QRect(layout.margin + k * (layout.tile + layout.gap) - horizontalScrollBar()->value(), layout.margin,
                 layout.tile, layout.tile);
}

void StepStrip::paintStrip(QPainter& painter, const Layout& layout, int offsetX, bool forScreen) const {
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont labelFont = painter.font();
    labelFont.setPixelSize(std::max(10, static_cast<int>(layout.label * 0.72)));
    const QColor accent = forScreen ? palette().color(QPalette::Highlight) : QColor(255, 64, 129);
    const QColor text = forScreen ? palette().color(QPalette::WindowText) : QColor(Qt::black);
    for (int k = 0; k < m_count; ++k) {
        const QRect tile(layout.margin + k * (layout.tile + layout.gap) - offsetX, layout.margin, layout.tile,
                         layout.tile);
        if (forScreen && (tile.right() < -layout.gap || tile.left() > viewport()->width() + layout.gap)) continue;
        if (m_thumbnails[k].isNull()) {
            painter.fillRect(tile, QColor(68, 1, 84));  // the bottom of the density colour map: nothing yet
        } else {
            painter.drawImage(tile, m_thumbnails[k]);
        }
        const bool isSelected = forScreen && k == m_selected;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(isSelected ? QPen(accent, 4) : QPen(QColor(90, 90, 90), 1));
        painter.drawRect(isSelected ? tile.adjusted(-2, -2, 2, 2) : tile);
        QFont font = labelFont;
        font.setBold(isSelected);
        painter.setFont(font);
        painter.setPen(isSelected ? accent : text);
        const QRect labelRect(tile.left() - layout.gap / 2, tile.bottom() + 1, tile.width() + layout.gap, layout.label);
        painter.drawText(labelRect, Qt::AlignCenter, tileLabel(k));
    }
}

QImage StepStrip::renderStrip(int tileSize) const {
    const Layout layout = exportLayout(tileSize);
    QImage image(stripSize(layout), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paintStrip(painter, layout, 0, false);
    return image;
}

bool StepStrip::exportStrip(const QString& path, int tileSize) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (m_count == 0) return false;
    if (suffix == QLatin1String("png")) return renderStrip(tileSize).save(path, "PNG");
    if (suffix != QLatin1String("pdf")) return false;
    const Layout layout = exportLayout(tileSize);
    const QSize size = stripSize(layout);
    QPdfWriter writer(path);
    if (!writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch))) return false;
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);  // one painter unit = one point = one pixel of renderStrip
    writer.setTitle(tr("FlowScope steps"));
    writer.setCreator(tr("FlowScope"));
    QPainter painter;
    if (!painter.begin(&writer)) return false;
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    paintStrip(painter, layout, 0, false);
    return painter.end();
}

QSize StepStrip::sizeHint() const { return QSize(640, 136); }

QSize StepStrip::minimumSizeHint() const { return QSize(120, 72); }

void StepStrip::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    paintStrip(painter, screenLayout(), horizontalScrollBar()->value(), true);
}

void StepStrip::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
    for (int k = 0; k < m_count; ++k) {
        if (tileRect(k).adjusted(0, 0, 0, screenLayout().label).contains(event->position().toPoint())) {
            selectAndEmit(k);
            return;
        }
    }
}

void StepStrip::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        event->accept();  // the press selected the tile
    else
        QAbstractScrollArea::mouseReleaseEvent(event);
}

void StepStrip::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Left:
            if (m_selected > 0) selectAndEmit(m_selected - 1);
            return;
        case Qt::Key_Right:
            if (m_selected + 1 < m_count) selectAndEmit(m_selected + 1);
            return;
        case Qt::Key_Home:
            if (m_count > 0) selectAndEmit(0);
            return;
        case Qt::Key_End:
            if (m_count > 0) selectAndEmit(m_count - 1);
            return;
        default:
            QAbstractScrollArea::keyPressEvent(event);
    }
}

void StepStrip::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

bool StepStrip::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int k = 0; k < m_count; ++k) {
            if (tileRect(k).contains(help->pos())) {
                QToolTip::showText(help->globalPos(), tileToolTip(k), viewport(), tileRect(k));
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void StepStrip::selectAndEmit(int k) {
    setSelected(k);
    emit stepSelected(k);
}

void StepStrip::updateScrollBar() {
    const Layout layout = screenLayout();
    const int total = stripSize(layout).width();
    QScrollBar* bar = horizontalScrollBar();
    bar->setRange(0, std::max(0, total - viewport()->width()));
    bar->setPageStep(viewport()->width());
    bar->setSingleStep(layout.tile + layout.gap);
}

void StepStrip::ensureTileVisible(int k) {
    const QRect rect = tileRect(k);
    const Layout layout = screenLayout();
    QScrollBar* bar = horizontalScrollBar();
    if (rect.left() < layout.margin)
        bar->setValue(bar->value() + rect.left() - layout.margin);
    else if (rect.right() > viewport()->width() - layout.margin)
        bar->setValue(bar->value() + rect.right() - viewport()->width() + layout.margin);
}

}  // namespace flowscope::ui
