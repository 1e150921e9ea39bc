#pragma once
/// \file The layout the lecture pages share: controls on the left, the large view in the centre,
/// the small views and the teaching text on the right, in resizable columns.

#include <QHBoxLayout>
#include <QSplitter>
#include <QString>
#include <QWidget>

namespace flowscope {

inline void setThreeColumns(QWidget* page, QWidget* left, QWidget* centre, QWidget* right) {
    auto* columns = new QSplitter(Qt::Horizontal);
    columns->addWidget(left);
    columns->addWidget(centre);
    columns->addWidget(right);
    columns->setStretchFactor(1, 3);
    columns->setStretchFactor(2, 2);
    auto* layout = new QHBoxLayout(page);
    layout->addWidget(columns);
}

/// One labelled paragraph of a teaching panel.
inline QString teachingParagraph(const QString& label, const QString& body) {
    return QStringLiteral("<p><b>%1</b><br/>%2</p>").arg(label, body);
}

}  // namespace flowscope
