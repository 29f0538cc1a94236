/* lb-cli-wave.c: linkbench-cli wave add|list|show|edit|delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static void
show_wave_projects (LbCli        *cli,
                    gconstpointer record,
                    JsonObject   *json)
{
  g_autoptr(GPtrArray) projects = lb_store_list (cli->store, &lb_project_kind, "wave_id",
                                                 LB_RECORD_ID_CONST (record), NULL);
  g_autoptr(JsonArray) names = json_array_new ();

  if (projects == NULL)
    return;
  if (json == NULL)
    g_print ("\n%s\n", _("Projects:"));
  for (guint i = 0; i < projects->len; i++)
    {
      const LbProject *project = projects->pdata[i];

      if (json != NULL)
        json_array_add_string_element (names, project->name);
      else
        g_print ("  %s\n", project->name);
    }
  if (json != NULL)
    json_object_set_array_member (json, "projects", json_array_ref (names));
  else if (projects->len == 0)
    g_print ("  %s\n", _("(none)"));
}

int
lb_cli_wave_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "name", "position", "window_start", "window_end", NULL };
  static const LbCliRecordGroup group = { "wave", &lb_wave_kind, columns, show_wave_projects };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
