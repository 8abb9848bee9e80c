// System-library shim for proj (libproj-dev). Only the module that owns this library imports it.
#include <proj.h>
