#include "faces/face_attributes.h"

#include "util/random.h"

#include <algorithm>
#include <cmath>

namespace flowscope {

namespace {

constexpr uint64_t kFaceStream = 0xFACE5EEDull;

}  // namespace

double smoothStep(double e0, double e1, double x) {
    const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

std::vector<std::string> faceAttributeNames() {
    return {"smile",
            "age",
            "glasses",
            "male",
            "beard",
            "hair_style",
            "hair_color",
            "hair_shade",
            "grey_onset",
            "hair_grey",
            "hair_volume",
            "recede",
            "skin_tone",
            "face_width",
            "face_length",
            "jaw",
            "eye_color",
            "eye_size",
            "gaze_x",
            "gaze_y",
            "brow_thickness",
            "brow_arch",
            "nose_width",
            "nose_length",
            "lip_fullness",
            "yaw",
            "roll",
            "shift_x",
            "shift_y",
            "scale",
            "light_x",
            "light_y",
            "background_hue",
            "background_hue2",
            "background_lightness",
            "shirt_hue",
            "shirt_lightness",
            "frame_color"};
}

std::vector<float> attributeValues(const FaceAttributes& a) {
    return {a.smile,
            a.age,
            a.glasses ? 1.0f : 0.0f,
            a.male ? 1.0f : 0.0f,
            a.beard,
            static_cast<float>(a.hairStyle),
            static_cast<float>(a.hairColor),
            a.hairShade,
            a.greyOnset,
            hairGreyness(a),
            a.hairVolume,
            a.recede,
            a.skinTone,
            a.faceWidth,
            a.faceLength,
            a.jaw,
            a.eyeColor,
            a.eyeSize,
            a.gazeX,
            a.gazeY,
            a.browThickness,
            a.browArch,
            a.noseWidth,
            a.noseLength,
            a.lipFullness,
            a.yaw,
            a.roll,
            a.shiftX,
            a.shiftY,
            a.scale,
            a.lightX,
            a.lightY,
            a.backgroundHue,
            a.backgroundHue2,
            a.backgroundLightness,
            a.shirtHue,
            a.shirtLightness,
            a.frameColor};
}

float hairGreyness(const FaceAttributes& a) {
    return static_cast<float>(smoothStep(a.greyOnset, a.greyOnset + 0.4, a.age));
}

std::vector<std::string> faceLabelNames() {
    return {"Smiling",    "Young",     "Eyeglasses", "Male",  "Black_Hair", "Brown_Hair",
            "Blond_Hair", "Gray_Hair", "Bald",       "Bangs", "No_Beard",   "Mouth_Slightly_Open"};
}

std::vector<bool> faceLabels(const FaceAttributes& a) {
    const bool grey = hairGreyness(a) > 0.5f;
    const bool brown = a.hairColor == HairColor::Brown || a.hairColor == HairColor::Auburn;
    return {a.smile > kSmilingThreshold,
            a.age < kYoungThreshold,
            a.glasses,
            a.male,
            !grey && a.hairColor == HairColor::Black,
            !grey && brown,
            !grey && a.hairColor == HairColor::Blond,
            grey,
            a.hairStyle == HairStyle::Bald,
            a.hairStyle == HairStyle::Fringe,
            a.beard<0.3f, a.smile> 0.6f};
}

FaceAttributes randomFaceAttributes(uint64_t seed, int64_t index) {
    if (index < 0) throw std::invalid_argument("randomFaceAttributes: negative index " + std::to_string(index));
    auto gen = makeGenerator(deriveSeed(deriveSeed(seed, kFaceStream), static_cast<uint64_t>(index)));
    const auto draws = torch::rand({48}, gen, torch::kFloat64);
    const double* u = draws.data_ptr<double>();
    int k = 0;
    auto next = [&]() { return u[k++]; };
    auto sym = [&]() { return static_cast<float>(2 * next() - 1); };
    auto unit = [&]() { return static_cast<float>(next()); };

    FaceAttributes a;
    a.smile = sym();
    a.age = unit();
    a.glasses = next() < 0.3;
    a.male = next() < 0.5;
    const double beardDraw = next();
    a.beard = a.male && beardDraw > 0.45 ? static_cast<float>(0.2 + 0.8 * (beardDraw - 0.45) / 0.55) : 0.0f;
    const double styleDraw = next();
    if (a.male) {
        a.hairStyle = styleDraw < 0.50   ? HairStyle::Short
                      : styleDraw < 0.65 ? HairStyle::Bald
                      : styleDraw < 0.80 ? HairStyle::Fringe
                      : styleDraw < 0.90 ? HairStyle::Curly
                                         : HairStyle::Long;
    } else {
        a.hairStyle = styleDraw < 0.45   ? HairStyle::Long
                      : styleDraw < 0.70 ? HairStyle::Fringe
                      : styleDraw < 0.88 ? HairStyle::Short
                                         : HairStyle::Curly;
    }
    const double colourDraw = next();
    a.hairColor = colourDraw < 0.35   ? HairColor::Black
                  : colourDraw < 0.70 ? HairColor::Brown
                  : colourDraw < 0.90 ? HairColor::Blond
                                      : HairColor::Auburn;
    a.hairShade = unit();
    a.greyOnset = static_cast<float>(0.25 + 0.4 * next());
    a.hairVolume = unit();
    const double recedeDraw = next();
    a.recede = static_cast<float>(a.male ? recedeDraw : 0.2 * recedeDraw);
    a.skinTone = unit();
    a.faceWidth = unit();
    a.faceLength = unit();
    const double jawDraw = next();
    a.jaw = static_cast<float>(a.male ? 0.45 + 0.55 * jawDraw : 0.55 * jawDraw);
    a.eyeColor = unit();
    a.eyeSize = unit();
    a.gazeX = sym();
    a.gazeY = sym();
    const double browDraw = next();
    a.browThickness = static_cast<float>(a.male ? 0.4 + 0.6 * browDraw : 0.6 * browDraw);
    a.browArch = unit();
    a.noseWidth = unit();
    a.noseLength = unit();
    a.lipFullness = unit();
    a.yaw = sym();
    a.roll = sym();
    a.shiftX = sym();
    a.shiftY = sym();
    a.scale = unit();
    a.lightX = sym();
    a.lightY = unit();
    a.backgroundHue = unit();
    a.backgroundHue2 = unit();
    a.backgroundLightness = unit();
    a.shirtHue = unit();
    a.shirtLightness = unit();
    a.frameColor = unit();
    a.detailSeed = static_cast<uint32_t>(next() * 4294967296.0);
    return a;
}

}  // namespace flowscope
