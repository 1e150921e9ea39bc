#include "glow/latent_editing.h"

#include "glow/quantization.h"

#include <stdexcept>

namespace flowscope {

torch::Tensor toModelSpace(const torch::Tensor& uint8Images, int64_t nBits) {
    const double halfBin = 0.5 / static_cast<double>(int64_t(1) << nBits);
    return quantizeImages(uint8Images, nBits) + halfBin;
}

std::vector<AttributeVector> computeAttributeVectors(GlowModelImpl& model, const torch::Tensor& images,
                                                     const std::vector<std::vector<int8_t>>& labels,
                                                     const std::vector<std::string>& names, const std::string& source,
                                                     int64_t batch,
                                                     const std::function<void(int64_t, int64_t)>& onProgress,
                                                     const std::atomic<bool>* stop) {
    const int64_t n = images.size(0);
    if (static_cast<int64_t>(labels.size()) != n)
        throw std::invalid_argument("computeAttributeVectors: one label row per image");
    const size_t A = names.size();
    const int64_t L = model.config().levels;
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    // Running sums of z over positive and negative images, per attribute and level (double).
    std::vector<std::vector<torch::Tensor>> pos(A), neg(A);
    std::vector<int64_t> npos(A, 0), nneg(A, 0);
    for (size_t a = 0; a < A; ++a)
        for (int64_t l = 0; l < L; ++l) {
            pos[a].push_back(torch::zeros(model.latentShape(l), torch::kFloat64));
            neg[a].push_back(torch::zeros(model.latentShape(l), torch::kFloat64));
        }
    for (int64_t start = 0; start < n; start += batch) {
        if (stop && stop->load()) throw std::runtime_error("computing attribute vectors was cancelled");
        const int64_t m = std::min(batch, n - start);
        auto x = toModelSpace(images.slice(0, start, start + m), model.config().nBits).to(model.device());
        auto e = model.encode(x);
        for (size_t a = 0; a < A; ++a) {
            std::vector<int64_t> p, q;
            for (int64_t i = 0; i < m; ++i) {
                const int8_t v = labels[static_cast<size_t>(start + i)][a];
                if (v > 0) p.push_back(i);
                if (v < 0) q.push_back(i);
            }
            auto add = [&](std::vector<torch::Tensor>& sums, const std::vector<int64_t>& idx) {
                if (idx.empty()) return;
                auto index = torch::tensor(idx, torch::kLong).to(model.device());
                for (int64_t l = 0; l < L; ++l)
                    sums[static_cast<size_t>(l)] +=
                        e.eps[static_cast<size_t>(l)].index_select(0, index).sum(0).to(torch::kCPU, torch::kFloat64);
            };
            add(pos[a], p);
            add(neg[a], q);
            npos[a] += static_cast<int64_t>(p.size());
            nneg[a] += static_cast<int64_t>(q.size());
        }
        if (onProgress) onProgress(start + m, n);
    }
    model.train(wasTraining);
    std::vector<AttributeVector> out;
    for (size_t a = 0; a < A; ++a) {
        if (npos[a] == 0 || nneg[a] == 0) continue;
        AttributeVector v;
        v.name = names[a];
        v.positives = npos[a];
        v.negatives = nneg[a];
        v.source = source;
        for (int64_t l = 0; l < L; ++l)
            v.levels.push_back((pos[a][static_cast<size_t>(l)] / static_cast<double>(npos[a]) -
                                neg[a][static_cast<size_t>(l)] / static_cast<double>(nneg[a]))
                                   .to(torch::kFloat32));
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<torch::Tensor> editLatents(const std::vector<torch::Tensor>& zs,
                                       const std::vector<AttributeVector>& vectors,
                                       const std::map<std::string, double>& alphas) {
    std::vector<torch::Tensor> out = zs;
    for (const auto& [name, alpha] : alphas) {
        if (alpha == 0.0) continue;
        const AttributeVector* v = nullptr;
        for (const auto& candidate : vectors)
            if (candidate.name == name) v = &candidate;
        if (!v) throw std::invalid_argument("the model has no attribute vector '" + name + "'");
        for (size_t l = 0; l < out.size(); ++l)
            out[l] = out[l] + (alpha * v->scale) * v->levels[l].to(out[l].device()).unsqueeze(0);
    }
    return out;
}

std::vector<torch::Tensor> interpolateLatents(const std::vector<torch::Tensor>& za,
                                              const std::vector<torch::Tensor>& zb, double t) {
    if (za.size() != zb.size()) throw std::invalid_argument("interpolateLatents: different numbers of levels");
    std::vector<torch::Tensor> out;
    for (size_t l = 0; l < za.size(); ++l) out.push_back(za[l] * (1.0 - t) + zb[l] * t);
    return out;
}

}  // namespace flowscope
