#pragma once

#include <utility>

namespace flowscope {

/// The one rule every trainer follows for a bad step: if the loss or a gradient is not finite,
/// the update is skipped and the last parameters that gave a finite step come back; otherwise
/// the current parameters become the new rollback point and the update is applied. `State` is
/// whatever holds a copy of the parameters (a flat vector, a list of tensors).
template <typename State>
class RollbackGuard {
public:
    RollbackGuard() = default;
    explicit RollbackGuard(State initial) : m_lastGood(std::move(initial)) {}

    /// `snapshot(State&)` copies the current parameters into its argument, `restore(const State&)`
    /// puts a copy back, `update()` applies the optimiser step. Returns whether it was applied.
    template <typename Snapshot, typename Restore, typename Update>
    bool settle(bool finite, Snapshot&& snapshot, Restore&& restore, Update&& update) {
        if (!finite) {
            restore(m_lastGood);
            return false;
        }
        snapshot(m_lastGood);
        update();
        return true;
    }

    const State& lastGood() const { return m_lastGood; }

private:
    State m_lastGood;
};

}  // namespace flowscope
