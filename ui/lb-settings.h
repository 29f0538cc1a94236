/* lb-settings.h: the application's GSettings, and the preferences that shape new records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-core.h"

G_BEGIN_DECLS

#define LB_SETTINGS_SCHEMA_ID "io.github.linkbench.Linkbench"

/* NULL when the schema is not installed (an uninstalled run without GSETTINGS_SCHEMA_DIR):
 * then the defaults of the record kinds apply. */
GSettings *lb_settings_new              (void);
/* Fills what the preferences say about new records of @record's kind: the lag threshold
 * and downtime target of a new project, the currency of a new cost item. */
void       lb_settings_prepare_record   (gpointer record);
/* Fills what the preferences say about reports: the paper size, the organisation and the
 * rehearsals the go/no-go rules require. @options was initialized by the caller. */
void       lb_settings_prepare_report_options (LbReportOptions *options);
/* Fills what the preferences say about lag sampling: the interval between polls
 * ("sampling-interval", seconds). @options was initialized by the caller. */
void       lb_settings_prepare_sampler_options (LbLagSamplerOptions *options);

G_END_DECLS
