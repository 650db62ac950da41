/* checksrc-test: as model/noerror_int.h */ /* expect: private-guard */
/* The macro is tested but nothing refuses: not a guard. */
#ifndef IFGW_MODEL_NOERROR_INT_H
#define IFGW_MODEL_NOERROR_INT_H

#ifndef IFGW_MODEL_INTERNAL
#define IFGW_MODEL_INTERNAL
#endif

#endif
