/* lb-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-settings"

#include "config.h"

#include "lb-settings.h"

GSettings *
lb_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LB_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; built-in defaults apply", LB_SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

void
lb_settings_prepare_record (gpointer record)
{
  g_autoptr(GSettings) settings = lb_settings_new ();
  const LbRecordKind *kind;

  g_return_if_fail (record != NULL);

  if (settings == NULL)
    return;
  kind = lb_record_get_kind (record);
  if (kind == &lb_project_kind)
    {
      LbProject *project = record;

      project->lag_threshold_s = g_settings_get_double (settings, "new-project-lag-threshold");
      project->downtime_target_min = g_settings_get_int (settings, "new-project-downtime-target");
    }
  else if (kind == &lb_cost_item_kind)
    {
      LbCostItem *item = record;
      g_autofree char *currency = g_settings_get_string (settings, "default-currency");

      /* The key's choices are ISO 4217 codes; anything else keeps the kind's default. */
      if (currency != NULL && *currency != '\0')
        {
          g_free (item->currency);
          item->currency = g_steal_pointer (&currency);
        }
    }
}

void
lb_settings_prepare_report_options (LbReportOptions *options)
{
  g_autoptr(GSettings) settings = lb_settings_new ();
  g_autofree char *paper = NULL;
  g_autofree char *organisation = NULL;
  int paper_size;

  g_return_if_fail (options != NULL);

  if (settings == NULL)
    return;
  paper = g_settings_get_string (settings, "report-paper-size");
  if ((paper_size = lb_enum_info_lookup (&lb_paper_size_enum, paper)) != LB_UNSET_ENUM)
    options->paper = paper_size;
  options->policy.rehearsals_required = g_settings_get_int (settings, "go-rehearsals-required");
  organisation = g_strstrip (g_settings_get_string (settings, "report-organisation"));
  g_clear_pointer (&options->organisation, g_free);
  if (*organisation != '\0')
    options->organisation = g_steal_pointer (&organisation);
}

void
lb_settings_prepare_sampler_options (LbLagSamplerOptions *options)
{
  g_autoptr(GSettings) settings = lb_settings_new ();

  g_return_if_fail (options != NULL);

  if (settings == NULL)
    return;
  options->interval_ms = (gint64) g_settings_get_int (settings, "sampling-interval") * 1000;
}
