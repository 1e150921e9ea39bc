#pragma once
/// \file Presentation mode for a projector: every font, plot line and marker scaled by one
/// factor, and an optional high-contrast look (pure black on white, bold text, heavy axes) that
/// survives a washed-out projector.

class QWidget;

namespace flowscope::ui {

struct PresentationStyle {
    double scale = 1.0;  ///< 0.5 … 3: fonts, pens, markers
    bool highContrast = false;

    bool operator==(const PresentationStyle& o) const { return scale == o.scale && highContrast == o.highContrast; }
};

/// The scales Ctrl+= and Ctrl+− step through.
double largerPresentationScale(double scale);
double smallerPresentationScale(double scale);

/// Applies `style` to `root` and everything inside it (widgets' fonts and palette, every plot's
/// fonts, axis pens, plottable pens and markers). Each widget's own base look is remembered the
/// first time, so applying again — with any style — starts from the original, never compounds.
void applyPresentationStyle(QWidget* root, const PresentationStyle& style);
/// The application's font and palette as they were before any style: a window calls it before
/// building its widgets, so their own base look is the unstyled one.
void restoreApplicationLook();

}  // namespace flowscope::ui
