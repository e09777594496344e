#ifndef DOSSIER_CMIMALLOC_SHIM_H
#define DOSSIER_CMIMALLOC_SHIM_H
#include <mimalloc.h>
#endif
