#ifndef BOPS_CZLIB_SHIM_H
#define BOPS_CZLIB_SHIM_H
#include <zlib.h>
#endif
