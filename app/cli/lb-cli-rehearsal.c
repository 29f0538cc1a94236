/* lb-cli-rehearsal.c: linkbench-cli rehearsal — drills and cutover rehearsals, and drill
 * mode from a terminal: start, step start|finish, finish. Every command is committed at
 * once, so a drill survives a killed terminal and continues with the next command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lb-cli.h"

static LbRehearsal *
lookup_rehearsal (LbCli      *cli,
                  GPtrArray  *positional,
                  const char *usage,
                  int        *status)
{
  const char *arg = positional->len == 1 ? positional->pdata[0] : NULL;

  if (arg == NULL || strspn (arg, "0123456789") != strlen (arg))
    {
      *status = lb_cli_usage_error ("%s", usage);
      return NULL;
    }
  *status = LB_CLI_FAILURE;
  return lb_cli_lookup (cli, &lb_rehearsal_kind, arg);
}

static GPtrArray *
load_steps (LbCli  *cli,
            gint64  rehearsal_id,
            GError **error)
{
  return lb_store_list (cli->store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal_id, error);
}

static void
print_steps (LbCli       *cli,
             LbRehearsal *rehearsal,
             GPtrArray   *steps)
{
  static const char *const columns[] = { "position", "name", "started_at", "ended_at", "outcome", NULL };
  g_autoptr(LbRehearsalDowntime) downtime = NULL;

  lb_cli_print_records (cli, steps, columns);
  if (cli->json)
    return;
  downtime = lb_rehearsal_downtime_load (cli->store, rehearsal->id, NULL);
  if (downtime != NULL && downtime->explanation != NULL)
    g_print ("\n%s\n", downtime->explanation);
}

static int
rehearsal_start (LbCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  LbRehearsal *rehearsal;
  LbStore *store;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] rehearsal start [TITLE] --project P --kind KIND [OPTIONS]"),
               _("Starts a drill now: records the rehearsal as in progress with the runbook steps of\n"
                 "its kind (planned_failover, forced_failover, cutover, failback, dr_drill). Then log\n"
                 "each step with “rehearsal step start|finish ID” and end with “rehearsal finish ID”.\n"
                 "Other rehearsal fields may be given as options (--downtime-target-min, --notes …)."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 1)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[1]);
  if ((store = lb_cli_get_store (cli)) == NULL)
    return LB_CLI_FAILURE;

  rehearsal = lb_record_new (&lb_rehearsal_kind);
  if (positional->len == 1)
    rehearsal->title = g_strdup (positional->pdata[0]);
  if ((status = lb_cli_apply_options (cli, rehearsal, options, NULL)) != LB_CLI_OK)
    {
      lb_record_free (rehearsal);
      return status;
    }
  if (rehearsal->started_at == LB_UNSET_INT)
    rehearsal->started_at = lb_time_now_ms ();
  rehearsal->outcome = LB_OUTCOME_IN_PROGRESS;
  if (rehearsal->title == NULL && rehearsal->kind != LB_UNSET_ENUM)
    {
      g_autofree char *day = lb_time_format_local (rehearsal->started_at);
      const LbFieldInfo *kind_field = lb_record_kind_find_field (&lb_rehearsal_kind, "kind");

      /* TRANSLATORS: a drill's default title: "Cutover rehearsal, 2026-11-29 22:00" */
      rehearsal->title = g_strdup_printf (_("%s, %s"), lb_enum_info_label (kind_field->enum_info, rehearsal->kind), day);
    }

  /* The rehearsal and its runbook land together or not at all. */
  if (!lb_store_begin_transaction (store, &error))
    {
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }
  if (!lb_store_insert (store, rehearsal, &error) || !lb_rehearsal_add_runbook_steps (store, rehearsal->id, &error))
    {
      lb_store_rollback_transaction (store);
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }
  if (!lb_store_commit_transaction (store, &error))
    {
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }

  steps = load_steps (cli, rehearsal->id, &error);
  if (!cli->json)
    g_print (_("Started drill #%lld “%s”. Its runbook:\n\n"), (long long) rehearsal->id, rehearsal->title);
  if (steps != NULL)
    print_steps (cli, rehearsal, steps);
  lb_record_free (rehearsal);
  return LB_CLI_OK;
}

static int
rehearsal_steps (LbCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  LbRehearsal *rehearsal;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] rehearsal steps ID"),
               _("Lists a rehearsal's steps with their times and outcome, and the downtime so far."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (options->len > 0)
    return lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, 0).key);
  if ((rehearsal = lookup_rehearsal (cli, positional, _("usage: rehearsal steps ID"), &status)) == NULL)
    return status;
  steps = load_steps (cli, rehearsal->id, &error);
  if (steps == NULL)
    status = lb_cli_report_error (cli, error);
  else
    {
      print_steps (cli, rehearsal, steps);
      status = LB_CLI_OK;
    }
  lb_record_free (rehearsal);
  return status;
}

/* The step that "step start" opens: the one named by --step, else the first pending one. */
static LbRehearsalStep *
pick_step (GPtrArray  *steps,
           const char *wanted,
           int         outcome)
{
  for (guint i = 0; i < steps->len; i++)
    {
      LbRehearsalStep *step = steps->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, step->id);
      g_autofree char *position = g_strdup_printf ("%" G_GINT64_FORMAT, step->position);

      if (wanted != NULL ? g_str_equal (wanted, id) || g_str_equal (wanted, position) ||
                           g_ascii_strcasecmp (wanted, step->name) == 0
                         : step->outcome == outcome)
        return step;
    }
  return NULL;
}

static int
rehearsal_step (LbCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const allowed[] = { "step", "outcome", "notes", NULL };
  const char *action = argc > 0 ? argv[0] : NULL;
  LbRehearsalStep *step = NULL;
  LbRehearsal *rehearsal;
  gboolean starting;
  int status;

  if (action == NULL || lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] rehearsal step start ID [--step STEP]"),
               _("       linkbench-cli [--db PATH] [--json] rehearsal step finish ID [--outcome done|failed|skipped] [--notes TEXT]"),
               _("“start” starts the next pending step (or the one given by id, number or name) now;\n"
                 "“finish” ends the running step now. Each is saved at once."));
      return action == NULL ? LB_CLI_USAGE : LB_CLI_OK;
    }
  starting = g_str_equal (action, "start");
  if (!starting && !g_str_equal (action, "finish"))
    return lb_cli_usage_error (_("“%s” is not a step command: use start or finish"), action);
  if (!lb_cli_parse_options (argc - 1, argv + 1, NULL, &positional, &options))
    return LB_CLI_USAGE;
  for (guint i = 0; i < options->len; i++)
    if (!g_strv_contains (allowed, g_array_index (options, LbCliOption, i).key) ||
        (starting && g_str_equal (g_array_index (options, LbCliOption, i).key, "outcome")))
      return lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, i).key);
  if ((rehearsal = lookup_rehearsal (cli, positional, _("usage: rehearsal step start|finish ID"), &status)) == NULL)
    return status;

  if (rehearsal->outcome != LB_OUTCOME_IN_PROGRESS && rehearsal->outcome != LB_OUTCOME_PLANNED)
    {
      g_printerr (_("linkbench-cli: drill #%lld is finished; its steps can no longer be logged\n"),
                  (long long) rehearsal->id);
      lb_record_free (rehearsal);
      return LB_CLI_FAILURE;
    }
  steps = load_steps (cli, rehearsal->id, &error);
  if (steps == NULL)
    {
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }

  if (starting)
    {
      LbRehearsalStep *running = pick_step (steps, NULL, LB_STEP_RUNNING);

      step = pick_step (steps, lb_cli_option_get (options, "step"), LB_STEP_PENDING);
      if (running != NULL)
        g_set_error (&error, LB_ERROR, LB_ERROR_FAILED, _("Step %lld “%s” is still running: finish it first"),
                     (long long) running->position, running->name);
      else if (step == NULL)
        g_set_error_literal (&error, LB_ERROR, LB_ERROR_NOT_FOUND,
                             lb_cli_option_get (options, "step") != NULL ? _("There is no such step")
                                                                       : _("Every step has been run"));
      else if (step->outcome != LB_STEP_PENDING)
        g_set_error (&error, LB_ERROR, LB_ERROR_FAILED, _("Step %lld “%s” has already been run"),
                     (long long) step->position, step->name);
      else
        {
          step->started_at = lb_time_now_ms ();
          step->outcome = LB_STEP_RUNNING;
        }
      if (error != NULL)
        step = NULL;
    }
  else
    {
      const char *outcome = lb_cli_option_get (options, "outcome");

      step = pick_step (steps, lb_cli_option_get (options, "step"), LB_STEP_RUNNING);
      if (step == NULL || step->outcome != LB_STEP_RUNNING)
        {
          /* A pending step may be skipped without being started. */
          if (step != NULL && step->outcome == LB_STEP_PENDING && g_strcmp0 (outcome, "skipped") == 0)
            step->started_at = LB_UNSET_INT;
          else
            {
              g_set_error_literal (&error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No step is running"));
              step = NULL;
            }
        }
      if (step != NULL)
        {
          step->ended_at = lb_time_now_ms ();
          step->outcome = LB_STEP_DONE;
          if (outcome != NULL && !lb_record_set_from_string (step, "outcome", outcome, &error))
            step = NULL;
          else if (step->outcome == LB_STEP_PENDING || step->outcome == LB_STEP_RUNNING)
            {
              g_set_error_literal (&error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_ENUM,
                                   _("Outcome: a finished step is done, failed or skipped"));
              step = NULL;
            }
        }
    }
  if (step != NULL && lb_cli_option_get (options, "notes") != NULL)
    lb_record_set_from_string (step, "notes", lb_cli_option_get (options, "notes"), NULL);
  if (step != NULL && rehearsal->outcome == LB_OUTCOME_PLANNED)
    {
      rehearsal->outcome = LB_OUTCOME_IN_PROGRESS;
      if (!lb_store_update (cli->store, rehearsal, &error))
        step = NULL;
    }
  if (step == NULL || !lb_store_update (cli->store, step, &error))
    {
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }

  if (cli->json)
    lb_cli_print_record (cli, step);
  else
    {
      g_autofree char *when = lb_time_format_local (starting ? step->started_at : step->ended_at);
      const LbFieldInfo *outcome_field = lb_record_kind_find_field (&lb_rehearsal_step_kind, "outcome");

      g_print (starting ? _("Step %lld “%s” started at %s.\n") : _("Step %lld “%s” finished at %s: %s.\n"),
               (long long) step->position, step->name, when, lb_enum_info_label (outcome_field->enum_info, step->outcome));
    }
  lb_record_free (rehearsal);
  return LB_CLI_OK;
}

static int
rehearsal_finish (LbCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbRehearsalDowntime) downtime = NULL;
  static const char *const allowed[] = { "outcome", "data-loss", "notes", NULL };
  LbRehearsal *rehearsal;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] rehearsal finish ID --outcome success|partial|failed|aborted [--data-loss yes|no] [--notes TEXT]"),
               _("Ends the drill now, computes its downtime from the steps (from stopping the workload\n"
                 "to validating the applications) and records it with the outcome."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  for (guint i = 0; i < options->len; i++)
    if (!g_strv_contains (allowed, g_array_index (options, LbCliOption, i).key))
      return lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, i).key);
  if (lb_cli_option_get (options, "outcome") == NULL)
    return lb_cli_usage_error (_("rehearsal finish needs --outcome success|partial|failed|aborted"));
  if ((rehearsal = lookup_rehearsal (cli, positional, _("usage: rehearsal finish ID --outcome OUTCOME"), &status)) == NULL)
    return status;

  if ((status = lb_cli_apply_options (cli, rehearsal, options, NULL)) != LB_CLI_OK)
    {
      lb_record_free (rehearsal);
      return status;
    }
  if (rehearsal->outcome == LB_OUTCOME_PLANNED || rehearsal->outcome == LB_OUTCOME_IN_PROGRESS)
    {
      lb_record_free (rehearsal);
      return lb_cli_usage_error (_("--outcome: a finished drill is success, partial, failed or aborted"));
    }
  rehearsal->ended_at = lb_time_now_ms ();

  /* Downtime from the logged steps; a drill without them keeps what was recorded. */
  downtime = lb_rehearsal_downtime_load (cli->store, rehearsal->id, &error);
  if (downtime != NULL && downtime->source == LB_DOWNTIME_FROM_STEPS)
    rehearsal->measured_downtime_min = downtime->downtime_ms / 60000.0;
  g_clear_error (&error);
  if (!lb_store_update (cli->store, rehearsal, &error))
    {
      lb_record_free (rehearsal);
      return lb_cli_report_error (cli, error);
    }

  g_clear_pointer (&downtime, lb_rehearsal_downtime_free);
  downtime = lb_rehearsal_downtime_load (cli->store, rehearsal->id, NULL);
  if (cli->json)
    lb_cli_print_record (cli, rehearsal);
  else
    g_print (_("Finished drill #%lld “%s”.\n%s\n"), (long long) rehearsal->id, rehearsal->title,
             downtime != NULL && downtime->explanation != NULL ? downtime->explanation : "");
  lb_record_free (rehearsal);
  return LB_CLI_OK;
}

static void
show_downtime (LbCli        *cli,
               gconstpointer record,
               JsonObject   *json)
{
  g_autoptr(LbRehearsalDowntime) downtime = lb_rehearsal_downtime_load (cli->store, LB_RECORD_ID_CONST (record), NULL);

  if (downtime == NULL)
    return;
  if (json != NULL)
    {
      if (downtime->downtime_ms != LB_UNSET_INT)
        json_object_set_int_member (json, "downtime_ms", downtime->downtime_ms);
      json_object_set_string_member (json, "downtime", downtime->explanation);
    }
  else if (downtime->explanation != NULL)
    g_print ("\n%s\n", downtime->explanation);
}

int
lb_cli_rehearsal_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  static const char *const columns[] = { "project_id", "kind", "title", "started_at", "measured_downtime_min",
                                         "outcome", NULL };
  static const LbCliCommand extra[] = {
    { "start", N_("Start a drill now with its runbook"), rehearsal_start },
    { "steps", N_("List a drill's steps"), rehearsal_steps },
    { "step", N_("Start or finish a step now"), rehearsal_step },
    { "finish", N_("End a drill and record its downtime"), rehearsal_finish },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "rehearsal",
    .kind = &lb_rehearsal_kind,
    .list_columns = columns,
    .show_extra = show_downtime,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
