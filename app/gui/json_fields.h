#pragma once
/// \file Checked fields of a JSON object read from a file (demo files): a wrong type or a value
/// out of range throws std::invalid_argument naming the field; an absent field gives the fallback.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace flowscope {

inline double jsonNumber(const QJsonObject& object, const char* key, double fallback, double lo, double hi) {
    const QJsonValue v = object.value(key);
    if (v.isUndefined()) return fallback;
    if (!v.isDouble() || !(v.toDouble() >= lo && v.toDouble() <= hi))
        throw std::invalid_argument(
            QString("\"%1\" must be a number from %2 to %3").arg(key).arg(lo).arg(hi).toStdString());
    return v.toDouble();
}

inline QString jsonText(const QJsonObject& object, const char* key, const QString& fallback) {
    const QJsonValue v = object.value(key);
    if (v.isUndefined()) return fallback;
    if (!v.isString()) throw std::invalid_argument(std::string("\"") + key + "\" is not a string");
    return v.toString();
}

/// x, y pairs (a drawing): an array of finite numbers, at most 100000 points; absent: none.
inline std::vector<float> jsonPoints(const QJsonObject& object, const char* key) {
    const QJsonValue v = object.value(key);
    if (v.isUndefined()) return {};
    if (!v.isArray()) throw std::invalid_argument(std::string("\"") + key + "\" is not an array");
    const QJsonArray points = v.toArray();
    if (points.size() > 200000)
        throw std::invalid_argument(std::string("\"") + key + "\" holds more than 100000 points");
    if (points.size() % 2 != 0)
        throw std::invalid_argument(std::string("\"") + key + "\" holds an odd number of values");
    std::vector<float> out;
    out.reserve(static_cast<size_t>(points.size()));
    for (const auto& p : points) {
        if (!p.isDouble() || !std::isfinite(p.toDouble()))
            throw std::invalid_argument(std::string("\"") + key + "\" holds a value that is not a number");
        out.push_back(static_cast<float>(p.toDouble()));
    }
    return out;
}

}  // namespace flowscope
