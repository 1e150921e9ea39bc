#include "gui/animation_export_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace flowscope {

AnimationExportDialog::AnimationExportDialog(int layers, bool particles, bool gridLines, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export animation"));
    QSettings s;
    s.beginGroup("animation");
    m_frames = new QSpinBox;
    m_frames->setRange(2, 2000);
    // The frame count follows K unless one was chosen for this K before.
    const int byLayers = std::clamp(4 * layers + 1, 2, 2000);
    m_frames->setValue(s.value("layers").toInt() == layers ? s.value("frames", byLayers).toInt() : byLayers);
    m_frames->setToolTip(tr("From z₀ to z_K, evenly spaced over the layers"));
    m_fps = new QSpinBox;
    m_fps->setRange(1, 50);
    m_fps->setSuffix(tr(" frames/s"));
    m_fps->setValue(s.value("fps", 25).toInt());
    m_size = new QSpinBox;
    m_size->setRange(64, 2048);
    m_size->setSingleStep(64);
    m_size->setSuffix(tr(" px"));
    m_size->setValue(s.value("size", 512).toInt());
    m_size->setToolTip(tr("Pixels a side; the density is computed exactly at this resolution"));
    m_hold = new QDoubleSpinBox;
    m_hold->setRange(0, 10);
    m_hold->setSingleStep(0.5);
    m_hold->setSuffix(tr(" s"));
    m_hold->setValue(s.value("hold", 1.5).toDouble());
    m_particles = new QCheckBox(tr("Particles"));
    m_particles->setChecked(s.value("particles", particles).toBool());
    m_grid = new QCheckBox(tr("Warped grid"));
    m_grid->setChecked(s.value("grid", gridLines).toBool());
    m_label = new QCheckBox(tr("Step label (k = … / K)"));
    m_label->setChecked(s.value("label", true).toBool());
    m_summary = new QLabel;

    auto* form = new QFormLayout;
    form->addRow(tr("Frames:"), m_frames);
    form->addRow(tr("Speed:"), m_fps);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("Hold the last frame:"), m_hold);
    form->addRow(tr("Overlays:"), m_particles);
    form->addRow(QString(), m_grid);
    form->addRow(QString(), m_label);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose file…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    for (auto* box : {m_frames, m_fps, m_size})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &AnimationExportDialog::updateSummary);
    connect(m_hold, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &AnimationExportDialog::updateSummary);
    m_layers = layers;
    updateSummary();
}

void AnimationExportDialog::updateSummary() {
    const double seconds = m_frames->value() / double(m_fps->value()) + m_hold->value();
    m_summary->setText(
        tr("An animated GIF of %1 s, looping; %2 × %2 pixels.").arg(seconds, 0, 'f', 1).arg(m_size->value()));
}

Flow2DAnimationRequest AnimationExportDialog::request(const QString& path) const {
    Flow2DAnimationRequest r;
    r.path = path;
    r.frames = m_frames->value();
    r.fps = m_fps->value();
    r.size = m_size->value();
    r.holdSeconds = m_hold->value();
    r.particles = m_particles->isChecked();
    r.gridLines = m_grid->isChecked();
    r.label = m_label->isChecked();
    QSettings s;
    s.beginGroup("animation");
    s.setValue("layers", m_layers);
    s.setValue("frames", r.frames);
    s.setValue("fps", static_cast<int>(r.fps));
    s.setValue("size", r.size);
    s.setValue("hold", r.holdSeconds);
    s.setValue("particles", r.particles);
    s.setValue("grid", r.gridLines);
    s.setValue("label", r.label);
    return r;
}

}  // namespace flowscope
