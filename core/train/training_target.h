#pragma once

#include "targets/energy.h"
#include "targets/point_sampler.h"

#include <memory>
#include <optional>
#include <string>

namespace flowscope {

/// What a 2D flow is trained towards: an unnormalised energy (reverse KL) or points (maximum
/// likelihood).
class TrainingTarget {
public:
    static TrainingTarget energy(Energy e) { return TrainingTarget(e, nullptr); }
    static TrainingTarget points(std::shared_ptr<const PointSampler> s) {
        return TrainingTarget(std::nullopt, std::move(s));
    }

    bool isEnergy() const { return m_energy.has_value(); }
    const Energy& energy() const { return *m_energy; }
    const PointSampler& sampler() const { return *m_sampler; }
    std::shared_ptr<const PointSampler> samplerPtr() const { return m_sampler; }
    std::string name() const { return isEnergy() ? m_energy->name() : m_sampler->name(); }
    std::array<double, 4> extent() const { return isEnergy() ? m_energy->extent() : m_sampler->extent(); }

private:
    TrainingTarget(std::optional<Energy> e, std::shared_ptr<const PointSampler> s)
        : m_energy(e), m_sampler(std::move(s)) {}
    std::optional<Energy> m_energy;
    std::shared_ptr<const PointSampler> m_sampler;
};

}  // namespace flowscope
