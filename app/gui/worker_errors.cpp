#include "gui/worker_errors.h"

#include <torch/torch.h>

#include <exception>

namespace flowscope {

QString describeCurrentException() {
    try {
        throw;
    } catch (const c10::Error& e) {
        const std::string why = e.what_without_backtrace();
        return QString::fromStdString(why.substr(0, why.find('\n')));
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QStringLiteral("unknown error");
    }
}

}  // namespace flowscope
