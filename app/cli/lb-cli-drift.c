/* lb-cli-drift.c: linkbench-cli drift — compare a project's link with its approved design
 * — and linkbench-cli import — carry Azure's state in as evidence.
 *
 * drift exits 0 only when nothing differs and everything could be compared, so that it can
 * gate a pipeline: a check that could not see the instance is not a pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-cli.h"

static void
print_check_text (const LbDriftCheck  *check,
                  const LbDriftResult *result)
{
  g_print ("%s\n", check->summary);
  for (guint i = 0; i < result->differences->len; i++)
    {
      const LbDriftDifference *d = result->differences->pdata[i];

      /* TRANSLATORS: one difference: "  Critical  Failover mode: approved Manual, found None" */
      g_print (_("  %-8s  %s: approved %s, found %s\n"), _(lb_enum_info_label (&lb_drift_severity_enum, d->severity)),
               d->label, d->approved, d->found != NULL ? d->found : _("none"));
    }
  for (guint i = 0; i < result->unchecked->len; i++)
    /* TRANSLATORS: what a drift check could not compare */
    g_print (_("  Not checked: %s\n"), (const char *) result->unchecked->pdata[i]);
}

static void
print_check_json (const LbDriftCheck  *check,
                  const LbDriftResult *result)
{
  g_autoptr(JsonNode) node = lb_record_to_json (check);
  JsonObject *object = json_node_get_object (node);

  json_object_remove_member (object, "result_json");
  json_object_set_member (object, "result", lb_drift_result_to_json (result));
  lb_cli_print_json (node);
}

static int
drift_history (LbCli  *cli,
               gint64  project_id)
{
  static const char *const columns[] = { "checked_at", "outcome", "summary", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = lb_store_list_for_project (cli->store, &lb_drift_check_kind, project_id, &error);

  if (checks == NULL)
    return lb_cli_report_error (cli, error);
  lb_cli_print_records (cli, checks, columns);
  return LB_CLI_OK;
}

int
lb_cli_drift_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const allowed[] = { "project", "history", "record-design", "approved-by", "notes", NULL };
  static const char *const flags[] = { "history", "record-design", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbDriftResult) result = NULL;
  LbProject *project;
  LbDriftCheck *check;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] drift --project P [--history | --record-design --approved-by NAME "
                 "[--notes TEXT]]"),
               _("Compares the project's newest approved design with the newest link and managed instance state\n"
                 "among its evidence (import it with `linkbench-cli import`), lists each difference with its\n"
                 "severity and both values, and keeps the result in the project's history. Exit status 0 when\n"
                 "nothing differs and everything was compared, 1 when something differs or could not be\n"
                 "checked. --history lists the earlier checks instead. --record-design records the newest state\n"
                 "as the approved design (every setting Azure shows; edit it with `linkbench-cli project` record\n"
                 "commands if the plan differs), then checks against it."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, flags, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if (lb_cli_option_get (options, "record-design") != NULL)
    {
      LbDesignBaseline *baseline;

      if (lb_cli_option_get (options, "approved-by") == NULL)
        {
          lb_record_free (project);
          return lb_cli_usage_error (_("--record-design needs --approved-by NAME"));
        }
      baseline = lb_drift_design_record (cli->store, project->id, lb_cli_option_get (options, "approved-by"),
                                         lb_cli_option_get (options, "notes"), lb_time_now_ms (), &error);
      if (baseline == NULL)
        {
          lb_record_free (project);
          return lb_cli_report_error (cli, error);
        }
      if (!cli->json)
        g_print (_("Recorded design baseline %lld from the newest Azure state.\n"), (long long) baseline->id);
      lb_record_free (baseline);
    }
  if (lb_cli_option_get (options, "history") != NULL)
    {
      status = drift_history (cli, project->id);
      lb_record_free (project);
      return status;
    }

  check = lb_drift_check_run (cli->store, project->id, lb_time_now_ms (), &error);
  lb_record_free (project);
  if (check == NULL)
    return lb_cli_report_error (cli, error);
  if ((result = lb_drift_result_from_json (check->result_json, &error)) == NULL)
    {
      lb_record_free (check);
      return lb_cli_report_error (cli, error);
    }
  if (cli->json)
    print_check_json (check, result);
  else
    print_check_text (check, result);
  status = check->outcome == LB_DRIFT_NONE ? LB_CLI_OK : LB_CLI_FAILURE;
  lb_record_free (check);
  return status;
}

int
lb_cli_import_run (LbCli *cli,
                   int    argc,
                   char **argv)
{
  static const char *const allowed[] = { "project", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) imported = NULL;
  LbProject *project;
  gboolean ok;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] import --project P FILE…"),
               _("Keeps Azure's state as evidence of the project: the JSON that `az sql mi link show` or `list`,\n"
                 "`az sql mi show`, `az sql midb list` or the ARM GET of those resources printed (both link\n"
                 "schemas). The kind is recognised from the content. Every file is checked first: if one is\n"
                 "not such a document, nothing is stored and the message says what was expected."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  if (lb_cli_option_get (options, "project") == NULL)
    return lb_cli_usage_error (_("--project P is required"));
  if (positional->len == 0)
    return lb_cli_usage_error (_("give at least one FILE to import"));
  for (guint i = 0; i < positional->len; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (positional->pdata[i]));
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  ok = lb_azure_import_files (cli->store, project->id, files, &imported, NULL, &error);
  lb_record_free (project);
  if (!ok)
    return lb_cli_report_error (cli, error);
  if (cli->json)
    {
      static const char *const columns[] = { "id", "title", "kind", "sha256", NULL };

      lb_cli_print_records (cli, imported, columns);
    }
  else
    for (guint i = 0; i < imported->len; i++)
      {
        const LbEvidence *evidence = imported->pdata[i];

        /* TRANSLATORS: "Imported evidence 12: az sql mi link show (link.json)" */
        g_print (_("Imported evidence %lld: %s\n"), (long long) evidence->id, evidence->title);
      }
  return LB_CLI_OK;
}
