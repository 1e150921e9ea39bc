#pragma once
/// \file Animated GIF files (giflib), for animations dropped into slides: each frame with its own
/// palette (io/palette_quantizer.h) and delay, looping forever. The file is assembled in memory and
/// written atomically, so an export stopped half-way leaves nothing behind.

#include <QImage>

#include <memory>
#include <string>

namespace flowscope {

class GifEncoder {
public:
    /// Frames of width × height pixels (1..4096 each).
    GifEncoder(int width, int height);
    ~GifEncoder();
    GifEncoder(const GifEncoder&) = delete;
    GifEncoder& operator=(const GifEncoder&) = delete;

    /// Appends `frame` (scaled to the encoder's size if it differs), shown for `delayMs`
    /// (rounded to GIF's 10 ms, at least 20 ms: viewers slow anything shorter to 100 ms).
    void addFrame(const QImage& frame, int delayMs);
    int frames() const { return m_frames; }
    /// The whole file; the encoder takes no more frames afterwards.
    std::string finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
    int m_width, m_height, m_frames = 0;
};

/// Frame delay in ms for a frame rate in frames per second (1..50).
int gifDelayMs(double fps);

}  // namespace flowscope
