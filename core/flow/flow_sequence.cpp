#include "flow/flow_sequence.h"

#include <stdexcept>

namespace flowscope {

FlowSequenceImpl::FlowSequenceImpl(std::vector<FlowLayerPtr> layers) {
    for (auto& l : layers) append(std::move(l));
}

void FlowSequenceImpl::append(FlowLayerPtr layer) {
    if (!layer) throw std::invalid_argument("FlowSequence: null layer");
    if (!m_layers.empty() && layer->dim() != m_layers.front()->dim())
        throw std::invalid_argument("FlowSequence: layer dimension " + std::to_string(layer->dim()) +
                                    " does not match " + std::to_string(m_layers.front()->dim()));
    register_module(std::to_string(m_layers.size()), layer);
    m_layers.push_back(std::move(layer));
}

SequencePass FlowSequenceImpl::forward(const torch::Tensor& z0, bool keepIntermediates) {
    SequencePass pass;
    auto z = z0;
    pass.totalLogdet = torch::zeros({z0.size(0)}, z0.options());
    if (keepIntermediates) pass.z.push_back(z);
    for (auto& layer : m_layers) {
        auto step = layer->forward(z);
        z = step.z;
        pass.totalLogdet = pass.totalLogdet + step.logdet;
        if (keepIntermediates) {
            pass.z.push_back(z);
            pass.logdet.push_back(step.logdet);
        }
    }
    if (!keepIntermediates) pass.z = {z0, z};
    return pass;
}

SequencePass FlowSequenceImpl::inverse(const torch::Tensor& x, bool keepIntermediates) {
    SequencePass pass;
    const size_t k = m_layers.size();
    auto z = x;
    pass.totalLogdet = torch::zeros({x.size(0)}, x.options());
    std::vector<torch::Tensor> zs{x};
    std::vector<torch::Tensor> lds;
    for (size_t i = k; i-- > 0;) {
        auto step = m_layers[i]->inverse(z);
        z = step.z;
        pass.totalLogdet = pass.totalLogdet - step.logdet;
        if (keepIntermediates) {
            zs.push_back(z);
            lds.push_back(-step.logdet);
        }
    }
    if (keepIntermediates) {
        pass.z.assign(zs.rbegin(), zs.rend());
        pass.logdet.assign(lds.rbegin(), lds.rend());
    } else {
        pass.z = {z, x};
    }
    return pass;
}

std::shared_ptr<FlowSequenceImpl> FlowSequenceImpl::prefix(size_t k, double t) const {
    if (k > m_layers.size())
        throw std::out_of_range("FlowSequence::prefix: " + std::to_string(k) + " > " + std::to_string(m_layers.size()) +
                                " layers");
    std::vector<FlowLayerPtr> layers(m_layers.begin(), m_layers.begin() + static_cast<long>(k));
    if (t > 0.0 && k < m_layers.size()) layers.push_back(m_layers[k]->blended(t));
    return std::make_shared<FlowSequenceImpl>(std::move(layers));
}

}  // namespace flowscope
