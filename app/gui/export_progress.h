#pragma once
/// \file The progress dialog of an animation export, shared by the pages that export one.

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace flowscope {

/// A window-modal progress dialog with an ETA and Cancel (which raises `cancel` for the worker);
/// it appears only when the export takes longer than 0.4 s. One export at a time.
class ExportProgress : public QObject {
    Q_OBJECT
public:
    explicit ExportProgress(QWidget* parent);

    /// Opens the dialog with `text` for `total` steps; false when an export is running already.
    bool start(const QString& text, int total, std::shared_ptr<std::atomic<bool>> cancel);
    /// `done` of `total` steps ("Step 3 of 10, 2 s left"). Re-entrant: the dialog's setValue
    /// may run finish() from the event loop.
    void update(int done, int total);
    /// Closes the dialog and returns the line for the status bar: written (bytes > 0), cancelled
    /// (0) or, for a failure (< 0), empty (the page shows the worker's own error).
    QString finish(const QString& path, int frames, qint64 bytes);
    bool running() const { return m_dialog != nullptr; }

private:
    QWidget* m_parent;
    QProgressDialog* m_dialog = nullptr;
    QElapsedTimer m_clock;
};

}  // namespace flowscope
