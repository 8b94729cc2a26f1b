/*
 * target.h - the target of an owner, a team or the company for a period,
 * as PRODUCT.md defines it (part of the engine; see engine.h).
 */
#ifndef FUNNEL_TARGET_H
#define FUNNEL_TARGET_H

#include <stdint.h>
#include "funnel/date.h"

struct fn_dataset;

/* The target of a scope (user_id, team_id; both 0: company) for a period,
 * per PRODUCT.md: the one set, else the sum of its members' (and of the
 * sub-periods' when none is set for the period itself). Returns 0 in
 * *has when there is none. */
void fn_target_of(const struct fn_dataset *ds, int64_t user_id,
		  int64_t team_id, const struct fn_period *p, int *has,
		  int64_t *amount);

#endif
