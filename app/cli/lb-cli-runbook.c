/* lb-cli-runbook.c: linkbench-cli runbook add|list|show|edit|delete|steps|move|reset — the
 * runbook each kind of rehearsal starts with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static const char *const step_columns[] = { "rehearsal_kind", "position", "name", "role", NULL };

/* A new step makes its kind's runbook editable (a copy of the built-in one) and comes last. */
static int
complete_step (LbCli   *cli,
               gpointer record)
{
  LbRunbookStep *step = record;
  g_autoptr(GPtrArray) runbook = NULL;
  g_autoptr(GError) error = NULL;

  if (lb_runbook_builtin (step->rehearsal_kind) == NULL)
    return LB_CLI_OK; /* the store's validation names the missing kind */
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if (!lb_runbook_edit (cli->store, step->rehearsal_kind, &error) ||
      (runbook = lb_runbook_load (cli->store, step->rehearsal_kind, NULL, &error)) == NULL)
    return lb_cli_report_error (cli, error);
  step->position = lb_positions_next (runbook);
  return LB_CLI_OK;
}

static int
parse_kind (const char      *text,
            LbRehearsalKind *kind)
{
  int value = text != NULL ? lb_enum_info_lookup (&lb_rehearsal_kind_enum, text) : LB_UNSET_ENUM;

  if (value == LB_UNSET_ENUM)
    return lb_cli_usage_error (_("“%s” is not a kind of rehearsal: planned_failover, forced_failover, cutover, "
                                 "failback or dr_drill"), text != NULL ? text : "");
  *kind = value;
  return LB_CLI_OK;
}

/* runbook steps KIND: the runbook a drill of that kind starts with, edited or built-in. */
static int
runbook_steps (LbCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  LbRehearsalKind kind = LB_REHEARSAL_PLANNED_FAILOVER;
  gboolean edited;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] runbook steps KIND"),
               _("The steps a drill of KIND starts with: the edited runbook, or the built-in one."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len != 1 || options->len > 0)
    return lb_cli_usage_error (_("usage: runbook steps KIND"));
  if ((status = parse_kind (positional->pdata[0], &kind)) != LB_CLI_OK)
    return status;
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if ((steps = lb_runbook_load (cli->store, kind, &edited, &error)) == NULL)
    return lb_cli_report_error (cli, error);
  if (!cli->json)
    g_print ("%s\n\n", edited ? _("Edited runbook (“runbook reset” returns to the built-in one):")
                              : _("Built-in runbook (“runbook copy” makes it editable):"));
  lb_cli_print_records (cli, steps, step_columns);
  return LB_CLI_OK;
}

static int
runbook_move (LbCli *cli,
              int    argc,
              char **argv)
{
  return lb_cli_run_move (cli, argc, argv, &lb_runbook_step_kind, "runbook",
                          _("Moves a step of an edited runbook one place earlier or later."), lb_runbook_move);
}

/* runbook copy|reset KIND */
static int
kind_command (LbCli      *cli,
              int         argc,
              char      **argv,
              gboolean    reset)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  LbRehearsalKind kind = LB_REHEARSAL_PLANNED_FAILOVER;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      if (reset)
        g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] runbook reset KIND"),
                 _("Returns KIND to the built-in runbook; its edited steps are deleted. Drills already\n"
                   "started keep their steps."));
      else
        g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] runbook copy KIND"),
                 _("Copies the built-in runbook of KIND into the database, where its steps can be\n"
                   "edited, moved and deleted (“runbook steps KIND” shows their ids)."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len != 1 || options->len > 0)
    return lb_cli_usage_error ("%s", reset ? _("usage: runbook reset KIND") : _("usage: runbook copy KIND"));
  if ((status = parse_kind (positional->pdata[0], &kind)) != LB_CLI_OK)
    return status;
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if (!(reset ? lb_runbook_reset (cli->store, kind, &error) : lb_runbook_edit (cli->store, kind, &error)))
    return lb_cli_report_error (cli, error);
  return LB_CLI_OK;
}

static int
runbook_copy (LbCli *cli,
              int    argc,
              char **argv)
{
  return kind_command (cli, argc, argv, FALSE);
}

static int
runbook_reset (LbCli *cli,
               int    argc,
               char **argv)
{
  return kind_command (cli, argc, argv, TRUE);
}

int
lb_cli_runbook_run (LbCli *cli,
                    int    argc,
                    char **argv)
{
  static const LbCliCommand extra[] = {
    { "steps", N_("The runbook a kind of drill starts with"), runbook_steps },
    { "copy", N_("Make a kind's built-in runbook editable"), runbook_copy },
    { "move", N_("Move a step earlier or later"), runbook_move },
    { "reset", N_("Return a kind to the built-in runbook"), runbook_reset },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "runbook",
    .kind = &lb_runbook_step_kind,
    .list_columns = step_columns,
    .complete_add = complete_step,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
