#pragma once
/// \file LayerTable: the parameters of every planar or radial layer, typed by hand.

#include "types/layer_geometry.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace flowscope::ui {

/// One row per layer with the parameters a lecturer reads off the paper — planar: w, b, û and the
/// invertibility margin wᵀû (≥ −1); radial: z0, α, β and α + β (≥ 0). Typing a value asks for
/// it (layerEdited); what the layers then hold comes back through setLayers, so a value that
/// breaks the constraint visibly snaps back to the boundary.
class LayerTable : public QWidget {
    Q_OBJECT
public:
    explicit LayerTable(QWidget* parent = nullptr);

    /// Every layer's geometry, in order (layers other than planar and radial show as read-only).
    void setLayers(const std::vector<LayerGeometry>& layers);
    /// Marks the row of layer k (1…K) as the one the large view shows (0: none).
    void setCurrentLayer(int layer);
    void setEditable(bool editable);

    int rowCount() const;
    QString cellText(int row, int column) const;
    /// Types `text` into a cell, as a user would (for tests).
    void editCell(int row, int column, const QString& text);

signals:
    /// Layer `layer` (1…K) should take `geometry` (one typed value changed).
    void layerEdited(int layer, const flowscope::LayerGeometry& geometry);

private:
    void onItemChanged(QTableWidgetItem* item);
    void fillRow(int row, const LayerGeometry& g);

    QTableWidget* m_table;
    QLabel* m_hint;
    std::vector<LayerGeometry> m_layers;
    bool m_filling = false;
    bool m_editable = true;
    int m_currentLayer = -1;
};

}  // namespace flowscope::ui
