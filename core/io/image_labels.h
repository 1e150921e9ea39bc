#pragma once
/// \file Binary attribute labels (Smiling, Young, Male, Eyeglasses, …) for the images of a
/// folder, from whichever of three common layouts the folder uses; the attribute vectors
/// (mean z with − mean z without) are computed from them.

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// UTKFace file names give an age in years; "Young" is +1 below this age, −1 from it on
/// (CelebA's Young has no stated age; 30 splits UTKFace's adults roughly where it does).
constexpr int kYoungAgeLimit = 30;

/// Labels per image and attribute, and where they came from.
struct ImageLabels {
    std::string source;              ///< "list_attr_celeba.txt", "sub-folders", "UTKFace file names"; "" when none
    std::vector<std::string> names;  ///< attribute names ("Smiling", "Young", "Male", …)
    std::vector<std::vector<int8_t>> values;  ///< [image][attribute]: +1, −1, or 0 for unknown
    std::vector<std::string> problems;        ///< one line each, e.g. "list_attr_celeba.txt line 9: …"
};

/// Labels for `files` (relative paths under `dir`, as ImageSet::files), from the first of these
/// layouts that applies:
///  (a) a CelebA attribute list `list_attr*.txt` in `dir` (list_attr_celeba.txt preferred): the
///      image count, a line of attribute names, then "file v1 v2 …" with 1 / −1 (0 read as −1),
///      whitespace separated, CRLF tolerated. A line's file matches an image by relative path,
///      else by file name. Listed files that are not among the images, images without a line,
///      malformed lines and a wrong count are reported, never fatal; a file none of whose lines
///      matches an image is reported and the next layout is tried;
///  (b) sub-folder pairs `X` / `not_X` (also `no_X`, `non_X`; case-insensitive, '-' or ' ' for
///      '_'): attribute X named as CelebA would ("smiling" → "Smiling", "wavy_hair" →
///      "Wavy_Hair"), +1 for images under X, −1 under not_X;
///  (c) UTKFace names `age_gender_race_datetime.jpg[.chip.jpg]`, used when more than half of the
///      names parse: Young = age < kYoungAgeLimit, Male = gender 0 (UTKFace: 0 male, 1 female);
///      malformed names are reported and left unknown.
/// No layout found: `source` and `names` empty. Never throws for content; a list_attr file that
/// cannot be opened is reported in `problems`.
ImageLabels readImageLabels(const std::string& dir, const std::vector<std::string>& files);

}  // namespace flowscope
