/* checksrc-test: as model/noguard_int.h */ /* expect: private-guard */
/* A private header that does not refuse outside use. */
#ifndef IFGW_MODEL_NOGUARD_INT_H
#define IFGW_MODEL_NOGUARD_INT_H

int ifgw_model_noguard(void);

#endif
