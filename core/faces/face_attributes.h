#pragma once
/// \file The ground truth of the built-in faces: what each face is (smile, age, hair, pose, …),
/// drawn from (seed, index), and the CelebA-style labels derived from it. No tensors.

#include <cstdint>
#include <string>
#include <vector>

namespace flowscope {

/// Hair styles the renderer draws (the attribute file's Bald and Bangs come from these).
enum class HairStyle : int { Short = 0, Long = 1, Fringe = 2, Bald = 3, Curly = 4 };
/// Natural hair colours before greying (greying with age is separate: hairGreyness).
enum class HairColor : int { Black = 0, Brown = 1, Blond = 2, Auburn = 3 };

/// Ground truth for one rendered face. Every field is drawn independently of the others by
/// randomFaceAttributes (smile and age uniformly over their ranges), except that beard, jaw,
/// recede and the hair style's odds depend on `male`. Unit ranges unless stated.
struct FaceAttributes {
    float smile = 0;       ///< [−1, 1]: −1 frown, 0 neutral, +1 broad open smile showing teeth
    float age = 0.3f;      ///< [0, 1]: young adult → elderly (grey hair, wrinkles, paler skin)
    bool glasses = false;  ///< frames around the eyes
    bool male = false;     ///< squarer jaw, thicker brows, beard and receding hairline possible
    float beard = 0;       ///< 0 clean-shaven → full beard (0 for women)
    HairStyle hairStyle = HairStyle::Short;
    HairColor hairColor = HairColor::Brown;
    float hairShade = 0.5f;   ///< lightness within the colour class
    float greyOnset = 0.45f;  ///< [0.25, 0.65]: the age at which greying starts
    float hairVolume = 0.5f;
    float recede = 0;                                       ///< how far the hairline recedes as the face ages
    float skinTone = 0.3f;                                  ///< light → dark
    float faceWidth = 0.5f, faceLength = 0.5f, jaw = 0.5f;  ///< jaw: tapered → square
    float eyeColor = 0.3f;                                  ///< brown → hazel → green → blue
    float eyeSize = 0.5f;
    float gazeX = 0, gazeY = 0;  ///< [−1, 1]: where the pupils look
    float browThickness = 0.5f, browArch = 0.5f;
    float noseWidth = 0.5f, noseLength = 0.5f;
    float lipFullness = 0.5f;
    float yaw = 0, roll = 0;          ///< [−1, 1]: small head turn (±~15°) and tilt (±~7°)
    float shiftX = 0, shiftY = 0;     ///< [−1, 1]: small offsets of the head in the frame
    float scale = 0.5f;               ///< head size, ±6%
    float lightX = 0, lightY = 0.5f;  ///< light direction: lightX ∈ [−1, 1] (left/right), lightY up
    float backgroundHue = 0, backgroundHue2 = 0.5f, backgroundLightness = 0.5f;
    float shirtHue = 0, shirtLightness = 0.5f;
    float frameColor = 0;     ///< glasses frame: black, brown, metal, red-ish
    uint32_t detailSeed = 0;  ///< textures (hair strands, skin, stubble); not an attribute
};

/// Names of the continuous attributes (CSV columns), in attributeValues' order:
/// smile, age, glasses, male, beard, hair_style, hair_color, hair_shade, grey_onset, …
std::vector<std::string> faceAttributeNames();
std::vector<float> attributeValues(const FaceAttributes& face);

/// How grey the hair is, in [0, 1]: 0 before greyOnset, 1 about 0.4 later.
float hairGreyness(const FaceAttributes& face);

/// CelebA-style binary labels and their thresholds (the attribute file's ±1 columns):
/// Smiling = smile > 0.25, Young = age < 0.45, Eyeglasses = glasses, Male = male,
/// Black_Hair / Brown_Hair / Blond_Hair = that colour class and greyness ≤ 0.5 (auburn counts
/// as brown), Gray_Hair = greyness > 0.5, Bald = Bald style, Bangs = Fringe style,
/// No_Beard = beard < 0.3, Mouth_Slightly_Open = smile > 0.6 (the teeth show).
constexpr float kSmilingThreshold = 0.25f;
constexpr float kYoungThreshold = 0.45f;
std::vector<std::string> faceLabelNames();
std::vector<bool> faceLabels(const FaceAttributes& face);

/// The attributes of face `index` of `seed`: a function of (seed, index) alone.
FaceAttributes randomFaceAttributes(uint64_t seed, int64_t index);

/// 3t² − 2t³ of t = (x − e0)/(e1 − e0) clamped to [0, 1]: greying and receding with age, and
/// the renderer's shading.
double smoothStep(double e0, double e1, double x);

}  // namespace flowscope
