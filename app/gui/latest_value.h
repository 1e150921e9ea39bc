#pragma once

#include <QMutex>
#include <QMutexLocker>

#include <optional>

namespace flowscope {

/// A one-slot mailbox between threads: the writer overwrites, the reader takes the newest value.
/// "The latest request wins": a slider dragged faster than the worker can answer never builds a
/// queue, the worker just answers the newest position when it gets to it.
template <typename T>
class LatestValue {
public:
    /// Stores `value`; returns true when the slot was empty (the caller should wake the reader).
    bool put(T value) {
        QMutexLocker lock(&m_mutex);
        const bool wasEmpty = !m_value.has_value();
        m_value = std::move(value);
        return wasEmpty;
    }
    std::optional<T> take() {
        QMutexLocker lock(&m_mutex);
        std::optional<T> out;
        out.swap(m_value);
        return out;
    }

private:
    QMutex m_mutex;
    std::optional<T> m_value;
};

}  // namespace flowscope
