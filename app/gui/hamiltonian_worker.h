#pragma once

#include "gui/hamiltonian_types.h"

#include <QObject>

namespace flowscope {

/// Computes the Hamiltonian page's pictures on a worker thread: the joint density e^{−H}, the
/// phase portrait, one map's warped grid and its measured log|det J|, the orbits of the chosen
/// starting points, and the reversibility and energy errors.
class HamiltonianWorker : public QObject {
    Q_OBJECT
public slots:
    void compute(const flowscope::HamiltonianSettings& settings, int generation);

signals:
    void viewReady(const flowscope::HamiltonianView& view);
    void failed(const QString& message);
};

}  // namespace flowscope
