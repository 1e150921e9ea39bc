#include "widgets/before_after_view.h"

#include "widgets/crisp_image.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace flowscope::ui {
namespace {

constexpr int kMargin = 6;

}  // namespace

BeforeAfterView::BeforeAfterView(QWidget* parent)
    : QWidget(parent), m_beforeCaption(tr("Before")), m_afterCaption(tr("After")) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void BeforeAfterView::setBefore(const QImage& image) {
    m_before = image;
    update();
}

void BeforeAfterView::setAfter(const QImage& image) {
    m_after = image;
    update();
}

void BeforeAfterView::setCaptions(const QString& before, const QString& after) {
    m_beforeCaption = before;
    m_afterCaption = after;
    update();
}

void BeforeAfterView::setFootnote(const QString& text) {
    m_footnote = text;
    update();
}

int BeforeAfterView::footnoteHeight(const QFont& font, int width) const {
    if (m_footnote.isEmpty()) return 0;
    const QFontMetrics metrics(font);
    return metrics.boundingRect(QRect(0, 0, std::max(width, 1), 100000), Qt::AlignCenter | Qt::TextWordWrap, m_footnote)
               .height() +
           4;
}

BeforeAfterView::Layout BeforeAfterView::screenLayout() const {
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    const int caption = fontMetrics().height() + 4;
    const int gap = std::max(24, fontMetrics().height() * 2);
    const int width = this->width() - 2 * kMargin;
    const int note = footnoteHeight(small, width);
    const int tile =
        std::max(1, std::min((width - gap) / 2, height() - 2 * kMargin - caption - note - (note > 0 ? 4 : 0)));
    const int left = (this->width() - 2 * tile - gap) / 2;
    // The block (captions, tiles, footnote) is centred vertically in any spare height.
    const int block = caption + tile + (note > 0 ? 4 + note : 0);
    const int captionTop = std::max(kMargin, (height() - block) / 2);
    const int top = captionTop + caption;
    Layout layout;
    layout.before = QRect(left, top, tile, tile);
    layout.after = QRect(left + tile + gap, top, tile, tile);
    layout.beforeCaption = QRect(left, captionTop, tile, caption);
    layout.afterCaption = QRect(layout.after.left(), captionTop, tile, caption);
    layout.footnote = QRect(kMargin, top + tile + 4, width, note);
    return layout;
}

QRect BeforeAfterView::beforeRect() const { return screenLayout().before; }

QRect BeforeAfterView::afterRect() const { return screenLayout().after; }

void BeforeAfterView::paintPair(QPainter& painter, const Layout& layout, const QFont& captionFont,
                                const QFont& footnoteFont, const QColor& text, const QColor& muted,
                                const QColor& emptyTile) const {
    const QImage* images[] = {&m_before, &m_after};
    const QRect tiles[] = {layout.before, layout.after};
    const QRect captions[] = {layout.beforeCaption, layout.afterCaption};
    const QString* captionTexts[] = {&m_beforeCaption, &m_afterCaption};
    painter.setFont(captionFont);
    for (int i = 0; i < 2; ++i) {
        if (images[i]->isNull())
            painter.fillRect(tiles[i], emptyTile);
        else
            drawCrisp(painter, tiles[i], *images[i]);
        painter.setPen(text);
        const QFontMetrics metrics(captionFont);
        painter.drawText(captions[i], Qt::AlignHCenter | Qt::AlignBottom,
                         metrics.elidedText(*captionTexts[i], Qt::ElideRight, captions[i].width()));
    }
    painter.setPen(muted);
    QFont arrowFont = captionFont;
    arrowFont.setBold(false);
    arrowFont.setPixelSize(std::max(14, QFontMetrics(captionFont).height() * 3 / 2));
    painter.setFont(arrowFont);
    const QRect arrow(layout.before.right() + 1, layout.before.top(), layout.after.left() - layout.before.right() - 1,
                      layout.before.height());
    painter.drawText(arrow, Qt::AlignCenter, QStringLiteral("→"));
    if (!m_footnote.isEmpty() && !layout.footnote.isEmpty()) {
        painter.setFont(footnoteFont);
        painter.drawText(layout.footnote, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_footnote);
    }
}

QImage BeforeAfterView::renderPair(int tileSize) const {
    const int tile = std::max(tileSize, 8);
    const int margin = std::max(4, tile / 16);
    const int gap = std::max(12, tile / 6);
    QFont captionFont = font();
    captionFont.setPixelSize(std::max(12, tile / 12));
    QFont footnoteFont = font();
    footnoteFont.setPixelSize(std::max(10, tile / 16));
    const int caption = QFontMetrics(captionFont).height() + margin / 2;
    const int width = 2 * margin + 2 * tile + gap;
    const int note = footnoteHeight(footnoteFont, width - 2 * margin);
    Layout layout;
    layout.beforeCaption = QRect(margin, margin, tile, caption);
    layout.afterCaption = QRect(margin + tile + gap, margin, tile, caption);
    layout.before = QRect(margin, margin + caption, tile, tile);
    layout.after = QRect(margin + tile + gap, margin + caption, tile, tile);
    layout.footnote = QRect(margin, layout.before.bottom() + 1 + margin / 2, width - 2 * margin, note);
    const int height = layout.before.bottom() + 1 + (note > 0 ? margin / 2 + note : 0) + margin;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintPair(painter, layout, captionFont, footnoteFont, Qt::black, QColor(90, 90, 90), QColor(225, 225, 225));
    return image;
}

QSize BeforeAfterView::sizeHint() const { return QSize(420, 260); }

QSize BeforeAfterView::minimumSizeHint() const { return QSize(160, 100); }

void BeforeAfterView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    QFont caption = font();
    caption.setBold(true);
    paintPair(painter, screenLayout(), caption, small, palette().color(QPalette::Text),
              palette().color(QPalette::PlaceholderText), palette().color(QPalette::Mid));
}

}  // namespace flowscope::ui
