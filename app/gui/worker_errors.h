#pragma once

#include <QString>

namespace flowscope {

/// The message for the exception being handled (call it inside a catch block): the first line of
/// what() for LibTorch errors (without their C++ backtrace), what() for the rest. Torch-free
/// header, so pages and the worker host can use it; defined with the workers.
QString describeCurrentException();

/// Runs `work()`; an exception becomes `emit worker.failed(message)`, so one bad request never
/// takes the worker thread (or the explorer) down. Returns whether `work` finished.
template <typename Worker, typename Work>
bool runGuarded(Worker& worker, Work&& work) {
    try {
        work();
        return true;
    } catch (...) {
        emit worker.failed(describeCurrentException());
        return false;
    }
}

}  // namespace flowscope
