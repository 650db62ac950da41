/* checksrc-test: as model/guard_int.h */
/* The convention: fine. */
#ifndef IFGW_MODEL_GUARD_INT_H
#define IFGW_MODEL_GUARD_INT_H

#ifndef IFGW_MODEL_INTERNAL
#error "guard_int.h is private to model/"
#endif

int ifgw_model_guard(void);

#endif
