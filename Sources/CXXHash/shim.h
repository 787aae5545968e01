#ifndef BOPS_CXXHASH_SHIM_H
#define BOPS_CXXHASH_SHIM_H
#include <xxhash.h>
#endif
