/* lb-cli-sqlserver.c: linkbench-cli profile | probe | sample — the live SQL Server side.
 *
 * Passwords are read from the terminal (without echo) or from standard input, and kept in
 * the keyring; never taken from the command line, where other users could read them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "lb-cli.h"

char *
lb_cli_read_secret (const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char buffer[1024];
  char *line;

  if (tty)
    {
      g_printerr ("%s", prompt);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

/* "profile COMMAND PROFILE": the one argument, looked up. */
static LbConnectionProfile *
profile_argument (LbCli      *cli,
                  int         argc,
                  char      **argv,
                  const char *usage,
                  int        *status)
{
  static const char *const none[] = { NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  LbConnectionProfile *profile;

  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options) || !lb_cli_only_options (options, none))
    {
      *status = LB_CLI_USAGE;
      return NULL;
    }
  if (positional->len != 1)
    {
      *status = lb_cli_usage_error ("%s", usage);
      return NULL;
    }
  if ((profile = lb_cli_lookup (cli, &lb_connection_profile_kind, positional->pdata[0])) == NULL)
    *status = LB_CLI_FAILURE;
  return profile;
}

static int
profile_set_password (LbCli *cli,
                      int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile;
  char *password;
  int status = LB_CLI_OK;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] profile set-password PROFILE"),
               _("Reads the login's password from the terminal (not shown) or from standard input and keeps it\n"
                 "in the keyring, under the profile's server and login. It is never written to the database."));
      return LB_CLI_OK;
    }
  if ((profile = profile_argument (cli, argc, argv, _("usage: profile set-password PROFILE"), &status)) == NULL)
    return status;
  if ((password = lb_cli_read_secret (_("Password: "))) == NULL)
    {
      lb_record_free (profile);
      return lb_cli_usage_error (_("no password given on standard input"));
    }
  if (!lb_sql_secret_store (profile, password, NULL, &error))
    status = lb_cli_report_error (cli, error);
  else
    g_print (_("Saved the password of %s in the keyring.\n"), profile->login);
  lb_sql_profile_free_secret_string (password);
  lb_record_free (profile);
  return status;
}

static int
profile_forget_password (LbCli *cli,
                         int    argc,
                         char **argv)
{
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile;
  int status = LB_CLI_OK;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n", _("Usage: linkbench-cli [--db PATH] profile forget-password PROFILE"));
      return LB_CLI_OK;
    }
  if ((profile = profile_argument (cli, argc, argv, _("usage: profile forget-password PROFILE"), &status)) == NULL)
    return status;
  if (!lb_sql_secret_clear (profile, NULL, &error))
    status = lb_cli_report_error (cli, error);
  lb_record_free (profile);
  return status;
}

LbConnectionProfile *
lb_cli_profile_option (LbCli   *cli,
                GArray  *options,
                char   **password,
                int     *status)
{
  const char *name = lb_cli_option_get (options, "profile");
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  LbConnectionProfile *profile;

  *password = NULL;
  if (name == NULL)
    {
      *status = lb_cli_usage_error (_("--profile NAME is required"));
      return NULL;
    }
  if ((profile = lb_cli_lookup (cli, &lb_connection_profile_kind, name)) == NULL)
    {
      *status = LB_CLI_FAILURE;
      return NULL;
    }
  if (profile->auth == LB_AUTH_SQL_LOGIN && profile->login != NULL)
    {
      *password = lb_sql_secret_lookup (profile, NULL, &error);
      if (error != NULL)
        {
          *status = lb_cli_report_error (cli, error);
          lb_record_free (profile);
          return NULL;
        }
      if (*password == NULL)
        g_printerr (_("linkbench-cli: no password is stored for %s; run “linkbench-cli profile set-password %s”\n"),
                    profile->login, profile->name);
    }
  if ((warning = lb_sql_profile_security_warning (profile)) != NULL)
    g_printerr (_("Warning: %s\n"), warning);
  return profile;
}

static LbSqlConnection *
connection_option (LbCli                *cli,
                   GArray               *options,
                   LbConnectionProfile **profile_out,
                   int                  *status)
{
  char *password;
  LbSqlConnection *connection;

  if ((*profile_out = lb_cli_profile_option (cli, options, &password, status)) == NULL)
    return NULL;
  connection = lb_sql_connection_new (*profile_out, password);
  if (password != NULL)
    lb_sql_secret_free (password);
  return connection;
}

static int
profile_test (LbCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GArray) profile_options = g_array_new (FALSE, TRUE, sizeof (LbCliOption));
  LbConnectionProfile *profile = NULL;
  int status = LB_CLI_OK;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] profile test PROFILE"),
               _("Logs in with the profile and prints the server's name and version."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options)
      || !lb_cli_only_options (options, (const char *const[]) { NULL }))
    return LB_CLI_USAGE;
  if (positional->len != 1)
    return lb_cli_usage_error (_("usage: profile test PROFILE"));
  g_array_append_val (profile_options, ((LbCliOption) { (char *) "profile", positional->pdata[0] }));
  if ((connection = connection_option (cli, profile_options, &profile, &status)) == NULL)
    return status;
  if ((description = lb_sql_connection_describe_server (connection, NULL, &error)) == NULL)
    status = lb_cli_report_error (cli, error);
  else
    /* TRANSLATORS: "Connected to SQL01 (16.0.4125.3, Enterprise Edition) as linkbench." */
    g_print (_("Connected to %s as %s.\n"), description, profile->login != NULL ? profile->login : "?");
  lb_record_free (profile);
  return status;
}

int
lb_cli_profile_run (LbCli *cli,
                    int    argc,
                    char **argv)
{
  static const char *const columns[] = { "name", "side", "host", "port", "login", "encryption", NULL };
  static const LbCliCommand extra[] = {
    { "set-password", N_("Keep the login's password in the keyring"), profile_set_password },
    { "forget-password", N_("Remove the login's password from the keyring"), profile_forget_password },
    { "test", N_("Log in and print the server's version"), profile_test },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "profile",
    .kind = &lb_connection_profile_kind,
    .list_columns = columns,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}

static char *
verdict_text (LbProbeVerdict verdict)
{
  return g_utf8_strup (_(lb_enum_info_label (&lb_probe_verdict_enum, verdict)), -1);
}

int
lb_cli_probe_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const allowed[] = { "project", "profile", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  LbConnectionProfile *profile = NULL;
  LbProject *project = NULL;
  int status;
  gboolean clean = TRUE;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] probe --project P --profile X"),
               _("Checks the SQL Server-side prerequisites of the project's link on its source database: build\n"
                 "and Azure Connect pack, Always On, recovery model and backups, the database master key, the\n"
                 "mirroring endpoint, certificates, trace flags, log reuse and the login's permissions. Each\n"
                 "check passes, warns, fails or could not be checked; the project's technical prerequisites are\n"
                 "updated and every query is kept with its rows as evidence. The login needs VIEW SERVER STATE\n"
                 "and VIEW ANY DEFINITION. Exit status 0 when nothing failed and everything was checked."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, NULL, allowed, &options))
    return LB_CLI_USAGE;
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if ((connection = connection_option (cli, options, &profile, &status)) == NULL)
    goto out;

  if ((checks = lb_link_probe_run (cli->store, project, connection, profile->login, NULL, &error)) == NULL)
    {
      status = lb_cli_report_error (cli, error);
      goto out;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < checks->len; i++)
        {
          const LbProbeCheck *check = checks->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "check");
          json_builder_add_string_value (builder, lb_link_probe_check_title (check->id));
          json_builder_set_member_name (builder, "verdict");
          json_builder_add_string_value (builder, lb_enum_info_nick (&lb_probe_verdict_enum, check->verdict));
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, check->reason);
          json_builder_set_member_name (builder, "evidence");
          json_builder_add_value (builder, json_node_copy (check->evidence));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      {
        g_autoptr(JsonNode) root = json_builder_get_root (builder);

        lb_cli_print_json (root);
      }
    }
  for (guint i = 0; i < checks->len; i++)
    {
      const LbProbeCheck *check = checks->pdata[i];

      if (check->verdict == LB_PROBE_FAIL || check->verdict == LB_PROBE_UNKNOWN)
        clean = FALSE;
      if (!cli->json)
        {
          g_autofree char *verdict = verdict_text (check->verdict);

          g_print ("%-16s %s\n%17s%s\n", verdict, lb_link_probe_check_title (check->id), "", check->reason);
        }
    }
  status = clean ? LB_CLI_OK : LB_CLI_FAILURE;

out:
  if (profile != NULL)
    lb_record_free (profile);
  lb_record_free (project);
  return status;
}

gint64
lb_cli_parse_duration_ms (const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (value) || value <= 0)
    return -1;
  if (*end == '\0' || g_str_equal (end, "s"))
    return (gint64) (value * 1000);
  if (g_str_equal (end, "m"))
    return (gint64) (value * 60000);
  if (g_str_equal (end, "h"))
    return (gint64) (value * 3600000);
  return -1;
}

/* "12.5 s" with @digits decimals, or a dash when unknown. */
static char *
format_number (double      value,
               int         digits,
               const char *unit)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.*f %s", digits, value, unit);
}

static void
print_event (const LbLagSamplerEvent *event,
             gpointer                 user_data)
{
  LbCli *cli = user_data;

  if (event->kind == LB_LAG_SAMPLER_CONNECTED)
    g_printerr (_("Connected; sampling.\n"));
  else if (event->kind == LB_LAG_SAMPLER_LOST)
    g_printerr (_("%s — retrying in %.1f s (the gap is recorded)\n"), event->error->message,
                event->retry_in_ms / 1000.0);
  else if (cli->json)
    {
      const LbLagSample *s = &event->poll->sample;
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *when = lb_time_format_iso_utc (s->t);

      /* One JSON object per line, so that a pipeline can read samples as they come. */
      g_string_append_printf (line, "{\"t\":\"%s\"", when);
#define MEMBER(name, value) \
      if (!isnan (value)) g_string_append_printf (line, ",\"%s\":%.6g", name, value)
      MEMBER ("lag_s", s->lag_s);
      MEMBER ("secondary_lag_s", s->secondary_lag_s);
      MEMBER ("log_send_queue_kb", s->log_send_queue_kb);
      MEMBER ("redo_queue_kb", s->redo_queue_kb);
      MEMBER ("send_rate_bps", s->send_rate_bps);
      MEMBER ("redo_rate_bps", s->redo_rate_bps);
      MEMBER ("data_at_risk_s", event->data_at_risk_s);
      MEMBER ("catch_up_s", event->poll->catch_up_s);
#undef MEMBER
      if (s->sync_state != LB_UNSET_ENUM)
        g_string_append_printf (line, ",\"sync_state\":\"%s\"", lb_enum_info_nick (&lb_sync_state_enum, s->sync_state));
      g_string_append (line, "}\n");
      fputs (line->str, stdout);
      fflush (stdout);
    }
  else
    {
      const LbLagSample *s = &event->poll->sample;
      g_autofree char *when = lb_time_format_local_seconds (s->t);
      g_autofree char *lag = format_number (s->lag_s, 1, "s");
      g_autofree char *secondary = format_number (s->secondary_lag_s, 0, "s");
      g_autofree char *send = format_number (s->log_send_queue_kb, 0, "KB");
      g_autofree char *redo = format_number (s->redo_queue_kb, 0, "KB");
      g_autofree char *risk = format_number (event->data_at_risk_s, 1, "s");
      g_autofree char *catch_up = format_number (event->poll->catch_up_s, 1, "s");

      /* TRANSLATORS: one sample line of "linkbench-cli sample" */
      g_print (_("%s  lag %s (engine %s)  send queue %s  redo queue %s  at risk %s  catch-up %s  %s\n"), when, lag,
               secondary, send, redo, risk, catch_up,
               s->sync_state != LB_UNSET_ENUM ? _(lb_enum_info_label (&lb_sync_state_enum, s->sync_state)) : "");
      fflush (stdout);
    }
}

typedef struct
{
  LbCli                     *cli;
  char                      *db_path;
  gint64                     project_id;
  LbConnectionProfile       *profile;
  char                      *password;
  LbLagSamplerOptions        options;
  GCancellable              *cancellable;
  guint                      n_samples;
  GError                    *error;
  gboolean                   ok;
} SampleJob;

typedef struct
{
  GThreadFunc  func;
  gpointer     data;
  GMainLoop   *loop;
} Worker;

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gpointer
run_worker (gpointer user_data)
{
  Worker *worker = user_data;

  worker->func (worker->data);
  g_idle_add (quit_loop, worker->loop);
  return NULL;
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

void
lb_cli_run_interruptible (GThreadFunc   func,
                          gpointer      data,
                          GCancellable *cancellable)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Worker worker = { func, data, loop };
  guint sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  guint sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  GThread *thread = g_thread_new ("linkbench-cli-worker", run_worker, &worker);

  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  g_source_remove (sigterm);
}

static gpointer
sample_thread (gpointer user_data)
{
  SampleJob *job = user_data;

  job->ok = lb_lag_sampler_run (job->db_path, job->project_id, job->profile, job->password, &job->options,
                                print_event, job->cli, job->cancellable, &job->n_samples, &job->error);
  return NULL;
}

int
lb_cli_sample_run (LbCli *cli,
                   int    argc,
                   char **argv)
{
  static const char *const allowed[] = { "project", "profile", "interval", "count", "duration", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SampleJob job = { 0 };
  LbProject *project = NULL;
  const char *value;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] sample --project P --profile X [--interval S] [--count N | --duration D]"),
               _("Samples the project's link on its SQL Server primary every S seconds (default 5): commit-time\n"
                 "lag, the engine's secondary_lag_seconds, send and redo queues and rates, synchronization state,\n"
                 "the data at risk and the catch-up time. Samples are stored as they come; a lost connection is\n"
                 "retried with backoff and kept as a gap, never as zero lag. Stops after N samples, after D\n"
                 "(90, 90s, 15m, 2h), or on Ctrl+C. With --json, one JSON object per sample and line."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, NULL, allowed, &options))
    return LB_CLI_USAGE;
  lb_lag_sampler_options_init (&job.options);
  if (!lb_cli_time_option (options, "interval", 100, &job.options.interval_ms)
      || !lb_cli_time_option (options, "duration", 1, &job.options.duration_ms))
    return LB_CLI_USAGE;
  if ((value = lb_cli_option_get (options, "count")) != NULL)
    {
      guint64 count;

      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &count, NULL))
        return lb_cli_usage_error (_("--count: give a whole number of samples, at least 1"));
      job.options.max_samples = (guint) count;
    }
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if ((job.profile = lb_cli_profile_option (cli, options, &job.password, &status)) == NULL)
    {
      lb_record_free (project);
      return status;
    }

  job.cli = cli;
  job.db_path = g_strdup (lb_store_get_path (cli->store));
  job.project_id = project->id;
  job.cancellable = cancellable;
  lb_cli_run_interruptible (sample_thread, &job, cancellable);

  if (!job.ok)
    status = lb_cli_report_error (cli, job.error);
  else
    {
      g_printerr (g_dngettext (NULL, "Stored %u sample.\n", "Stored %u samples.\n", job.n_samples), job.n_samples);
      status = LB_CLI_OK;
    }
  g_clear_error (&job.error);
  if (job.password != NULL)
    lb_sql_secret_free (job.password);
  g_free (job.db_path);
  lb_record_free (job.profile);
  lb_record_free (project);
  return status;
}

static void
print_links_text (GPtrArray *links)
{
  if (links->len == 0)
    g_print ("%s\n", _("No links (distributed availability groups) on this server."));
  for (guint i = 0; i < links->len; i++)
    {
      const LbServerLink *link = links->pdata[i];

      g_print ("%s\n", link->name);
      for (guint r = 0; r < link->replicas->len; r++)
        {
          const LbServerLinkReplica *replica = link->replicas->pdata[r];

          /* TRANSLATORS: one side of a link: "  this side  AG_ERP  PRIMARY  CONNECTED  tcp://sql01:5022  ASYNCHRONOUS_COMMIT" */
          g_print ("  %-10s %-20s %-10s %-12s %s  %s\n", replica->is_local ? _("this side") : _("partner"),
                   replica->ag_name != NULL ? replica->ag_name : "?", replica->role != NULL ? replica->role : "–",
                   replica->connected_state != NULL ? replica->connected_state : "–",
                   replica->endpoint_url != NULL ? replica->endpoint_url : "–",
                   replica->availability_mode != NULL ? replica->availability_mode : "");
          if (replica->last_connect_error != NULL)
            g_print (_("             last connection error %s\n"), replica->last_connect_error);
        }
      for (guint d = 0; d < link->databases->len; d++)
        {
          const LbServerLinkDatabase *database = link->databases->pdata[d];

          g_print (_("  database   %-20s %s, %s\n"), database->database_name != NULL ? database->database_name : "?",
                   database->synchronization_state != NULL ? database->synchronization_state : "–",
                   database->synchronization_health != NULL ? database->synchronization_health : "–");
        }
    }
}

static JsonNode *
links_to_json (GPtrArray *links)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

#define MEMBER(name, value) \
  G_STMT_START { json_builder_set_member_name (builder, name); \
                 if ((value) != NULL) json_builder_add_string_value (builder, value); \
                 else json_builder_add_null_value (builder); } G_STMT_END
  json_builder_begin_array (builder);
  for (guint i = 0; i < links->len; i++)
    {
      const LbServerLink *link = links->pdata[i];

      json_builder_begin_object (builder);
      MEMBER ("name", link->name);
      json_builder_set_member_name (builder, "replicas");
      json_builder_begin_array (builder);
      for (guint r = 0; r < link->replicas->len; r++)
        {
          const LbServerLinkReplica *replica = link->replicas->pdata[r];

          json_builder_begin_object (builder);
          MEMBER ("ag", replica->ag_name);
          json_builder_set_member_name (builder, "is_local");
          json_builder_add_boolean_value (builder, replica->is_local);
          MEMBER ("role", replica->role);
          MEMBER ("connected_state", replica->connected_state);
          MEMBER ("endpoint_url", replica->endpoint_url);
          MEMBER ("availability_mode", replica->availability_mode);
          MEMBER ("failover_mode", replica->failover_mode);
          MEMBER ("seeding_mode", replica->seeding_mode);
          MEMBER ("synchronization_health", replica->synchronization_health);
          MEMBER ("last_connect_error", replica->last_connect_error);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "databases");
      json_builder_begin_array (builder);
      for (guint d = 0; d < link->databases->len; d++)
        {
          const LbServerLinkDatabase *database = link->databases->pdata[d];

          json_builder_begin_object (builder);
          MEMBER ("name", database->database_name);
          MEMBER ("synchronization_state", database->synchronization_state);
          MEMBER ("synchronization_health", database->synchronization_health);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
#undef MEMBER
  return json_builder_get_root (builder);
}

int
lb_cli_links_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const allowed[] = { "profile", "bind-project", "link", "database", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) connection = NULL;
  g_autoptr(GPtrArray) links = NULL;
  LbConnectionProfile *profile = NULL;
  const char *bind = NULL, *link_name;
  int status = LB_CLI_OK;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] links --profile X [--bind-project P --link L [--database D]]"),
               _("Lists the links (distributed availability groups) the server takes part in: both sides with\n"
                 "their availability groups, roles, connection state, endpoints and modes, the last connection\n"
                 "error, and the linked databases. --bind-project stores link L's names, replication mode and\n"
                 "role (and database D) in project P."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, NULL, allowed, &options))
    return LB_CLI_USAGE;
  bind = lb_cli_option_get (options, "bind-project");
  link_name = lb_cli_option_get (options, "link");
  if ((bind == NULL) != (link_name == NULL))
    return lb_cli_usage_error (_("--bind-project P and --link L go together"));
  if ((connection = connection_option (cli, options, &profile, &status)) == NULL)
    return status;
  if ((links = lb_link_discovery_run (connection, NULL, &error)) == NULL)
    status = lb_cli_report_error (cli, error);
  else if (bind != NULL)
    {
      const LbServerLink *chosen = NULL;
      LbProject *project = lb_cli_lookup (cli, &lb_project_kind, bind);

      for (guint i = 0; i < links->len; i++)
        if (g_ascii_strcasecmp (((LbServerLink *) links->pdata[i])->name, link_name) == 0)
          chosen = links->pdata[i];
      if (project == NULL)
        status = LB_CLI_FAILURE;
      else if (chosen == NULL)
        {
          g_printerr (_("linkbench-cli: the server has no link “%s”\n"), link_name);
          status = LB_CLI_FAILURE;
        }
      else if (!lb_link_discovery_bind (cli->store, project->id, chosen, lb_cli_option_get (options, "database"),
                                        &error))
        status = lb_cli_report_error (cli, error);
      else
        g_print (_("Bound project “%s” to the link %s.\n"), project->name, chosen->name);
      if (project != NULL)
        lb_record_free (project);
    }
  else if (cli->json)
    {
      g_autoptr(JsonNode) node = links_to_json (links);

      lb_cli_print_json (node);
    }
  else
    print_links_text (links);
  lb_record_free (profile);
  return status;
}

int
lb_cli_roles_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const allowed[] = { "project", "profile", "mi-profile", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GArray) mi_options = g_array_new (FALSE, TRUE, sizeof (LbCliOption));
  g_autoptr(GError) error = NULL;
  g_autoptr(LbSqlConnection) source = NULL;
  g_autoptr(LbSqlConnection) target = NULL;
  LbConnectionProfile *source_profile = NULL, *target_profile = NULL;
  LbLinkRoles roles = { 0 };
  LbProject *project = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] roles --project P --profile X --mi-profile Y"),
               _("Asks both sides of the project's link which role they hold. Both primary is split brain: exit\n"
                 "status 1 and what to do. Exit status 0 when exactly one side is primary or neither answered\n"
                 "primary."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, NULL, allowed, &options))
    return LB_CLI_USAGE;
  if (lb_cli_option_get (options, "mi-profile") == NULL)
    return lb_cli_usage_error (_("--mi-profile NAME is required"));
  g_array_append_val (mi_options, ((LbCliOption) { (char *) "profile", (char *) lb_cli_option_get (options, "mi-profile") }));
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if (project->link_name == NULL)
    {
      lb_record_free (project);
      g_printerr (_("linkbench-cli: the project names no link; bind it with “linkbench-cli links --bind-project”\n"));
      return LB_CLI_FAILURE;
    }
  if ((source = connection_option (cli, options, &source_profile, &status)) == NULL
      || (target = connection_option (cli, mi_options, &target_profile, &status)) == NULL)
    goto out;
  if (!lb_link_roles_check (source, target, project->link_name, &roles, NULL, &error))
    {
      status = lb_cli_report_error (cli, error);
      goto out;
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sqlserver_role");
      json_builder_add_string_value (builder, roles.sqlserver_role);
      json_builder_set_member_name (builder, "managed_instance_role");
      json_builder_add_string_value (builder, roles.managed_instance_role);
      json_builder_set_member_name (builder, "split_brain");
      json_builder_add_boolean_value (builder, roles.split_brain);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, roles.summary);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      lb_cli_print_json (node);
    }
  else
    g_print ("%s\n", roles.summary);
  status = roles.split_brain ? LB_CLI_FAILURE : LB_CLI_OK;

out:
  lb_link_roles_clear (&roles);
  if (source_profile != NULL)
    lb_record_free (source_profile);
  if (target_profile != NULL)
    lb_record_free (target_profile);
  lb_record_free (project);
  return status;
}
