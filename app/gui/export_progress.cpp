#include "gui/export_progress.h"

#include "gui/eta_text.h"

#include <QProgressDialog>

#include <algorithm>

namespace flowscope {

ExportProgress::ExportProgress(QWidget* parent) : QObject(parent), m_parent(parent) {}

bool ExportProgress::start(const QString& text, int total, std::shared_ptr<std::atomic<bool>> cancel) {
    if (m_dialog) return false;
    m_dialog = new QProgressDialog(text, tr("Cancel"), 0, total, m_parent);
    m_dialog->setWindowTitle(tr("Export animation"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(400);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    m_clock.start();
    return true;
}

void ExportProgress::update(int done, int total) {
    if (!m_dialog) return;
    m_dialog->setMaximum(total);
    const double seconds = m_clock.elapsed() / 1000.0;
    m_dialog->setLabelText(
        tr("Step %1 of %2, %3 left").arg(done).arg(total).arg(etaText(seconds / std::max(done, 1) * (total - done))));
    // Last: a modal dialog's setValue processes events, which may deliver the end of the export
    // (finish() then deletes the dialog and clears m_dialog under our feet).
    m_dialog->setValue(done);
}

QString ExportProgress::finish(const QString& path, int frames, qint64 bytes) {
    if (m_dialog) {
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    if (bytes > 0) return tr("Exported %1 frames to %2 (%3 MB)").arg(frames).arg(path).arg(bytes / 1e6, 0, 'f', 1);
    if (bytes == 0) return tr("Animation export cancelled; nothing was written.");
    return QString();
}

}  // namespace flowscope
