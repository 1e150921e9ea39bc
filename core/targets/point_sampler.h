#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace flowscope {

/// A source of 2D training points for maximum likelihood.
class PointSampler {
public:
    virtual ~PointSampler() = default;
    /// n points [n, 2] on the CPU, drawn with `gen`.
    virtual torch::Tensor sample(int64_t n, torch::Generator& gen) const = 0;
    virtual std::string name() const = 0;
    /// A box holding the points: {x0, x1, y0, y1}.
    virtual std::array<double, 4> extent() const = 0;
};

/// The classic toy distributions (as in FFJORD's and RealNVP's demos), fresh points every draw:
/// moons, circles, 8gaussians, checkerboard, pinwheel, spirals.
class ToyDistribution : public PointSampler {
public:
    explicit ToyDistribution(std::string name);  ///< throws std::invalid_argument on unknown names
    static std::vector<std::string> names();
    static bool isToyName(const std::string& name);

    torch::Tensor sample(int64_t n, torch::Generator& gen) const override;
    std::string name() const override { return m_name; }
    std::array<double, 4> extent() const override { return {-4.0, 4.0, -4.0, 4.0}; }

private:
    std::string m_name;
};

/// A fixed set of points (a CSV file, or points drawn in the explorer), drawn with replacement.
class FinitePointSet : public PointSampler {
public:
    /// `points` is [N, 2] with N ≥ 1 and finite values; throws std::invalid_argument otherwise.
    FinitePointSet(torch::Tensor points, std::string name);
    torch::Tensor sample(int64_t n, torch::Generator& gen) const override;
    std::string name() const override { return m_name; }
    std::array<double, 4> extent() const override;
    const torch::Tensor& points() const { return m_points; }

private:
    torch::Tensor m_points;
    std::string m_name;
};

}  // namespace flowscope
