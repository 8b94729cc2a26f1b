/* funnel.h - the public headers of libfunnel in one include. */
#ifndef FUNNEL_FUNNEL_H
#define FUNNEL_FUNNEL_H
#include "funnel/error.h"
#include "funnel/date.h"
#include "funnel/model.h"
#include "funnel/store.h"
#include "funnel/engine.h"
#include "funnel/import.h"
#include "funnel/report.h"
#include "funnel/json.h"
#include "funnel/utf8.h"
#include "funnel/ops.h"
#endif
