#include "io/cifar10_batch.h"

#include "io/sequential_file.h"

#include <cstring>
#include <stdexcept>
#include <vector>

namespace flowscope {

Cifar10Batch readCifar10Batch(const std::string& path) {
    SequentialFile file(path);
    const std::string name = "'" + path + "'";
    if (!file.compressed() && file.fileSize() % kCifar10RecordBytes != 0)
        throw std::runtime_error(name + " is not a CIFAR-10 binary batch: " + std::to_string(file.fileSize()) +
                                 " bytes is not a whole number of " + std::to_string(kCifar10RecordBytes) +
                                 "-byte records");
    std::vector<uint8_t> labels;
    std::vector<uint8_t> pixels;
    std::vector<uint8_t> record(static_cast<size_t>(kCifar10RecordBytes));
    for (;;) {
        const size_t got = file.read(record.data(), record.size());
        if (got == 0) break;
        if (got < record.size())
            throw std::runtime_error(name + " is a truncated CIFAR-10 batch: its last record has " +
                                     std::to_string(got) + " of " + std::to_string(kCifar10RecordBytes) + " bytes");
        if (static_cast<int64_t>(labels.size()) >= kMaxCifar10Records)
            throw std::runtime_error(name + " holds more than " + std::to_string(kMaxCifar10Records) +
                                     " CIFAR-10 records, more than FlowScope reads from one batch");
        if (record[0] > 9)
            throw std::runtime_error(name + ": CIFAR-10 record " + std::to_string(labels.size()) + " has label " +
                                     std::to_string(record[0]) + " (labels are 0…9)");
        labels.push_back(record[0]);
        pixels.insert(pixels.end(), record.begin() + 1, record.end());
    }
    if (labels.empty()) throw std::runtime_error(name + " is an empty CIFAR-10 batch");
    const auto n = static_cast<int64_t>(labels.size());
    Cifar10Batch b;
    b.images = torch::empty({n, 3, 32, 32}, torch::kUInt8);
    std::memcpy(b.images.data_ptr<uint8_t>(), pixels.data(), pixels.size());
    b.labels = torch::from_blob(labels.data(), {n}, torch::kUInt8).to(torch::kLong);
    return b;
}

}  // namespace flowscope
