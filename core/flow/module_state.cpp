#include "flow/module_state.h"

#include <sstream>
#include <stdexcept>

namespace flowscope {

namespace {

std::vector<std::pair<std::string, torch::Tensor>> namedState(const torch::nn::Module& m) {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& p : m.named_parameters(true)) out.emplace_back(p.key(), p.value());
    for (const auto& b : m.named_buffers(true)) out.emplace_back(b.key(), b.value());
    return out;
}

}  // namespace

void copyModuleState(const torch::nn::Module& from, torch::nn::Module& to) {
    auto src = namedState(from);
    auto dst = namedState(to);
    if (src.size() != dst.size())
        throw std::invalid_argument("copyModuleState: modules hold different numbers of tensors");
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < src.size(); ++i) {
        if (src[i].first != dst[i].first || !src[i].second.sizes().equals(dst[i].second.sizes())) {
            std::ostringstream msg;
            msg << "copyModuleState: tensor " << i << " is " << src[i].first << " " << src[i].second.sizes()
                << " in the source and " << dst[i].first << " " << dst[i].second.sizes() << " in the destination";
            throw std::invalid_argument(msg.str());
        }
        dst[i].second.copy_(src[i].second);
    }
}

std::vector<torch::Tensor> snapshotState(const torch::nn::Module& module) {
    std::vector<torch::Tensor> out;
    for (auto& [name, t] : namedState(module)) out.push_back(t.detach().clone());
    return out;
}

void snapshotStateInto(const torch::nn::Module& module, std::vector<torch::Tensor>& kept) {
    auto state = namedState(module);
    bool fits = kept.size() == state.size();
    for (size_t i = 0; fits && i < state.size(); ++i) {
        const auto& t = state[i].second;
        fits = kept[i].sizes() == t.sizes() && kept[i].dtype() == t.dtype() && kept[i].device() == t.device() &&
               kept[i].strides() == t.strides();
    }
    if (!fits) {
        kept = snapshotState(module);
        return;
    }
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < state.size(); ++i) kept[i].copy_(state[i].second);
}

void restoreState(torch::nn::Module& module, const std::vector<torch::Tensor>& snapshot) {
    auto dst = namedState(module);
    if (dst.size() != snapshot.size())
        throw std::invalid_argument("restoreState: snapshot does not belong to this module");
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < dst.size(); ++i) dst[i].second.copy_(snapshot[i]);
}

bool allFinite(const torch::nn::Module& module, bool checkGradients) {
    torch::NoGradGuard noGrad;
    for (const auto& p : module.parameters(true)) {
        if (!torch::isfinite(p).all().item<bool>()) return false;
        if (checkGradients && p.grad().defined() && !torch::isfinite(p.grad()).all().item<bool>()) return false;
    }
    return true;
}

}  // namespace flowscope
