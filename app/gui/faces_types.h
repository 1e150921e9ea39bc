#pragma once
/// \file Values between the Faces page (GUI thread) and its worker. Plain types and QImage only.

#include <QImage>
#include <QMap>
#include <QMetaType>
#include <QRect>
#include <QString>
#include <QStringList>

#include <vector>

namespace flowscope {

/// What the model panel shows.
struct FaceModelInfo {
    QString path;
    QString summary;         ///< architecture in one line
    QString details;         ///< data, bits/dim, steps, attributes (rich text)
    QStringList attributes;  ///< attribute vector names
    int imageSize = 0;
    int channels = 3;
    int levels = 0;
    bool bfloat16Fast = false;  ///< bfloat16 convolutions beat float32 on the model's device
};

/// Held-out bits/dim of the open model on a data set (glow eval's numbers).
struct FaceEvaluation {
    QString data;                     ///< "fashion-mnist test (2000 images)"
    double bitsPerDim = 0, ci95 = 0;  ///< mean and the half-width of its 95 % interval
    std::vector<double> levelPrior, levelLogdet;
    double discretisation = 0;
    double seconds = 0;
};

/// The sample grid: `count` samples from noise seed `seed`, at per-level temperatures.
struct FaceSampleRequest {
    int count = 16;
    quint64 seed = 1;
    std::vector<double> temperatures{0.7};  ///< one for all levels, or one per level
    bool bfloat16Preview = false;           ///< decode's conditioner networks in bfloat16
    int serial = 0;
};

struct FaceSamples {
    std::vector<QImage> images;
    std::vector<double> temperatures;  ///< what they were drawn at
    int serial = 0;
    double milliseconds = 0;
    bool bfloat16Preview = false;  ///< drawn with the bfloat16 preview
    /// For a preview: max |preview − float32| in [0, 1] pixel units and the float32 decode's
    /// time, measured on the first preview grid of this model, count and seed.
    double previewMaxError = 0, float32Milliseconds = 0;
};

/// The face being edited: a sample, or an encoded photo.
struct FaceSubject {
    QString origin;                  ///< "sample 3" or the photo's file name
    QImage original;                 ///< the photo as loaded (samples: the decoded sample)
    QRect crop;                      ///< the centre crop within `original`
    QImage input;                    ///< what was encoded, at the model's size
    QImage reconstruction;           ///< decode(encode(input))
    double reconstructionError = 0;  ///< max |x − decode(encode(x))| in model space
    double bitsPerDim = 0;
};

struct FaceEditRequest {
    QMap<QString, double> alphas;
    int serial = 0;
};

struct FaceEdit {
    QImage image;
    QMap<QString, double> alphas;
    int serial = 0;
    double milliseconds = 0;  ///< slider → image, on the worker
};

/// An interpolation strip between two faces.
struct FaceMix {
    std::vector<QImage> images;
    QStringList labels;  ///< t of each image
};

/// Variants of the subject with one level of the multi-scale model redrawn.
struct FaceScales {
    int level = 0;
    std::vector<QImage> images;
};

}  // namespace flowscope

Q_DECLARE_METATYPE(flowscope::FaceModelInfo)
Q_DECLARE_METATYPE(flowscope::FaceSampleRequest)
Q_DECLARE_METATYPE(flowscope::FaceSamples)
Q_DECLARE_METATYPE(flowscope::FaceSubject)
Q_DECLARE_METATYPE(flowscope::FaceEditRequest)
Q_DECLARE_METATYPE(flowscope::FaceEdit)
Q_DECLARE_METATYPE(flowscope::FaceScales)
Q_DECLARE_METATYPE(flowscope::FaceMix)
Q_DECLARE_METATYPE(flowscope::FaceEvaluation)
