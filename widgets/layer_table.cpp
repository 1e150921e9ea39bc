#include "widgets/layer_table.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope::ui {

namespace {

constexpr int kValueColumns = 5;  ///< editable columns after the layer number
double at(const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : 0.0; }
QString number(double v) { return QString::number(v, 'f', 3); }

/// The five editable values of a planar (w₁ w₂ b û₁ û₂) or radial (z0₁ z0₂ α β, —) layer.
std::vector<double> valuesOf(const LayerGeometry& g) {
    if (g.kind == LayerGeometry::Kind::Hyperplane) return {at(g.w, 0), at(g.w, 1), g.b, at(g.uHat, 0), at(g.uHat, 1)};
    if (g.kind == LayerGeometry::Kind::Radial) return {at(g.z0, 0), at(g.z0, 1), g.alpha, g.beta};
    return {};
}

LayerGeometry withValue(LayerGeometry g, int index, double v) {
    if (g.kind == LayerGeometry::Kind::Hyperplane) {
        g.w.resize(2), g.uHat.resize(2);
        double* fields[] = {&g.w[0], &g.w[1], &g.b, &g.uHat[0], &g.uHat[1]};
        *fields[index] = v;
    } else if (g.kind == LayerGeometry::Kind::Radial && index < 4) {
        g.z0.resize(2);
        double* fields[] = {&g.z0[0], &g.z0[1], &g.alpha, &g.beta};
        *fields[index] = v;
    }
    return g;
}

}  // namespace

LayerTable::LayerTable(QWidget* parent) : QWidget(parent) {
    m_table = new QTableWidget(0, 2 + kValueColumns);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);
    connect(m_table, &QTableWidget::itemChanged, this, &LayerTable::onItemChanged);
    setLayers({});
}

void LayerTable::setLayers(const std::vector<LayerGeometry>& layers) {
    const bool radial = !layers.empty() && layers.front().kind == LayerGeometry::Kind::Radial;
    const bool planar = !layers.empty() && layers.front().kind == LayerGeometry::Kind::Hyperplane;
    if (radial)
        m_table->setHorizontalHeaderLabels({tr("layer"), tr("z0₁"), tr("z0₂"), tr("α"), tr("β"), tr("α + β ≥ 0"), ""});
    else
        m_table->setHorizontalHeaderLabels(
            {tr("layer"), tr("w₁"), tr("w₂"), tr("b"), tr("û₁"), tr("û₂"), tr("wᵀû ≥ −1")});
    m_hint->setText(planar || radial ? tr("Type a value to set it; values that break invertibility snap to the "
                                          "boundary. Ctrl+Z undoes.")
                                     : tr("Only planar and radial layers are set by hand."));
    m_filling = true;
    const bool sameShape = layers.size() == m_layers.size();
    m_layers = layers;
    if (!sameShape) {
        m_table->setRowCount(static_cast<int>(layers.size()));
        m_currentLayer = -1;  // new rows: mark the current one again
    }
    for (int row = 0; row < static_cast<int>(layers.size()); ++row) fillRow(row, layers[static_cast<size_t>(row)]);
    m_filling = false;
}

void LayerTable::fillRow(int row, const LayerGeometry& g) {
    const auto values = valuesOf(g);
    auto set = [&](int column, const QString& text, bool editable) {
        auto* item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        // Never overwrite the cell being typed into.
        if (m_table->currentItem() == item && m_table->viewport()->isAncestorOf(QApplication::focusWidget())) return;
        item->setText(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (editable && m_editable) flags |= Qt::ItemIsEditable;
        item->setFlags(flags);
    };
    set(0, QString::number(row + 1), false);
    for (int c = 0; c < kValueColumns; ++c)
        set(1 + c, c < static_cast<int>(values.size()) ? number(values[static_cast<size_t>(c)]) : QString(),
            c < static_cast<int>(values.size()));
    // The invertibility margin: radial α + β in its fifth value column, planar wᵀû after its five.
    if (g.kind == LayerGeometry::Kind::Radial) {
        set(5, number(g.alpha + g.beta), false);
        set(6, QString(), false);
    } else {
        const bool planar = g.kind == LayerGeometry::Kind::Hyperplane;
        set(6, planar ? number(at(g.w, 0) * at(g.uHat, 0) + at(g.w, 1) * at(g.uHat, 1)) : QString(), false);
    }
}

void LayerTable::setCurrentLayer(int layer) {
    if (layer == m_currentLayer) return;  // every view calls this; scrolling each time would fight the user
    m_currentLayer = layer;
    m_filling = true;
    for (int row = 0; row < m_table->rowCount(); ++row)
        for (int c = 0; c < m_table->columnCount(); ++c)
            if (auto* item = m_table->item(row, c)) {
                QFont f = item->font();
                f.setBold(row + 1 == layer);
                item->setFont(f);
            }
    if (layer >= 1 && layer <= m_table->rowCount()) m_table->scrollToItem(m_table->item(layer - 1, 0));
    m_filling = false;
}

void LayerTable::setEditable(bool editable) {
    if (editable == m_editable) return;
    m_editable = editable;
    m_filling = true;
    for (int row = 0; row < static_cast<int>(m_layers.size()); ++row) fillRow(row, m_layers[static_cast<size_t>(row)]);
    m_filling = false;
}

void LayerTable::onItemChanged(QTableWidgetItem* item) {
    if (m_filling || !item) return;
    const int row = item->row(), column = item->column();
    if (row < 0 || row >= static_cast<int>(m_layers.size()) || column < 1 || column > kValueColumns) return;
    const LayerGeometry& g = m_layers[static_cast<size_t>(row)];
    const auto values = valuesOf(g);
    if (column - 1 >= static_cast<int>(values.size())) return;
    bool ok = false;
    const QString text = item->text().trimmed();
    double parsed = QLocale().toDouble(text, &ok);
    if (!ok) parsed = text.toDouble(&ok);  // "1.5" in any locale
    if (!ok || !std::isfinite(parsed)) {
        m_filling = true;
        item->setText(number(values[static_cast<size_t>(column - 1)]));  // not a number: back to the value held
        m_filling = false;
        return;
    }
    emit layerEdited(row + 1, withValue(g, column - 1, parsed));
}

int LayerTable::rowCount() const { return m_table->rowCount(); }

QString LayerTable::cellText(int row, int column) const {
    const auto* item = m_table->item(row, column);
    return item ? item->text() : QString();
}

void LayerTable::editCell(int row, int column, const QString& text) {
    if (auto* item = m_table->item(row, column)) item->setText(text);
}

}  // namespace flowscope::ui
