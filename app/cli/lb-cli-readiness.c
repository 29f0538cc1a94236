/* lb-cli-readiness.c: linkbench-cli readiness add|list|show|edit|delete|gate — the five
 * production-readiness controls and the technical prerequisites.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static int
readiness_gate (LbCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(LbReadinessVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  const char *project = NULL;
  gint64 project_id;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] readiness gate --project P"),
               _("The gate verdict: production-ready only when all five controls are clear and no\n"
                 "prerequisite is blocked; otherwise what is missing. Exit status 0 when ready, 1 when not."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  project = lb_cli_option_get (options, "project");
  if (project == NULL || options->len != 1 || positional->len != 0)
    return lb_cli_usage_error (_("usage: readiness gate --project P"));
  status = lb_cli_resolve_reference (cli, lb_record_kind_parent_field (&lb_readiness_item_kind), project,
                                     &project_id);
  if (status != LB_CLI_OK || lb_cli_get_store (cli) == NULL)
    return status != LB_CLI_OK ? status : LB_CLI_FAILURE;

  verdict = lb_readiness_gate_evaluate_project (cli->store, project_id, &error);
  if (verdict == NULL)
    return lb_cli_report_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "project_id", project_id);
      json_object_set_boolean_member (object, "production_ready", verdict->production_ready);
      json_object_set_string_member (object, "summary", verdict->summary);
      json_node_set_object (node, object);
      lb_cli_print_json (node);
    }
  else
    g_print ("%s\n", verdict->summary);
  return verdict->production_ready ? LB_CLI_OK : LB_CLI_FAILURE;
}

int
lb_cli_readiness_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  static const char *const columns[] = { "project_id", "kind", "control", "title", "status", "owner",
                                         "verified_at", NULL };
  static const LbCliCommand extra[] = {
    { "gate", N_("The production-readiness verdict of a project"), readiness_gate },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "readiness",
    .kind = &lb_readiness_item_kind,
    .list_columns = columns,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
