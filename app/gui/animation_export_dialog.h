#pragma once

#include "gui/flow2d_types.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace flowscope {

/// File → Export animation…: how many frames, how fast, how large and with which overlays the
/// Play sequence goes into a GIF; the choices are remembered, the length shown as they change.
class AnimationExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `layers`: K of the current flow (the default is 4 frames a layer); the overlays start as
    /// the large view shows them the first time.
    AnimationExportDialog(int layers, bool particles, bool gridLines, QWidget* parent = nullptr);

    /// The request for `path` (remembers the choices).
    Flow2DAnimationRequest request(const QString& path) const;

private:
    void updateSummary();

    QSpinBox* m_frames = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_size = nullptr;
    QDoubleSpinBox* m_hold = nullptr;
    QCheckBox* m_particles = nullptr;
    QCheckBox* m_grid = nullptr;
    QCheckBox* m_label = nullptr;
    QLabel* m_summary = nullptr;
    int m_layers = 0;
};

}  // namespace flowscope
