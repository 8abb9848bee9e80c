// System-library shim for spng (libspng-dev). Only the module that owns this library imports it.
#include <spng.h>
