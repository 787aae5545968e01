#ifndef BOPS_CLIBYAML_SHIM_H
#define BOPS_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
