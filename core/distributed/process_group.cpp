#include "distributed/process_group.h"

#include "distributed/bucketed_gradient_averager.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdlib>
#include <future>
#include <stdexcept>
#include <thread>

namespace flowscope {

namespace {

/// c10d reports through c10::Error, whose message carries a C++ backtrace and sometimes the
/// source line of the failure: keep the first line of the message itself.
std::string firstLine(const std::string& text) {
    auto line = text.substr(0, text.find('\n'));
    if (line.size() > 300) line = line.substr(0, 300) + "…";
    return line;
}

template <class F>
auto guarded(const std::string& what, F&& f) {
    try {
        return f();
    } catch (const c10::Error& e) {
        throw std::runtime_error(what + ": " + firstLine(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw std::runtime_error(what + ": " + firstLine(e.what()));
    }
}

std::string seconds(std::chrono::milliseconds t) { return std::to_string(t.count() / 1000.0).substr(0, 5) + " s"; }

}  // namespace

std::string distributedSupport(const torch::Device& device) {
    if (device.is_cuda()) {
#ifdef USE_C10D_NCCL
        return {};
#else
        return "this build has no NCCL (c10d's ProcessGroupNCCL needs a CUDA LibTorch and nccl.h at configure time)";
#endif
    }
#ifdef USE_C10D_GLOO
    return {};
#else
    return "this build has no Gloo (c10d's ProcessGroupGloo needs the gloo headers, Debian's libgloo-dev, at "
           "configure time)";
#endif
}

struct ProcessGroup::State {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<CollectiveBackend> group;
    std::chrono::milliseconds timeout{0};
    torch::Device device = torch::kCPU;
};

ProcessGroup::ProcessGroup(std::unique_ptr<State> state) : m_state(std::move(state)) {}
ProcessGroup::~ProcessGroup() = default;

std::shared_ptr<ProcessGroup> ProcessGroup::join(const DistributedEnvironment& env, const torch::Device& device,
                                                 std::chrono::milliseconds timeout) {
    if (const auto why = distributedSupport(device); !why.empty())
        throw std::runtime_error("cannot train on " + std::to_string(env.worldSize) + " processes: " + why);
    // c10d's own timeouts cover connecting and waiting for the peers, but a store client whose
    // port is held by a program that accepts and never answers blocks in recv for good. So the
    // joining runs on a thread of its own; if it has not ended well after its timeouts, the
    // caller gets the error and the blocked thread is left behind (it owns all it touches and
    // ends with the process).
    auto result = std::make_shared<std::promise<std::shared_ptr<ProcessGroup>>>();
    auto joined = result->get_future();
    std::thread([env, device, timeout, result] {
        try {
            result->set_value(joinNow(env, device, timeout));
        } catch (...) {
            result->set_exception(std::current_exception());
        }
    }).detach();
    const auto deadline = 2 * timeout + std::chrono::seconds(2);
    if (joined.wait_for(deadline) != std::future_status::ready)
        throw std::runtime_error("rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                                 " got no answer from the rendezvous store at " + env.masterAddress + ":" +
                                 std::to_string(env.masterPort) + " within " +
                                 seconds(std::chrono::duration_cast<std::chrono::milliseconds>(deadline)) +
                                 " (is another program listening on that port?)");
    return joined.get();
}

std::shared_ptr<ProcessGroup> ProcessGroup::joinNow(const DistributedEnvironment& env, const torch::Device& device,
                                                    std::chrono::milliseconds timeout) {
    auto state = std::make_unique<State>();
    state->timeout = timeout;
    state->device = device;
    const std::string where = env.masterAddress + ":" + std::to_string(env.masterPort);
    c10d::TCPStoreOptions options;
    options.port = env.masterPort;
    options.timeout = timeout;
    if (env.agentStore) {
        // torchrun's agent serves the store; the workers are its clients.
        options.isServer = false;
        options.waitWorkers = false;
    } else {
        options.isServer = env.rank == 0;
        options.numWorkers = static_cast<size_t>(env.worldSize);
        options.waitWorkers = true;
    }
    const std::string role = options.isServer ? "serve the rendezvous store on " : "reach the rendezvous store at ";
    c10::intrusive_ptr<c10d::Store> store =
        guarded("rank " + std::to_string(env.rank) + " could not " + role + where + " within " + seconds(timeout), [&] {
            return c10::intrusive_ptr<c10d::Store>(c10::make_intrusive<c10d::TCPStore>(env.masterAddress, options));
        });
    if (env.agentStore)
        store = c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(env.restartCount), store);
    state->store = store;
    const std::string meet = "rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                             " could not connect to its peers through " + where + " within " + seconds(timeout);
    if (device.is_cuda()) {
#ifdef USE_C10D_NCCL
        auto o = c10d::ProcessGroupNCCL::Options::create();
        o->timeout = timeout;
        state->group = guarded(meet, [&] {
            return c10::intrusive_ptr<CollectiveBackend>(
                c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank, env.worldSize, o));
        });
#endif
    } else {
#ifdef USE_C10D_GLOO
        auto o = c10d::ProcessGroupGloo::Options::create(timeout);
        // As torch.distributed: GLOO_SOCKET_IFNAME names the network interface, else the
        // address this host's name resolves to.
        if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
            o->devices.push_back(guarded("GLOO_SOCKET_IFNAME='" + std::string(ifname) + "'",
                                         [&] { return c10d::ProcessGroupGloo::createDeviceForInterface(ifname); }));
        else
            o->devices.push_back(
                guarded("no network device for Gloo", [] { return c10d::ProcessGroupGloo::createDefaultDevice(); }));
        o->threads = 2;
        state->group = guarded(meet, [&] {
            return c10::intrusive_ptr<CollectiveBackend>(
                c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank, env.worldSize, o));
        });
#endif
    }
    return std::shared_ptr<ProcessGroup>(new ProcessGroup(std::move(state)));
}

int ProcessGroup::rank() const { return m_state->group->getRank(); }
int ProcessGroup::worldSize() const { return m_state->group->getSize(); }

void ProcessGroup::allReduceSum(std::vector<torch::Tensor>& tensors) {
    guarded("all-reduce across " + std::to_string(worldSize()) + " processes failed (a peer stopped or timed out)",
            [&] {
                for (auto& t : tensors) {
                    std::vector<torch::Tensor> one{t};
                    m_state->group->allreduce(one)->wait();
                }
                return 0;
            });
}

void ProcessGroup::broadcast(std::vector<torch::Tensor>& tensors, int root) {
    guarded("broadcast from rank " + std::to_string(root) + " failed (a peer stopped or timed out)", [&] {
        c10d::BroadcastOptions o;
        o.rootRank = root;
        for (auto& t : tensors) {
            auto contiguous = t.is_contiguous() ? t : t.contiguous();
            std::vector<torch::Tensor> one{contiguous};
            m_state->group->broadcast(one, o)->wait();
            if (!contiguous.is_same(t)) t.copy_(contiguous);
        }
        return 0;
    });
}

std::unique_ptr<GradientAverager> ProcessGroup::gradientAverager(std::vector<torch::Tensor> parameters) {
    return std::make_unique<BucketedGradientAverager>(m_state->group, std::move(parameters));
}

void ProcessGroup::requireSameSettings(const std::vector<std::pair<std::string, std::string>>& settings) {
    std::string mine;
    for (const auto& [name, value] : settings) mine += name + "=" + value + "\n";
    const std::string key = "flowscope/settings/";
    guarded("the ranks could not exchange their settings within " + seconds(m_state->timeout), [&] {
        m_state->store->set(key + std::to_string(rank()), std::vector<uint8_t>(mine.begin(), mine.end()));
        return 0;
    });
    auto read = [&](int r) {
        auto bytes = guarded(
            "rank " + std::to_string(r) + " never published its settings (waited " + seconds(m_state->timeout) + ")",
            [&] { return m_state->store->get(key + std::to_string(r)); });
        std::vector<std::pair<std::string, std::string>> out;
        std::string text(bytes.begin(), bytes.end()), line;
        for (size_t start = 0, end; start < text.size(); start = end + 1) {
            end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            line = text.substr(start, end - start);
            const auto eq = line.find('=');
            out.emplace_back(line.substr(0, eq), eq == std::string::npos ? "" : line.substr(eq + 1));
        }
        return out;
    };
    // Every rank reads every rank's settings and so finds the same first difference.
    const auto reference = read(0);
    for (int r = 1; r < worldSize(); ++r) {
        const auto other = read(r);
        for (size_t i = 0; i < std::max(reference.size(), other.size()); ++i) {
            const auto a = i < other.size() ? other[i] : std::pair<std::string, std::string>{"?", ""};
            const auto b = i < reference.size() ? reference[i] : std::pair<std::string, std::string>{"?", ""};
            if (a != b)
                throw std::runtime_error("the ranks were started with different settings: rank " + std::to_string(r) +
                                         " has " + a.first + "=" + a.second + ", rank 0 has " + b.first + "=" +
                                         b.second);
        }
    }
    std::vector<torch::Tensor> fence{torch::zeros({1}, torch::TensorOptions(m_state->device))};
    allReduceSum(fence);  // nobody leaves (and rank 0 may not stop the store) before all have read
}

}  // namespace flowscope
