/* checksrc-test: as base/typedefs.h */
#ifndef TYPEDEFS_H
#define TYPEDEFS_H

typedef struct ifgw_thing ifgw_thing; /* expect: typedef-struct */
typedef struct { /* expect: typedef-struct */
	int a;
	char *b;
} ifgw_anon;
typedef union ifgw_u ifgw_u_t; /* expect: typedef-struct */
typedef enum ifgw_result ifgw_result_t; /* expect: typedef-struct */
typedef const struct ifgw_thing cthing; /* expect: typedef-struct */
typedef char *ifgw_str; /* expect: typedef-pointer */
typedef int (*ifgw_cb)(void *arg); /* expect: typedef-pointer */
typedef struct ifgw_y *ifgw_y_ptr; /* expect: typedef-struct typedef-pointer */
typedef int /* expect: typedef-pointer (reported where the typedef starts) */
	*ifgw_split_ptr;

/* Fine: a scalar typedef, a function type (its parameter is a pointer, the
 * type is not), and the word in comments and strings. */
typedef unsigned __int128 u128;
typedef int ifgw_fn(void *arg, struct ifgw_thing *t);
/* typedef struct x x; */
static const char typedef_text[] = "typedef struct x *y;";

#endif
