// System-library shim for pangocairo (libpango1.0-dev). Only the module that owns this library imports it.
#include <pango/pangocairo.h>
