#pragma once
/// \file Commands that draw text into images (charts) need a QGuiApplication for fonts; the CLI
/// makes an offscreen one on demand.

namespace flowscope::cli {

/// Creates an offscreen QGuiApplication if no application object exists yet (idempotent).
void ensureOffscreenGui();

}  // namespace flowscope::cli
