#pragma once
/// \file The label in the corner of an exported animation frame ("k = 3.50 / 32", "t = 1.25").

#include <QPainter>
#include <QString>

namespace flowscope {

/// White text on a translucent dark box in the top-left corner of a size × size frame, its
/// height ~1/22 of the frame. Text needs a QGuiApplication (fonts).
void drawFrameLabel(QPainter& painter, int size, const QString& text);

}  // namespace flowscope
