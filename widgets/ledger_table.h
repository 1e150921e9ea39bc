#pragma once
/// \file LedgerTable: where one point's density comes from, step by step.

#include "types/density_ledger.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace flowscope::ui {

/// The change-of-variables ledger of a clicked point (Rezende & Mohamed 2015, eq. 6): one row per
/// step k = 0 … K with z_k, log|det J_k|, log q_k(z_k) = log q_{k−1}(z_{k−1}) − log|det J_k|, and
/// the area of a small square around the point traced back to step k, whose ratio to the
/// previous step's area sits beside |det J_k|. The line below states the sum: log q_0(z_0) −
/// Σ log|det J_k| = log q_K, the value the view shows at that point.
class LedgerTable : public QWidget {
    Q_OBJECT
public:
    explicit LedgerTable(QWidget* parent = nullptr);

    void setLedger(const DensityLedger& ledger);
    /// Back to the hint ("click a point of the large view").
    void clear();

    int rowCount() const;
    QString cellText(int row, int column) const;
    QString summary() const;

private:
    QTableWidget* m_table;
    QLabel* m_summary;
};

}  // namespace flowscope::ui
