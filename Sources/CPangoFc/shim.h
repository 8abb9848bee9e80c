// System-library shim for Pango's fontconfig font maps (pangoft2, libpango1.0-dev) and
// fontconfig itself: the renderer picks the fonts its font maps may use. Only Render imports it.
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>
