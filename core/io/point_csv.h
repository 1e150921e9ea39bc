#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace flowscope {

/// Points read from a CSV file and what was wrong with the lines that were skipped.
struct PointCsv {
    torch::Tensor points;               ///< [N, 2] float
    std::vector<std::string> problems;  ///< "line 7: expected two numbers x,y, got 'a,b'"
    int64_t skippedLines = 0;
};

/// Reads "x,y" per line (also ';', tab or spaces as separators); an optional header line,
/// blank lines and '#' comments are allowed. A malformed or non-finite line is skipped and
/// reported with its line number. Throws std::runtime_error naming the file when it cannot be
/// read, holds no valid point, or more lines are bad than good.
PointCsv readPointCsv(const std::string& path);

/// Writes points as "x,y" lines with a header.
void writePointCsv(const std::string& path, const torch::Tensor& points);

}  // namespace flowscope
