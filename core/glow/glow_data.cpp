#include "glow/glow_data.h"

#include "faces/face_renderer.h"

#include <stdexcept>

namespace flowscope {

TensorImageSource::TensorImageSource(torch::Tensor images, std::string description)
    : m_images(std::move(images)), m_description(std::move(description)) {
    if (!m_images.defined() || m_images.dim() != 4 || m_images.size(0) < 1 || m_images.scalar_type() != torch::kUInt8)
        throw std::invalid_argument("TensorImageSource: expected at least one uint8 image [N, C, S, S]");
}

torch::Tensor TensorImageSource::shard(int64_t n, torch::Generator& gen, int64_t begin, int64_t end) {
    auto idx = torch::randint(m_images.size(0), {n}, gen, torch::kLong);
    return m_images.index_select(0, idx.slice(0, begin, end));
}

FaceImageSource::FaceImageSource(int64_t size, uint64_t seed, int64_t poolSize)
    : m_size(size), m_seed(seed), m_pool(poolSize) {
    if (poolSize < 1) throw std::invalid_argument("FaceImageSource: the pool needs at least one face");
}

torch::Tensor FaceImageSource::shard(int64_t n, torch::Generator& gen, int64_t begin, int64_t end) {
    auto idx = torch::randint(m_pool, {n}, gen, torch::kLong);
    std::vector<FaceAttributes> faces;
    faces.reserve(static_cast<size_t>(end - begin));
    for (int64_t i = begin; i < end; ++i) faces.push_back(randomFaceAttributes(m_seed, idx[i].item<int64_t>()));
    return unitToUint8(renderFaces(faces, m_size));
}

std::string FaceImageSource::description() const {
    return "built-in faces (seed " + std::to_string(m_seed) + ", " + std::to_string(m_pool) + " faces, " +
           std::to_string(m_size) + " px)";
}

torch::Tensor unitToUint8(const torch::Tensor& x) { return torch::round(x.clamp(0.0, 1.0) * 255.0).to(torch::kUInt8); }

}  // namespace flowscope
