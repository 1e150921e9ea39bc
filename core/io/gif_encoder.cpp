#include "io/gif_encoder.h"

#include "io/palette_quantizer.h"

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace flowscope {
namespace {

int appendBytes(GifFileType* gif, const GifByteType* bytes, int length) {
    static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length));
    return length;
}

[[noreturn]] void fail(const char* what, int code) {
    throw std::runtime_error(std::string("GIF encoder: ") + what + ": " +
                             (GifErrorString(code) ? GifErrorString(code) : "unknown error"));
}

}  // namespace

struct GifEncoder::State {
    std::string bytes;
    GifFileType* gif = nullptr;
    bool finished = false;
};

GifEncoder::GifEncoder(int width, int height) : m_state(std::make_unique<State>()), m_width(width), m_height(height) {
    if (width < 1 || height < 1 || width > 4096 || height > 4096)
        throw std::invalid_argument("GIF frames must be 1..4096 pixels a side (asked for " + std::to_string(width) +
                                    "×" + std::to_string(height) + ")");
    int error = 0;
    m_state->gif = EGifOpen(&m_state->bytes, appendBytes, &error);
    if (!m_state->gif) fail("open", error);
    EGifSetGifVersion(m_state->gif, true);
    // The screen has no global palette: every frame brings its own.
    if (EGifPutScreenDesc(m_state->gif, width, height, 8, 0, nullptr) == GIF_ERROR) fail("screen", m_state->gif->Error);
    // NETSCAPE2.0 application extension: loop forever.
    const GifByteType application[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    const GifByteType loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_state->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(m_state->gif, sizeof application, application) == GIF_ERROR ||
        EGifPutExtensionBlock(m_state->gif, sizeof loop, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(m_state->gif) == GIF_ERROR)
        fail("loop extension", m_state->gif->Error);
}

GifEncoder::~GifEncoder() {
    if (m_state->gif) {
        int error = 0;
        EGifCloseFile(m_state->gif, &error);
    }
}

void GifEncoder::addFrame(const QImage& frame, int delayMs) {
    if (m_state->finished) throw std::logic_error("GifEncoder::addFrame after finish");
    const QImage sized = frame.size() == QSize(m_width, m_height)
                             ? frame
                             : frame.scaled(m_width, m_height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const IndexedImage indexed = quantizeImage(sized, 256);

    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT;
    control.UserInputFlag = false;
    control.DelayTime = std::max(2, static_cast<int>(std::lround(delayMs / 10.0)));
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(m_state->gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) == GIF_ERROR)
        fail("frame delay", m_state->gif->Error);

    // A colour table holds a power of two entries, at least 2.
    int bits = 1;
    while ((1 << bits) < static_cast<int>(indexed.palette.size())) ++bits;
    ColorMapObject* map = GifMakeMapObject(1 << bits, nullptr);
    if (!map) throw std::bad_alloc();
    for (int i = 0; i < (1 << bits); ++i) {
        const QRgb c = i < static_cast<int>(indexed.palette.size()) ? indexed.palette[i] : qRgb(0, 0, 0);
        map->Colors[i] = GifColorType{static_cast<GifByteType>(qRed(c)), static_cast<GifByteType>(qGreen(c)),
                                      static_cast<GifByteType>(qBlue(c))};
    }
    const int put = EGifPutImageDesc(m_state->gif, 0, 0, m_width, m_height, false, map);
    GifFreeMapObject(map);  // giflib keeps its own copy
    if (put == GIF_ERROR) fail("frame header", m_state->gif->Error);
    std::vector<GifPixelType> row(static_cast<size_t>(m_width));
    for (int y = 0; y < m_height; ++y) {
        std::copy_n(indexed.indices.begin() + static_cast<std::ptrdiff_t>(y) * m_width, m_width, row.begin());
        if (EGifPutLine(m_state->gif, row.data(), m_width) == GIF_ERROR) fail("frame pixels", m_state->gif->Error);
    }
    ++m_frames;
}

std::string GifEncoder::finish() {
    if (m_state->finished) throw std::logic_error("GifEncoder::finish twice");
    if (m_frames == 0) throw std::logic_error("a GIF needs at least one frame");
    m_state->finished = true;
    int error = 0;
    const int closed = EGifCloseFile(m_state->gif, &error);
    m_state->gif = nullptr;
    if (closed == GIF_ERROR) fail("close", error);
    return std::move(m_state->bytes);
}

int gifDelayMs(double fps) {
    if (!(fps >= 1 && fps <= 50)) throw std::invalid_argument("frame rate must be 1..50 frames per second");
    return static_cast<int>(std::lround(1000.0 / fps));
}

}  // namespace flowscope
