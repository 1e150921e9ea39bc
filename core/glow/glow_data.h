#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>

namespace flowscope {

/// Training images for Glow: random batches of uint8 [n, C, S, S].
class GlowDataSource {
public:
    virtual ~GlowDataSource() = default;
    virtual torch::Tensor batch(int64_t n, torch::Generator& gen) = 0;
    /// Rows [begin, end) of the batch `batch(n, gen)` would draw, consuming `gen` exactly as it
    /// does: each process of a distributed run draws the same global batch order and loads only
    /// its own share. The default loads the whole batch; sources that can, load only the share.
    virtual torch::Tensor shard(int64_t n, torch::Generator& gen, int64_t begin, int64_t end) {
        return batch(n, gen).slice(0, begin, end);
    }
    virtual int64_t channels() const = 0;
    virtual int64_t imageSize() const = 0;
    virtual std::string description() const = 0;
};

/// Batches drawn (with replacement) from images already in memory (e.g. an image folder).
class TensorImageSource : public GlowDataSource {
public:
    /// `images` is uint8 [N, C, S, S] with N ≥ 1; throws std::invalid_argument otherwise.
    TensorImageSource(torch::Tensor images, std::string description);
    torch::Tensor batch(int64_t n, torch::Generator& gen) override { return shard(n, gen, 0, n); }
    torch::Tensor shard(int64_t n, torch::Generator& gen, int64_t begin, int64_t end) override;
    int64_t channels() const override { return m_images.size(1); }
    int64_t imageSize() const override { return m_images.size(2); }
    std::string description() const override { return m_description; }
    const torch::Tensor& images() const { return m_images; }

private:
    torch::Tensor m_images;
    std::string m_description;
};

/// The built-in synthetic faces (core/faces), rendered on demand: a pool of `poolSize` faces of
/// `seed`, so training and the attribute vectors see the same population.
class FaceImageSource : public GlowDataSource {
public:
    FaceImageSource(int64_t size, uint64_t seed = 0, int64_t poolSize = 100000);
    torch::Tensor batch(int64_t n, torch::Generator& gen) override { return shard(n, gen, 0, n); }
    torch::Tensor shard(int64_t n, torch::Generator& gen, int64_t begin, int64_t end) override;
    int64_t channels() const override { return 3; }
    int64_t imageSize() const override { return m_size; }
    std::string description() const override;

private:
    int64_t m_size;
    uint64_t m_seed;
    int64_t m_pool;
};

/// [0, 1] float images → uint8 (round to nearest).
torch::Tensor unitToUint8(const torch::Tensor& x);

}  // namespace flowscope
