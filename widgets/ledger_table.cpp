#include "widgets/ledger_table.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace flowscope::ui {

namespace {

QString number(double v, int digits = 4) { return QString::number(v, 'f', digits); }

}  // namespace

LedgerTable::LedgerTable(QWidget* parent) : QWidget(parent) {
    m_table = new QTableWidget(0, 5);
    m_table->setHorizontalHeaderLabels(
        {tr("k"), tr("z_k"), tr("log|det J_k|"), tr("log q_k(z_k)"), tr("area ratio · |det J_k|")});
    // Wide enough for every column at once: the table is read across, row by row.
    m_table->setMinimumWidth(440);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(
        tr("The clicked point traced back through the layers' inverses: each row subtracts layer k's "
           "log-determinant from the density of the step before. The last column compares how much a small "
           "square around the point shrank or grew through layer k with |det J_k|."));
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    clear();
}

void LedgerTable::clear() {
    m_table->setRowCount(0);
    m_summary->setText(tr("Click a point of the large view to see where its density comes from."));
}

void LedgerTable::setLedger(const DensityLedger& ledger) {
    const int rows = static_cast<int>(ledger.steps.size());
    m_table->setRowCount(rows);
    double logdetSum = 0;
    for (int k = 0; k < rows; ++k) {
        const LedgerStep& s = ledger.steps[static_cast<size_t>(k)];
        QStringList cells{QString::number(k), QString("(%1, %2)").arg(number(s.z[0], 2), number(s.z[1], 2)),
                          k == 0 ? QString("—") : number(s.logdet), number(s.logQ)};
        if (k == 0) {
            cells << QString("—");
        } else {
            const double ratio = s.area / ledger.steps[static_cast<size_t>(k - 1)].area;
            cells << QString("%1 · %2").arg(number(ratio, 3), number(std::exp(s.logdet), 3));
            logdetSum += s.logdet;
        }
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c == 0 ? Qt::AlignCenter : (Qt::AlignRight | Qt::AlignVCenter));
            m_table->setItem(k, c, item);
        }
    }
    if (rows == 0) return clear();
    const int K = rows - 1;
    m_summary->setText(tr("log q<sub>0</sub>(z<sub>0</sub>) − Σ<sub>k</sub> log|det J<sub>k</sub>| = %1 − (%2) = "
                          "<b>%3</b> = log q<sub>%4</sub> at (%5, %6); q<sub>%4</sub> = %7")
                           .arg(number(ledger.steps.front().logQ), number(logdetSum), number(ledger.logQFinal))
                           .arg(K)
                           .arg(number(ledger.steps.back().z[0], 3), number(ledger.steps.back().z[1], 3))
                           .arg(QString::number(std::exp(ledger.logQFinal), 'g', 4)));
}

int LedgerTable::rowCount() const { return m_table->rowCount(); }

QString LedgerTable::cellText(int row, int column) const {
    const QTableWidgetItem* item = m_table->item(row, column);
    return item ? item->text() : QString();
}

QString LedgerTable::summary() const { return m_summary->text(); }

}  // namespace flowscope::ui
