#pragma once
/// \file Exporting the built-in synthetic faces as a CelebA-style image folder, so they train a
/// Glow model (and feed any other tool) exactly like downloaded data.

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// What exportFaces wrote.
struct FaceExportSummary {
    int64_t count = 0;
    int64_t size = 0;
    uint64_t seed = 0;
    std::vector<std::string> labelNames;   ///< faceLabelNames(), the attribute file's columns
    std::vector<double> positiveFraction;  ///< per label, the fraction of faces labelled +1
};

/// Faces shown in the montage: the first kMontageFaces, kMontageColumns to a row.
constexpr int64_t kMontageFaces = 32;
constexpr int64_t kMontageColumns = 8;

/// Writes faces 0 … count − 1 of `seed` (randomFaceAttributes / renderFaces) into `dir`
/// (created if missing):
///  - face_000001.png … (size × size RGB; numbering from 1 as in CelebA);
///  - list_attr_faces.txt, CelebA's list_attr_celeba.txt layout: the count, a line of label
///    names (faceLabelNames(): Smiling, Young, Eyeglasses, Male, …), then one line per image,
///    "face_000001.png  1 -1 …" with ±1 values. Thresholds (face_renderer.h): Smiling = smile >
///    0.25, Young = age < 0.45, Gray_Hair = greyness > 0.5, No_Beard = beard < 0.3, …;
///  - attributes.csv: header "file,smile,age,…" (faceAttributeNames()) and the continuous values;
///  - when montagePath is not empty, a PNG grid of the first kMontageFaces faces there.
/// Every file is written to a temporary name and renamed. Throws std::invalid_argument on a bad
/// count (< 1) or size (outside 16…128), std::runtime_error naming the file when writing fails.
FaceExportSummary exportFaces(const std::string& dir, int64_t count, int64_t size, uint64_t seed,
                              const std::string& montagePath = {});

}  // namespace flowscope
