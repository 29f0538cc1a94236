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

/* A new wave comes last in the plan unless --position says otherwise. */
static int
prepare_wave (LbCli   *cli,
              gpointer record,
              GArray  *options)
{
  g_autoptr(GError) error = NULL;
  LbWave *wave = record;
  gint64 next;

  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if ((next = lb_waves_next_position (cli->store, &error)) < 0)
    return lb_cli_report_error (cli, error);
  wave->position = next;
  return LB_CLI_OK;
}

static int
wave_move (LbCli *cli,
           int    argc,
           char **argv)
{
  return lb_cli_run_move (cli, argc, argv, &lb_wave_kind, "wave",
                          _("Moves a wave one place earlier or later in the plan."), lb_waves_move);
}

int
lb_cli_wave_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "name", "position", "window_start", "window_end", NULL };
  static const LbCliCommand extra[] = {
    { "move", N_("Move a wave earlier or later in the plan"), wave_move },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "wave",
    .kind = &lb_wave_kind,
    .list_columns = columns,
    .show_extra = show_wave_projects,
    .prepare_add = prepare_wave,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
