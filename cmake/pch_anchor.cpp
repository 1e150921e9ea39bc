// Anchor translation unit: gives the shared precompiled torch header a target to live in.
