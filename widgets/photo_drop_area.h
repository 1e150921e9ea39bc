#pragma once
/// \file PhotoDropArea: where the user drops their own photo to encode and edit it.

#include <QFrame>
#include <QImage>
#include <QRect>
#include <QString>

class QLabel;
class QMimeData;
class QPushButton;
class QSpacerItem;

namespace flowscope::ui {

/// A dashed drop zone for one local image file ("Drop a photo here or click Open…") with an
/// Open… button (the page shows the file dialog). Once the page has read the photo it shows it
/// scaled to fit, with the centre crop that will be encoded outlined and the rest dimmed, so the
/// user sees exactly what the model gets. A message line reports "Encoding…" or an error (red).
class PhotoDropArea : public QFrame {
    Q_OBJECT
public:
    explicit PhotoDropArea(QWidget* parent = nullptr);

    /// original: the photo as read; cropRect: the centre crop in original's pixel coordinates.
    void setPreview(const QImage& original, const QRect& cropRect);
    void clearPreview();
    bool hasPreview() const { return !m_original.isNull(); }
    QRect cropRect() const { return m_cropRect; }

    /// One line under the drop zone; error shows it in red. An empty text hides it.
    void setMessage(const QString& text, bool error = false);
    QString message() const;
    bool messageIsError() const { return m_messageIsError; }
    QString hintText() const;

    /// Where the photo is drawn (widget coordinates; empty without a preview) and where the crop
    /// rectangle lies inside it.
    QRect previewRect() const;
    QRect cropRectOnScreen() const;
    /// Colour of the crop outline.
    static QColor cropColor() { return QColor(255, 176, 0); }
    /// Whether a drag that may be dropped is over the widget (the border is highlighted).
    bool isDragActive() const { return m_dragActive; }

    /// The local file a drop of mime would deliver, or an empty string when it is not exactly one
    /// local file (remote URLs, folders, several files, text).
    static QString localFileOf(const QMimeData* mime);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void photoDropped(const QString& path);
    void openRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setDragActive(bool active);
    QRect previewSpace() const;
    const QImage& scaledPreview(const QSize& devicePixels) const;

    QSpacerItem* m_space;
    QLabel* m_hint;
    QPushButton* m_openButton;
    QLabel* m_message;
    QImage m_original;
    QRect m_cropRect;
    bool m_messageIsError = false;
    bool m_dragActive = false;
    mutable QImage m_scaled;  // the preview at the last drawn size (photos can be large)
};

}  // namespace flowscope::ui
