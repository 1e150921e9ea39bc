#include "util/adam_state.h"

#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace flowscope {

namespace {

/// The key under which LibTorch's optimisers keep a parameter's state: the address of its
/// TensorImpl, printed as a string in LibTorch 1.x and the raw pointer in later versions.
template <class StateMap>
typename StateMap::key_type optimizerStateKey(const StateMap&, const torch::Tensor& parameter) {
    using Key = typename StateMap::key_type;
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream s;
        s << parameter.unsafeGetTensorImpl();
        return s.str();
    } else {
        return static_cast<Key>(parameter.unsafeGetTensorImpl());
    }
}

}  // namespace

std::map<std::string, torch::Tensor> adamState(torch::optim::Adam& optimizer,
                                               const std::vector<torch::Tensor>& params) {
    std::map<std::string, torch::Tensor> out;
    auto& state = optimizer.state();
    for (size_t i = 0; i < params.size(); ++i) {
        auto it = state.find(optimizerStateKey(state, params[i]));
        if (it == state.end()) continue;
        const auto& s = static_cast<const torch::optim::AdamParamState&>(*it->second);
        const std::string key = "adam." + std::to_string(i);
        out[key + ".exp_avg"] = s.exp_avg().detach().cpu();
        out[key + ".exp_avg_sq"] = s.exp_avg_sq().detach().cpu();
        out[key + ".step"] = torch::full({1}, s.step(), torch::kInt64);
    }
    return out;
}

torch::optim::AdamParamState& adamParamState(torch::optim::Adam& optimizer, const torch::Tensor& parameter) {
    auto& state = optimizer.state();
    auto& slot = state[optimizerStateKey(state, parameter)];
    if (!slot) {
        auto st = std::make_unique<torch::optim::AdamParamState>();
        st->step(0);
        st->exp_avg(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
        st->exp_avg_sq(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
        slot = std::move(st);
    }
    return static_cast<torch::optim::AdamParamState&>(*slot);
}

void restoreAdamState(torch::optim::Adam& optimizer, const std::vector<torch::Tensor>& params,
                      const std::map<std::string, torch::Tensor>& saved) {
    auto& state = optimizer.state();
    for (size_t i = 0; i < params.size(); ++i) {
        const std::string key = "adam." + std::to_string(i);
        auto a = saved.find(key + ".exp_avg"), b = saved.find(key + ".exp_avg_sq"), s = saved.find(key + ".step");
        if (a == saved.end() || b == saved.end() || s == saved.end()) continue;
        if (!a->second.sizes().equals(params[i].sizes()) || !b->second.sizes().equals(params[i].sizes()) ||
            s->second.numel() != 1)
            throw std::invalid_argument("the checkpoint's optimiser state does not match the model (parameter " +
                                        std::to_string(i) + ")");
        auto st = std::make_unique<torch::optim::AdamParamState>();
        st->exp_avg(a->second.to(params[i].device(), params[i].scalar_type()).clone());
        st->exp_avg_sq(b->second.to(params[i].device(), params[i].scalar_type()).clone());
        st->step(s->second.to(torch::kInt64).item<int64_t>());
        state[optimizerStateKey(state, params[i])] = std::move(st);
    }
}

}  // namespace flowscope
