// System-library shim for cairo (libcairo2-dev). Only the module that owns this library imports it.
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
