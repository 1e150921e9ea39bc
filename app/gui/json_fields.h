#pragma once
/// \file Checked fields of a JSON object read from a file (demo files): a wrong type or a value
/// out of range throws std::invalid_argument naming the field; an absent field gives the fallback.

#include <QJsonObject>
#include <QString>

#include <stdexcept>

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

}  // namespace flowscope
