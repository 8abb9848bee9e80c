// System-library shim for geos (libgeos-dev). Only the module that owns this library imports it.
// The reentrant API (GEOS*_r) is the only one frontline uses: one context per worker.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
