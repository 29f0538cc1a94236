/* lb-core.h: umbrella header of the GTK-free Linkbench core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define LB_CORE_INSIDE

#include "model/lb-error.h"
#include "model/lb-record.h"
#include "model/lb-records.h"
#include "model/lb-time.h"
#include "store/lb-store.h"
#include "store/lb-lag-writer.h"
#include "demo/lb-demo.h"

#undef LB_CORE_INSIDE
