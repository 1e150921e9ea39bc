#pragma once
/// \file BeforeAfterView: an image and its edit (or its reconstruction) side by side.

#include <QImage>
#include <QString>
#include <QWidget>

namespace flowscope::ui {

/// Two square tiles side by side with captions above ("Before" / "After" by default) and an
/// optional footnote below, e.g. the reconstruction error max |x − decode(encode(x))| that shows
/// the flow is exactly invertible. Small images are enlarged nearest neighbour (crisp pixels).
class BeforeAfterView : public QWidget {
    Q_OBJECT
public:
    explicit BeforeAfterView(QWidget* parent = nullptr);

    void setBefore(const QImage& image);
    void setAfter(const QImage& image);
    QImage before() const { return m_before; }
    QImage after() const { return m_after; }
    void setCaptions(const QString& before, const QString& after);
    QString beforeCaption() const { return m_beforeCaption; }
    QString afterCaption() const { return m_afterCaption; }
    /// A line under the pair (word-wrapped); empty hides it.
    void setFootnote(const QString& text);
    QString footnote() const { return m_footnote; }

    /// The tiles in widget coordinates.
    QRect beforeRect() const;
    QRect afterRect() const;

    /// Both tiles, tileSize pixels square each, with captions (and the footnote) on white.
    QImage renderPair(int tileSize) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout {
        QRect before, after, beforeCaption, afterCaption, footnote;
    };
    Layout screenLayout() const;
    int footnoteHeight(const QFont& font, int width) const;
    void paintPair(QPainter& painter, const Layout& layout, const QFont& captionFont, const QFont& footnoteFont,
                   const QColor& text, const QColor& muted, const QColor& emptyTile) const;

    QImage m_before;
    QImage m_after;
    QString m_beforeCaption;
    QString m_afterCaption;
    QString m_footnote;
};

}  // namespace flowscope::ui
