#pragma once
/// \file The remaining-time text the training pages show beside their progress bars.

#include <QString>

#include <cmath>

namespace flowscope {

/// "1 h 5 min", "3 min 7 s", "42 s".
inline QString etaText(double s) {
    if (s >= 3600) return QString("%1 h %2 min").arg(int(s / 3600)).arg(int(std::fmod(s, 3600) / 60));
    if (s >= 60) return QString("%1 min %2 s").arg(int(s / 60)).arg(int(std::fmod(s, 60)));
    return QString("%1 s").arg(int(s));
}

}  // namespace flowscope
